using System.Text.Json.Nodes;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Notifications;
using PartnershipBot.Storage;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>
/// A bot with the PPM (Pat) and two SMT members (Sam, Sue) configured, and helpers to submit a proposal and read
/// what the approval feature wrote: the submission and its outbox messages.
/// </summary>
internal static class ApprovalScenario
{
    public const string PpmId = "aad-pat";
    public static readonly string[] SmtIds = ["aad-sam", "aad-sue"];

    public static Task<BotHarness> StartAsync(string rule = "AnyOne", bool divisionalHead = false, TimeProvider? time = null, Action<HarnessOptions>? configure = null) =>
        BotHarness.StartAsync(o =>
        {
            o.Settings["Register:RoleHolders:PPM"] = PpmId;
            o.Settings["Approvals:SmtUserIds:0"] = SmtIds[0];
            o.Settings["Approvals:SmtUserIds:1"] = SmtIds[1];
            o.Settings["Approvals:Rule"] = rule;
            o.Settings["Approvals:DivisionalHeadStage"] = divisionalHead ? "true" : "false";
            o.Time = time;

            // No Graph here (ApprovalGraphTests has a fake one): a closed local port, so nothing leaves the machine.
            o.Settings["Graph:BaseUrl"] = "http://127.0.0.1:9/v1.0";
            configure?.Invoke(o);
        });

    /// <summary>Answers every question of a new partnership and submits it; returns the submitted card and the submission id.</summary>
    public static async Task<(JsonObject Card, string SubmissionId)> SubmitAsync(TeamsUser user, Action<Dictionary<string, string>>? adjust = null)
    {
        var card = (await user.SayAsync("new partnership")).Card!;
        var draftId = StepCard.DraftId(card);
        for (var guard = 0; StepCard.IsQuestion(card); guard++)
        {
            Assert.True(guard < 100, "The journey never reached the review.");
            var answers = StepCard.ValidAnswers(card);
            adjust?.Invoke(answers);
            card = await user.ClickAsync(card, "Next", answers);
            if (CardInspector.ButtonTitles(card).Contains("Yes, keep this date"))
            {
                // The start date is in the past on this bot's clock: the officer confirms it (issue 18.10).
                card = await user.ClickAsync(card, "Yes, keep this date");
            }
        }

        return (await user.ClickAsync(card, "Submit"), draftId);
    }

    /// <summary>A complete Divisional Head assessment (s.4.1), as typed on the card to endorse.</summary>
    public static Dictionary<string, string> Assessment => new()
    {
        ["aimsFit"] = "contributes",
        ["aimsReasoning"] = "Supports the council's aims for young people",
        ["conclusions"] = "A sound proposal with manageable risks",
        ["reportToExecutive"] = "false",
    };

    /// <summary>Rates every section 3.1 self-check "Not met".</summary>
    public static void NotMet(Dictionary<string, string> answers)
    {
        if (answers.ContainsKey("rating"))
        {
            answers["rating"] = "Not met";
        }
    }

    public static Task<Submission?> StoredAsync(BotHarness bot, string id) => bot.Get<ISubmissionStore>().GetAsync(id, default);

    /// <summary>Every outbox message written so far.</summary>
    public static IReadOnlyList<OutboxMessage> Outbox(BotHarness bot) =>
        StoredRecords.Outbox(bot);

    /// <summary>The decisions the submitter was told of (not other messages to them, such as who could not be reached).</summary>
    public static IReadOnlyList<OutboxMessage> DecisionsTold(BotHarness bot, string submitterId) =>
        Outbox(bot).Where(m => m.RecipientId == submitterId && m.IdempotencyKey.Contains(":decision:", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// Says something and returns the bot's reply to it, passing over proactive messages that reached the chat
    /// meanwhile (decisions, approvers who could not be reached), which arrive in no fixed order relative to the reply.
    /// </summary>
    public static async Task<ConnectorCall> ReplyToAsync(BotHarness bot, TeamsUser user, string text)
    {
        var activity = user.Message(text);
        using var response = await user.SendAsync(activity);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var id = activity["id"]!.GetValue<string>();
        for (var guard = 0; guard < 20; guard++)
        {
            if (await bot.Connector.NextAsync(user.ConversationId) is { Kind: "reply" } call && call.ReplyToId == id)
            {
                return call;
            }
        }

        throw new InvalidOperationException($"The bot never replied to \"{text}\".");
    }

    /// <summary>Reads a chat until a proactive message containing <paramref name="text"/> arrives, passing over others.</summary>
    public static async Task<ConnectorCall> MessageWithAsync(BotHarness bot, TeamsUser user, string text)
    {
        for (var guard = 0; guard < 20; guard++)
        {
            if (await bot.Connector.NextAsync(user.ConversationId) is var call && call.Shown.Contains(text, StringComparison.Ordinal))
            {
                return call;
            }
        }

        throw new InvalidOperationException($"{user.Name} never received \"{text}\".");
    }

    /// <summary>The approval card enqueued for a person (as delivered to their chat), the latest stage first.</summary>
    public static JsonObject CardFor(BotHarness bot, string recipientId) =>
        Outbox(bot).Where(m => m.Kind == OutboxKind.ChatCard && m.RecipientId == recipientId && m.Topic?.StartsWith("submission:", StringComparison.Ordinal) == true)
            .OrderByDescending(m => m.CreatedAt).First().Payload!;
}
