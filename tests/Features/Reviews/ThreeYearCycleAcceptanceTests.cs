using System.Text.Json.Nodes;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>
/// Issue 17's acceptance test: three simulated years on a fake clock with the register of 16. Every partnership is
/// asked for its annual review every March in one digest per person; each gets the three-yearly points exactly once,
/// spread over the cycles; last year's answers pre-fill; SMT get each review completed in Teams and record outcomes;
/// "agree disengagement" makes the partnership Disengaging and asks for the contingent liabilities; reminders and the
/// escalation reach what is still outstanding; restarts on prompt days send nothing twice.
/// </summary>
public sealed class ThreeYearCycleAcceptanceTests
{
    private const string WithThreeYearly = "Annual review with the three-yearly points (section 3.7)";
    private static readonly ReviewCalendar March = ReviewCalendar.From(new ReviewOptions());

    // Hana (HCS) completes her five in Teams every year; the other eleven are recorded as done for speed.
    private static readonly string[] HanasFive = ["kp03", "kp07", "kp11", "kp12", "kp13"];

    [Fact]
    public async Task ThreeYears_RegisterOfSixteen_AskedEveryMarchThreeYearlyOnceEachPrefilledDecidedBySmtNothingSentTwice()
    {
        await using var bot = await CycleBot.StartAsync(new DateTimeOffset(2027, 2, 20, 12, 0, 0, TimeSpan.Zero));
        var all = await bot.Register.AllAsync(default);
        Assert.Equal(16, all.Count);
        var hana = bot.Harness.User("Hana");
        var sam = bot.Harness.User("Sam");
        var threeYearly = new Dictionary<int, List<string>>();

        for (var cycle = 2027; cycle <= 2029; cycle++)
        {
            var prompt = March.PromptAt(cycle);

            // Nothing before the prompt time; at it, one digest per person; a restart that day sends nothing again.
            bot.Clock.SetUtcNow(prompt.AddMinutes(-1));
            await bot.RunSchedulerAsync();
            Assert.DoesNotContain(bot.Outbox.Messages, m => m.IdempotencyKey.EndsWith($":{cycle}:chat", StringComparison.Ordinal));
            bot.Clock.SetUtcNow(prompt);
            await bot.RunSchedulerAsync();
            await bot.RestartAsync();
            await bot.RunSchedulerAsync();

            var digests = bot.Outbox.Messages.Where(m => m.Kind == OutboxKind.ChatCard && m.IdempotencyKey.StartsWith("annual-digest:", StringComparison.Ordinal)
                && m.IdempotencyKey.EndsWith($":{cycle}:chat", StringComparison.Ordinal)).ToList();
            Assert.Equal(["aad-chris", "aad-eve", "aad-hana", "aad-pat"], digests.Select(m => m.RecipientId).Order(StringComparer.Ordinal));
            var rows = digests.SelectMany(m => Digests.Rows(m.Payload!)).ToList();
            Assert.Equal(all.Select(p => p.Id).Order(StringComparer.Ordinal), rows.Select(r => r.Key).Order(StringComparer.Ordinal));
            threeYearly[cycle] = rows.Where(r => r.Value.Contains(WithThreeYearly, StringComparison.Ordinal)).Select(r => r.Key).ToList();

            // Hana completes her five from her digest, on the second day.
            bot.Clock.SetUtcNow(prompt.AddDays(1));
            var digest = Digests.Prompt(bot.Outbox, CycleBot.Hcs, cycle);
            Assert.Equal(HanasFive, Digests.PartnershipIds(digest));
            foreach (var id in HanasFive)
            {
                var disengage = id == CycleBot.CommunitySafety && cycle == 2029;
                await CompleteAsync(hana, await Digests.ClickForAsync(hana, digest, id), cycle, disengage, expectPrefill: cycle > 2027);
            }

            // The other eleven are done on the fifth day, except the PPM's Vine HR in the first year, left to be chased.
            foreach (var p in all.Where(p => !HanasFive.Contains(p.Id) && !(cycle == 2027 && p.Id == "kp16")))
            {
                await RecordAsync(bot, p, cycle, threeYearly[cycle].Contains(p.Id), prompt.AddDays(5));
            }

            // SMT receive each of Hana's reviews in Teams and record their outcome on Community Safety's.
            var stored = (await bot.Register.AllAsync(default)).ToDictionary(p => p.Id);
            foreach (var id in HanasFive)
            {
                var draftId = stored[id].ReviewFor(cycle)!.DraftId;
                Assert.Equal(["aad-sam", "aad-sue"], SmtCards(bot, draftId).Select(m => m.RecipientId).Order(StringComparer.Ordinal));
            }

            var safetyDraft = stored[CycleBot.CommunitySafety].ReviewFor(cycle)!.DraftId;
            var samsCard = SmtCards(bot, safetyDraft).Single(m => m.RecipientId == "aad-sam").Payload!;
            var decision = cycle switch { 2027 => "Noted", 2028 => "Reaffirm commitment", _ => "Agree disengagement" };
            await sam.ClickAsync(samsCard, decision, new Dictionary<string, string> { ["comment"] = $"SMT {cycle}" });
            Assert.Equal($"SMT {cycle}", (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!.ReviewFor(cycle)!.Decision!.Comment);

            if (cycle == 2027)
            {
                // What is still outstanding is chased: the PPM is reminded at 14 and 28 days and, as the register's keeper,
                // gets the overdue list at 28; then Vine HR is done.
                await bot.RunDaysUntilAsync(prompt.AddDays(28));
                var reminders = bot.Outbox.Messages.Where(m => m.IdempotencyKey.StartsWith("annual-reminder-digest:aad-pat:2027:", StringComparison.Ordinal)).ToList();
                Assert.Equal(["annual-reminder-digest:aad-pat:2027:20270315:chat", "annual-reminder-digest:aad-pat:2027:20270329:chat"], reminders.Select(m => m.IdempotencyKey));
                Assert.All(reminders, m => Assert.Equal(["kp16"], Digests.PartnershipIds(m.Payload)));
                var overdue = Assert.Single(bot.Outbox.Messages, m => m.IdempotencyKey.StartsWith("annual-escalation-digest:", StringComparison.Ordinal));
                Assert.Equal(["kp16"], Digests.PartnershipIds(overdue.Payload, "Open partnership"));
                await RecordAsync(bot, all.Single(p => p.Id == "kp16"), cycle, threeYearly[cycle].Contains("kp16"), prompt.AddDays(29));
                Assert.DoesNotContain(bot.Outbox.Messages, m => m.IdempotencyKey.StartsWith("annual-reminder-digest:aad-hana:", StringComparison.Ordinal));
            }
        }

        // Each partnership had its three-yearly points exactly once in the three years, a third of the register each cycle.
        Assert.Equal(all.Select(p => p.Id).Order(StringComparer.Ordinal), threeYearly.Values.SelectMany(v => v).Order(StringComparer.Ordinal));
        Assert.Equal([6, 5, 5], threeYearly.OrderBy(kv => kv.Key).Select(kv => kv.Value.Count));

        // SMT agreed disengagement in 2029: Disengaging, and Hana is asked for the contingent liabilities, which she records.
        var safety = (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        Assert.Equal(PartnershipStatus.Disengaging, safety.Status);
        Assert.Equal([ReviewDecisionKind.Noted, ReviewDecisionKind.ReaffirmCommitment, ReviewDecisionKind.AgreeDisengagement], safety.Reviews.Select(r => r.Decision!.Kind));
        var ask = bot.Outbox.Messages.Single(m => m.IdempotencyKey == $"smt-review:{safety.ReviewFor(2029)!.DraftId}:1:{CycleBot.Hcs}:chat").Payload!;
        var step = await hana.ClickAsync(ask, "Record contingent liabilities");
        step = await hana.ClickAsync(step, "Next", new Dictionary<string, string> { ["details"] = "Share of the joint analyst post to March 2030." });
        step = await hana.ClickAsync(step, "Next", new Dictionary<string, string> { ["details"] = "Six months' notice." });
        await hana.ClickAsync(step, "Submit");
        Assert.Equal("Share of the joint analyst post to March 2030.", Assert.Single((await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!.ContingentLiabilityRecords).Details);

        // The next March a Disengaging partnership is not asked; the rest are.
        bot.Clock.SetUtcNow(March.PromptAt(2030));
        await bot.RunSchedulerAsync();
        var rows2030 = bot.Outbox.Messages.Where(m => m.IdempotencyKey.StartsWith("annual-digest:", StringComparison.Ordinal) && m.IdempotencyKey.EndsWith(":2030:chat", StringComparison.Ordinal))
            .SelectMany(m => Digests.Rows(m.Payload!).Keys).ToList();
        Assert.Equal(15, rows2030.Count);
        Assert.DoesNotContain(CycleBot.CommunitySafety, rows2030);

        // Nothing was sent twice across the restarts and the three years.
        var keys = bot.Outbox.Messages.Select(m => m.IdempotencyKey).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    private static List<OutboxMessage> SmtCards(CycleBot bot, string draftId) =>
        bot.Outbox.Messages.Where(m => m.Kind == OutboxKind.ChatCard && m.IdempotencyKey == $"review-smt:{draftId}:{m.RecipientId}:chat").ToList();

    private static Task RecordAsync(CycleBot bot, Partnership p, int cycle, bool threeYearly, DateTimeOffset on) =>
        bot.Register.RecordReviewAsync(p.Id, new ReviewOutcome(cycle, threeYearly ? ReviewKind.ThreeYearReview : ReviewKind.AnnualReturn, March.Today(on),
            p.LeadOfficerId, "Lead", Recommendation.ReaffirmCommitment, "", "", $"d-{p.Id}-{cycle}"), default);

    /// <summary>Answers every question (after the first year, from last year's answers) and submits.</summary>
    private static async Task CompleteAsync(TeamsUser hana, JsonObject step, int cycle, bool disengage, bool expectPrefill)
    {
        // Last year's answers are carried: the review opens at the first question asked afresh each year (3.6).
        Assert.Equal(expectPrefill ? "roles-reminded" : "terms-of-reference", StepCard.StepId(step));
        for (var guard = 0; StepCard.IsQuestion(step); guard++)
        {
            Assert.True(guard < 60, "The review never reached its summary.");
            var answers = StepCard.ValidAnswers(step);
            if (StepCard.StepId(step) == "recommendation")
            {
                answers["recommendation"] = disengage ? "Recommend disengagement" : "Reaffirm commitment";
                answers["reasons"] = $"Reasons {cycle}";
                answers["contingentLiabilities"] = disengage ? "Share of the joint analyst post." : "";
            }

            step = await hana.ClickAsync(step, "Next", answers);
        }

        Assert.Equal(expectPrefill, CardInspector.AllText(step).Contains("Last year:", StringComparison.Ordinal));
        await hana.ClickAsync(step, "Submit");
    }
}
