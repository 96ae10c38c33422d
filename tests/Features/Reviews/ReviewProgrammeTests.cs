using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>Three simulated years of the review cycle with the register of 16 (3.4-3.7, 4.3), on a fake clock.</summary>
public sealed class ReviewProgrammeTests
{
    private static readonly DateTimeOffset Prompt2027 = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private const string WithThreeYearly = "Annual review with the three-yearly points (section 3.7)";

    [Fact]
    public async Task ThreeYears_RegisterOfSixteen_AnnualReturnEveryYearAndThreeYearlyPointsOnceEachSpreadOverTheCycles()
    {
        await using var bot = await CycleBot.StartAsync(Prompt2027.AddDays(-10));
        var all = await bot.Register.AllAsync(default);
        Assert.Equal(16, all.Count);

        var threeYearly = new Dictionary<int, List<string>>();
        for (var cycle = 2027; cycle <= 2029; cycle++)
        {
            var prompt = Prompt2027.AddYears(cycle - 2027);
            bot.Clock.SetUtcNow(prompt);
            await bot.RunSchedulerAsync();
            // A restart on the prompt day sends nothing twice.
            await bot.RestartAsync();
            await bot.RunSchedulerAsync();

            // One digest per person asked; together they list every partnership exactly once.
            var prompts = bot.Outbox.Messages.Where(m => m.Kind == OutboxKind.ChatCard && m.IdempotencyKey.StartsWith("annual-digest:", StringComparison.Ordinal)
                && m.IdempotencyKey.EndsWith($":{cycle}:chat", StringComparison.Ordinal)).ToList();
            var rows = prompts.SelectMany(m => Digests.Rows(m.Payload!)).ToList();
            Assert.Equal(all.Select(p => p.Id).Order(StringComparer.Ordinal), rows.Select(r => r.Key).Order(StringComparer.Ordinal));
            Assert.All(prompts, m => Assert.Contains("Terms of reference", CardInspector.AllText(m.Payload)));

            threeYearly[cycle] = rows.Where(r => r.Value.Contains(WithThreeYearly, StringComparison.Ordinal)).Select(r => r.Key).ToList();
            Assert.All(prompts.Where(m => Digests.Rows(m.Payload!).Keys.Any(threeYearly[cycle].Contains)),
                m => Assert.Contains("The need for the partnership to continue", CardInspector.AllText(m.Payload)));

            // Every lead officer completes the cycle's review (the questionnaire the prompt named).
            foreach (var p in all)
            {
                var kind = threeYearly[cycle].Contains(p.Id) ? ReviewKind.ThreeYearReview : ReviewKind.AnnualReturn;
                await bot.Register.RecordReviewAsync(p.Id, new ReviewOutcome(cycle, kind, ReviewCalendar.From(new ReviewOptions()).Today(prompt).AddDays(5),
                    p.LeadOfficerId, "Lead", Recommendation.ReaffirmCommitment, "", "", $"d-{p.Id}-{cycle}"), default);
            }
        }

        // Each partnership had its three-yearly points exactly once, a third of the register each cycle.
        Assert.Equal(all.Select(p => p.Id).Order(StringComparer.Ordinal), threeYearly.Values.SelectMany(v => v).Order(StringComparer.Ordinal));
        Assert.Equal([6, 5, 5], threeYearly.OrderBy(kv => kv.Key).Select(kv => kv.Value.Count));
        // No prompt was sent twice across the restarts.
        var keys = bot.Outbox.Messages.Select(m => m.IdempotencyKey).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());

        // The next round is three cycles on from each.
        var after = await bot.Register.AllAsync(default);
        var calendar = ReviewCalendar.From(new ReviewOptions());
        Assert.All(after, p => Assert.Equal(threeYearly.Single(kv => kv.Value.Contains(p.Id)).Key + 3, ReviewSchedule.ThreeYearReviewCycle(p, calendar)));
    }
}
