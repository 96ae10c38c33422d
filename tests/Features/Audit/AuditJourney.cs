using System.Text.Json.Nodes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Audit;

/// <summary>Walks a questionnaire journey from its first question to Submit, answering each step with the given answers.</summary>
internal static class AuditJourney
{
    /// <param name="answer">Adjusts the valid answers of each step (by step id) before Next.</param>
    public static async Task<JsonObject> AnswerAndSubmitAsync(TeamsUser user, JsonObject card, Action<string, Dictionary<string, string>> answer)
    {
        for (var guard = 0; StepCard.IsQuestion(card); guard++)
        {
            Assert.True(guard < 40, "The journey never reached the review.");
            var answers = StepCard.ValidAnswers(card);
            answer(StepCard.StepId(card), answers);
            card = await user.ClickAsync(card, "Next", answers);
        }

        Assert.True(StepCard.IsReview(card), "Expected the review of every answer before Submit.");
        return await user.ClickAsync(card, "Submit");
    }
}
