using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Features.Ux;

/// <summary>
/// Over-long text is refused with its length and the limit, never cut, and comes back whole for editing (issue 18, item 8);
/// risk scores are a labelled choice of 1-5 whose rating shows as risks are added (item 9).
/// </summary>
public sealed class InputLimitTests
{
    [Fact]
    public async Task ApprovalComment_OverTheLimit_IsRefusedWithItsLengthAndKeptWholeOnTheCard()
    {
        await using var bot = await StartAsync();
        var (_, id) = await SubmitAsync(bot.User("Alice"));
        var card = CardFor(bot, "aad-sam");
        var comment = StepCard.Inputs(card).Single(i => i["id"]?.GetValue<string>() == "comment");
        Assert.Equal(2000, comment["maxLength"]!.GetValue<int>());
        Assert.Contains("up to 2,000 characters", comment["label"]!.GetValue<string>());
        var tooLong = string.Concat(Enumerable.Repeat("The exit costs are not covered. ", 80)).Trim();

        var again = await bot.User("Sam").ClickAsync(card, "Reject", new Dictionary<string, string> { ["comment"] = tooLong });

        Assert.Contains($"Comment is too long: {tooLong.Length:N0} characters, the limit is 2,000", CardInspector.AllText(again));
        Assert.Equal(tooLong, StepCard.Prefilled(again, "comment"));
        var stored = await StoredAsync(bot, id);
        Assert.Equal(SubmissionStatus.UnderReview, stored!.Status);
        Assert.Empty(stored.Decisions);
    }

    [Fact]
    public async Task QuestionCards_EveryTextInput_SaysTheLimitFromTheQuestionnaire()
    {
        await using var bot = await BotHarness.StartAsync();
        var alice = bot.User("Alice");
        var definition = bot.Get<QuestionnaireCatalog>().Get(QuestionnaireIds.NewPartnership);
        var card = (await alice.SayAsync("new partnership")).Card!;
        var seen = 0;
        for (var guard = 0; StepCard.IsQuestion(card); guard++)
        {
            Assert.True(guard < 100);
            var step = definition.FindStep(StepCard.StepId(card))!;
            foreach (var field in step.Fields.Where(f => f.Kind is FieldKind.Text or FieldKind.LongText))
            {
                var input = StepCard.Inputs(card).Single(i => i["id"]?.GetValue<string>() == field.Id);
                Assert.Equal(field.MaxLength, input["maxLength"]!.GetValue<int>());
                Assert.Contains($"up to {field.MaxLength:N0} characters", input["label"]!.GetValue<string>());
                seen++;
            }

            card = await alice.ClickAsync(card, "Next", StepCard.ValidAnswers(card));
        }

        Assert.True(seen > 20);
    }

    [Fact]
    public async Task PartnershipName_OverTheLimit_IsRefusedWithLengthAndLimit_KeptWhole_NothingSaved()
    {
        await using var bot = await BotHarness.StartAsync();
        var alice = bot.User("Alice");
        var card = (await alice.SayAsync("new partnership")).Card!;
        var name = new string('n', 250);

        var again = await alice.ClickAsync(card, "Next", new Dictionary<string, string> { ["name"] = name });

        Assert.Contains("250 characters, the limit is 200", CardInspector.AllText(again));
        Assert.Equal(name, StepCard.Prefilled(again, "name"));
        Assert.Null((await bot.Get<IDraftStore>().GetAsync(StepCard.DraftId(card), default))!.AnswerTo("partnership-name"));
    }

    [Fact]
    public async Task RiskCard_ScoresAreLabelledChoices_RatingShownAsRisksAreAdded_OutOfRangeRefused()
    {
        await using var bot = await BotHarness.StartAsync();
        var alice = bot.User("Alice");
        var card = (await alice.SayAsync("new partnership")).Card!;
        while (StepCard.StepId(card) != "risks")
        {
            card = await alice.ClickAsync(card, "Next", StepCard.ValidAnswers(card));
        }

        var likelihood = StepCard.Inputs(card).Single(i => i["id"]?.GetValue<string>() == "likelihood");
        var impact = StepCard.Inputs(card).Single(i => i["id"]?.GetValue<string>() == "impact");
        Assert.Equal("Input.ChoiceSet", likelihood["type"]!.GetValue<string>());
        Assert.Equal(["1 – Rare", "2 – Unlikely", "3 – Possible", "4 – Likely", "5 – Almost certain"],
            likelihood["choices"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()));
        Assert.Equal(["1 – Negligible", "2 – Minor", "3 – Moderate", "4 – Major", "5 – Severe"],
            impact["choices"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()));

        var risk = new Dictionary<string, string>
        {
            ["description"] = "Funding withdrawn", ["likelihood"] = "3", ["impact"] = "4", ["mitigation"] = "Exit clause", ["owner"] = "Alice",
        };
        var added = await alice.ClickAsync(card, "Add another", risk);
        Assert.Contains("Rating 12 of 25: Medium", CardInspector.AllText(added));

        var refused = await alice.ClickAsync(added, "Add another", new Dictionary<string, string>(risk) { ["likelihood"] = "7" });
        Assert.Contains("Please check", CardInspector.AllText(refused));
        var saved = (await bot.Get<IDraftStore>().GetAsync(StepCard.DraftId(card), default))!.AnswerTo("risks")!;
        Assert.Equal(["3"], saved.Items.Select(i => i["likelihood"]));
    }
}
