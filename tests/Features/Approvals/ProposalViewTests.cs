using System.Text.Json.Nodes;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>Issue 16.1: the whole proposal in front of those who decide, through the pipeline; nobody else reads it.</summary>
public sealed class ProposalViewTests
{
    /// <summary>Answers every question with a text unique to it; returns the submission id and every text typed.</summary>
    private static async Task<(string Id, List<string> Typed)> SubmitDistinctAsync(TeamsUser user)
    {
        var typed = new List<string>();
        var card = (await user.SayAsync("new partnership")).Card!;
        var draftId = StepCard.DraftId(card);
        for (var n = 0; StepCard.IsQuestion(card); n++)
        {
            Assert.True(n < 100, "The journey never reached the review.");
            var answers = StepCard.ValidAnswers(card);
            foreach (var key in answers.Keys.ToList().Where(k => answers[k].StartsWith("Answer for ", StringComparison.Ordinal)))
            {
                answers[key] = $"Typed {n}-{key} <b>&amp;</b>";

                // "Why it does not apply" is shown only for a question marked Not applicable (these apply).
                if (key != "reason")
                {
                    typed.Add(answers[key]);
                }
            }

            card = await user.ClickAsync(card, "Next", answers);
        }

        await user.ClickAsync(card, "Submit");
        return (draftId, typed);
    }

    /// <summary>Opens the proposal from a card and reads every page; returns the texts of all pages.</summary>
    private static async Task<(string Text, int Pages)> ReadAllPagesAsync(TeamsUser user, JsonObject card)
    {
        var page = await user.ClickAsync(card, "Open the proposal");
        var text = CardInspector.AllText(page);
        var pages = 1;
        while (CardInspector.FindExecuteAction(page, "Next page") is not null)
        {
            Assert.True(pages < 50, "Too many pages.");
            page = await user.ClickAsync(page, "Next page");
            text += "\n" + CardInspector.AllText(page);
            pages++;
        }

        return (text, pages);
    }

    [Fact]
    public async Task OpenProposal_SmtMemberFromTheApprovalCard_SeesEveryAnswerEveryCheckAndEveryRisk()
    {
        await using var bot = await StartAsync();
        var (id, typed) = await SubmitDistinctAsync(bot.User("Alice"));
        var (text, _) = await ReadAllPagesAsync(bot.User("Sam"), CardFor(bot, "aad-sam"));

        Assert.All(typed, t => Assert.Contains(t, text));
        var definition = bot.Get<QuestionnaireCatalog>().Get(QuestionnaireIds.NewPartnership);
        Assert.Equal(18, definition.Steps.Count(s => s.Section.StartsWith("Questions for New Partnerships", StringComparison.Ordinal)));
        Assert.All(definition.Steps.Where(s => !s.Repeatable), s => Assert.Contains(s.Text, text));
        Assert.Contains("Self-check (section 3.1)", text);
        Assert.Contains("Risk 1: likelihood 3 × impact 3 = 9, rated Medium", text);
        Assert.Contains("Awaiting a decision by the Senior Management Team", text);
        Assert.Contains("highest risk rating Medium", text);
        Assert.Equal(SubmissionStatus.UnderReview, (await StoredAsync(bot, id))!.Status);
    }

    [Fact]
    public async Task OpenProposal_ForwardedCardGuessedIdOrOtherTenant_IsNotAllowed()
    {
        // The other tenant is allowed to reach the bot: the proposal's own tenant check is what is tested.
        await using var bot = await StartAsync(configure: o => o.Settings["Bot:AllowedTenantIds:1"] = "tenant-other");
        var alice = bot.User("Alice");
        var (id, typed) = await SubmitDistinctAsync(alice);
        var forwarded = CardFor(bot, "aad-sam");

        var mallory = await bot.User("Sam", "aad-mallory").ClickAsync(forwarded, "Open the proposal");
        Assert.Contains(ProposalHandler.NotAllowedText, CardInspector.AllText(mallory));
        Assert.DoesNotContain(typed[0], mallory.ToJsonString());

        var sam = bot.User("Sam", "aad-sam");
        sam.TenantId = "tenant-other";
        var (_, other) = await sam.InvokeRawAsync("proposal.open", new JsonObject { ["verb"] = "proposal.open", ["submissionId"] = id });
        Assert.DoesNotContain("Typed 0-name", other?.ToJsonString() ?? "");

        var guessed = await bot.User("Sue").InvokeAsync("proposal.open", new JsonObject { ["verb"] = "proposal.open", ["submissionId"] = "000000000000" });
        Assert.Contains("Not found", CardInspector.AllText(guessed));

        // The submitter and the PPM may read it.
        var (own, _) = await ReadAllPagesAsync(alice, forwarded);
        Assert.Contains(typed[^1], own);
        var (ppm, _) = await ReadAllPagesAsync(bot.User("Pat", PpmId), CardFor(bot, PpmId));
        Assert.Contains(typed[^1], ppm);
    }

    [Fact]
    public async Task SubmittedCard_OpenTheProposal_ShowsItAndItsStatus()
    {
        await using var bot = await StartAsync();
        var alice = bot.User("Alice");
        var (submitted, _) = await SubmitAsync(alice);
        Assert.DoesNotContain("Open partnership", CardInspector.ButtonTitles(submitted));
        var page = await alice.ClickAsync(submitted, "Open the proposal");
        Assert.Contains("Awaiting a decision by the Senior Management Team", CardInspector.AllText(page));
        var back = await alice.ClickAsync(page, "Back to the approval");
        Assert.Contains("Awaiting a decision", CardInspector.AllText(back));
        Assert.DoesNotContain("Approve", CardInspector.ButtonTitles(back));
    }

    [Fact]
    public async Task ApprovalEmail_CarriesTheWholeProposalEscaped()
    {
        await using var bot = await StartAsync();
        var (_, typed) = await SubmitDistinctAsync(bot.User("Alice"));
        var mail = Outbox(bot).First(m => m.Kind == OutboxKind.Email);
        Assert.All(typed, t => Assert.Contains(System.Net.WebUtility.HtmlEncode(t), mail.Body));
        Assert.DoesNotContain("<b>&amp;</b>", mail.Body);
        Assert.Contains("Self-check (section 3.1)", mail.Body);
        Assert.Contains("rated Medium", mail.Body);
    }
}
