using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>Each year's review starts from last year's answers; what changed is marked for SMT (issue 17.2; 002).</summary>
public sealed class ReviewPrefillTests
{
    private static readonly DateTimeOffset Prompt2027 = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SecondYear_StartsFromLastYearsAnswers_KeptOrChangedAndChangesMarkedForSmt()
    {
        await using var bot = await CycleBot.StartAsync(Prompt2027);
        await bot.RunSchedulerAsync();
        var hana = bot.Harness.User("Hana");

        // 2027: the first review is asked in full.
        var first = await Digests.ClickForAsync(hana, Prompt(bot, 2027), CycleBot.CommunitySafety);
        Assert.Equal("terms-of-reference", StepCard.StepId(first));
        await AnswerAllAsync(hana, first, "2027");

        // 2028: the review opens at the first question asked afresh every year (3.6), last year's answers carried.
        bot.Clock.SetUtcNow(Prompt2027.AddYears(1));
        await bot.RunSchedulerAsync();
        var step = await Digests.ClickForAsync(hana, Prompt(bot, 2028), CycleBot.CommunitySafety);
        Assert.Equal("roles-reminded", StepCard.StepId(step));
        var summary = await AnswerAllAsync(hana, step, "2028");
        var text = CardInspector.AllText(summary);
        Assert.Contains("Last year: terms-of-reference 2027", text);
        Assert.Contains("Last year: value-to-council 2027", text);

        // One click changes an answer (Edit on the first, Terms of reference); the rest are kept as they are.
        var edit = await hana.ClickAsync(summary, "Edit");
        Assert.Equal("terms-of-reference", StepCard.StepId(edit));
        Assert.Equal("terms-of-reference 2027", StepCard.Prefilled(edit, "details"));
        var answers = StepCard.ValidAnswers(edit);
        answers["details"] = "Revised terms of reference, January 2028";
        summary = await hana.ClickAsync(edit, "Next", answers);
        Assert.DoesNotContain("Last year: Revised", CardInspector.AllText(summary));
        await hana.ClickAsync(summary, "Submit");

        var entry = (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        var review2028 = entry.ReviewFor(2028)!;
        var draft = (await bot.Harness.Get<IDraftStore>().GetAsync(review2028.DraftId, default))!;
        Assert.Equal("Revised terms of reference, January 2028", draft.AnswerTo("terms-of-reference")!.Value("details"));
        Assert.Equal("governance 2027", draft.AnswerTo("governance")!.Value("details"));
        Assert.Equal("Answer for comment 2028", draft.AnswerTo("roles-reminded")!.Value("comment"));

        // SMT see which answers changed since last year.
        var smt = bot.Outbox.Messages.First(m => m.Kind == OutboxKind.ChatCard && m.IdempotencyKey.StartsWith($"review-smt:{review2028.DraftId}:", StringComparison.Ordinal));
        var smtText = CardInspector.AllText(smt.Payload);
        Assert.Contains("Changed since last year's review", smtText);
        Assert.Contains("1 answers: Terms of reference", smtText);
        Assert.Contains("Changed since last year", smtText);
        Assert.Contains("Same as last year", smtText);
    }

    private static System.Text.Json.Nodes.JsonObject Prompt(CycleBot bot, int cycle) =>
        Digests.Prompt(bot.Outbox, CycleBot.Hcs, cycle);

    /// <summary>Answers every question still asked, each "stepId year" where a details box is; returns the summary card.</summary>
    private static async Task<System.Text.Json.Nodes.JsonObject> AnswerAllAsync(TeamsUser user, System.Text.Json.Nodes.JsonObject step, string year)
    {
        for (var guard = 0; StepCard.IsQuestion(step); guard++)
        {
            Assert.True(guard < 40, "The review never reached its summary.");
            var answers = StepCard.ValidAnswers(step);
            foreach (var key in answers.Keys.Where(k => answers[k].StartsWith("Answer for", StringComparison.Ordinal)).ToList())
            {
                answers[key] = key == "details" ? $"{StepCard.StepId(step)} {year}" : $"{answers[key]} {year}";
            }

            step = await user.ClickAsync(step, "Next", answers);
        }

        Assert.True(StepCard.IsReview(step));
        if (year == "2027")
        {
            await user.ClickAsync(step, "Submit");
        }

        return step;
    }
}
