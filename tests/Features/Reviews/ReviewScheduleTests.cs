using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>The cycle's rules as pure functions: dates in the council's time zone, the rolling three-yearly review, what is due.</summary>
public sealed class ReviewScheduleTests
{
    private static readonly ReviewCalendar March = ReviewCalendar.From(new ReviewOptions());

    private static Partnership Entry(DateOnly? start = null, DateOnly? lastThreeYear = null, DateOnly? lastAnnual = null) => new()
    {
        Id = "p1",
        Name = "Test partnership",
        LeadOfficerId = "aad-lead",
        LeadRole = "HCS",
        Status = PartnershipStatus.Active,
        StartDate = start,
        LastThreeYearReview = lastThreeYear,
        LastAnnualReturn = lastAnnual,
    };

    [Theory]
    [InlineData(2025, false)]
    [InlineData(2026, false)]
    [InlineData(2027, true)]
    [InlineData(2028, true)]
    public void KindFor_StartedJune2024_ThreeYearlyReviewFallsDueInTheThirdCycle(int cycle, bool threeYearly)
    {
        // Started in the 2024 cycle (after 1 March 2024); not yet reviewed, so 2028 still owes it.
        var expected = threeYearly ? ReviewKind.ThreeYearReview : ReviewKind.AnnualReturn;
        Assert.Equal(expected, ReviewSchedule.KindFor(Entry(start: new DateOnly(2024, 6, 1)), cycle, March));
    }

    [Fact]
    public void KindFor_ReviewCompletedInJanuary_CountsForThePreviousCycle()
    {
        // Completed in January 2028: that is the 2027 cycle, so the next is due in 2030, not 2031.
        var reviewed = Entry(start: new DateOnly(2020, 1, 1), lastThreeYear: new DateOnly(2028, 1, 15));

        Assert.Equal(2030, ReviewSchedule.ThreeYearReviewCycle(reviewed, March));
        Assert.Equal(ReviewKind.AnnualReturn, ReviewSchedule.KindFor(reviewed, 2029, March));
        Assert.Equal(ReviewKind.ThreeYearReview, ReviewSchedule.KindFor(reviewed, 2030, March));
    }

    [Fact]
    public void KindFor_PlannedCycle_IsWhenTheThreeYearlyPointsAreAskedUntilDoneThenThreeOn()
    {
        var planned = Entry() with { PlannedThreeYearCycle = 2028 };

        Assert.Equal(ReviewKind.AnnualReturn, ReviewSchedule.KindFor(planned, 2027, March));
        Assert.Equal(ReviewKind.ThreeYearReview, ReviewSchedule.KindFor(planned, 2028, March));
        // Not done in 2028: still owed in 2029, never skipped.
        Assert.Equal(ReviewKind.ThreeYearReview, ReviewSchedule.KindFor(planned, 2029, March));

        var done = planned with { LastThreeYearReview = new DateOnly(2028, 3, 20) };
        Assert.Equal(2031, ReviewSchedule.ThreeYearReviewCycle(done, March));
        Assert.Equal(ReviewKind.AnnualReturn, ReviewSchedule.KindFor(done, 2029, March));
    }

    [Fact]
    public void SpreadThreeYearly_SixteenInRegisterOrder_ThirdsOverThreeCycles()
    {
        var sixteen = Enumerable.Range(1, 16).Select(i => Entry() with { Id = $"kp{i:00}" }).ToList();

        var spread = ReviewSchedule.SpreadThreeYearly(sixteen, 2027);

        Assert.Equal([2027, 2028, 2029, 2027], spread.Take(4).Select(p => p.PlannedThreeYearCycle));
        Assert.Equal([6, 5, 5], spread.GroupBy(p => p.PlannedThreeYearCycle).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Theory]
    [InlineData("2026-12-03", 2027)]
    [InlineData("2027-03-01", 2027)]
    [InlineData("2027-03-02", 2028)]
    public void FirstCycleOwed_RegisteredOn_IsTheFirstPromptOnOrAfterIt(string registered, int cycle) =>
        Assert.Equal(cycle, ReviewSchedule.FirstCycleOwed(DateOnly.Parse(registered, System.Globalization.CultureInfo.InvariantCulture), March));

    [Fact]
    public void KindFor_NoStartOrReviewOnRecord_IsTheThreeYearlyReview() =>
        Assert.Equal(ReviewKind.ThreeYearReview, ReviewSchedule.KindFor(Entry(), 2027, March));

    [Fact]
    public void PromptAt_SummerDateInLondon_IsAnHourBeforeUtcClockTime()
    {
        var july = ReviewCalendar.From(new ReviewOptions { AnnualPromptDate = "07-01", PromptTime = "09:00" });

        Assert.Equal(new DateTimeOffset(2027, 7, 1, 8, 0, 0, TimeSpan.Zero), july.PromptAt(2027));
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero), March.PromptAt(2027));
    }

    [Fact]
    public void CycleAt_AroundThePromptInstant_ChangesExactlyAtIt()
    {
        var prompt = March.PromptAt(2027);

        Assert.Equal(2026, March.CycleAt(prompt.AddTicks(-1)));
        Assert.Equal(2027, March.CycleAt(prompt));
    }

    [Fact]
    public void Next_BeforeDueAfterPromptAndAfterReminderPoint_UpcomingDueOverdue()
    {
        var entry = Entry(start: new DateOnly(2020, 5, 1), lastThreeYear: new DateOnly(2025, 3, 20));

        var before = ReviewSchedule.Next(entry, new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), March, 14);
        var due = ReviewSchedule.Next(entry, new DateTimeOffset(2027, 3, 14, 12, 0, 0, TimeSpan.Zero), March, 14);
        var overdue = ReviewSchedule.Next(entry, new DateTimeOffset(2027, 3, 15, 0, 0, 0, TimeSpan.Zero), March, 14);
        var done = ReviewSchedule.Next(entry with { LastAnnualReturn = new DateOnly(2027, 3, 16) }, new DateTimeOffset(2027, 3, 20, 0, 0, 0, TimeSpan.Zero), March, 14);

        Assert.Equal(new DueItem(2026, ReviewKind.AnnualReturn, new DateOnly(2026, 3, 1), DueState.Overdue), before);
        Assert.Equal(new DueItem(2027, ReviewKind.AnnualReturn, new DateOnly(2027, 3, 1), DueState.Due), due);
        Assert.Equal(DueState.Overdue, overdue!.State);
        Assert.Equal(new DueItem(2028, ReviewKind.ThreeYearReview, new DateOnly(2028, 3, 1), DueState.Upcoming), done);
        Assert.Null(ReviewSchedule.Next(entry with { Status = PartnershipStatus.Ended }, DateTimeOffset.UnixEpoch, March, 14));
    }

    [Fact]
    public void IsInCycle_StartedOrRegisteredAfterThePrompt_OwesNothingThatCycle()
    {
        Assert.False(ReviewSchedule.IsInCycle(Entry(start: new DateOnly(2027, 3, 2)), 2027, March));
        Assert.False(ReviewSchedule.IsInCycle(Entry() with { RegisteredOn = new DateOnly(2027, 3, 2) }, 2027, March));
        Assert.True(ReviewSchedule.IsInCycle(Entry(start: new DateOnly(2027, 3, 2)), 2028, March));
    }

    [Fact]
    public void Plan_ActiveAndEnded_PlansTheOpenCycleAndTheNextOnlyForActive()
    {
        var now = new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var open = Entry();
        var completed = Entry(lastAnnual: new DateOnly(2027, 3, 10)) with { Id = "p2" };
        var ended = Entry() with { Id = "p3", Status = PartnershipStatus.Ended };

        var keys = AnnualCyclePlanner.Plan([open, completed, ended], now, March).Select(p => (p.Key, p.DueAt));

        Assert.Equal(
            [("annual:p1:2027", March.PromptAt(2027)), ("annual:p1:2028", March.PromptAt(2028)), ("annual:p2:2028", March.PromptAt(2028))],
            keys);
    }

    [Fact]
    public void FollowUps_Defaults_RemindAt14And28And42EscalateAt28And42And56()
    {
        var sent = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

        var plan = AnnualPromptHandler.FollowUps("p1", 2027, sent, new ReviewOptions());

        Assert.Equal([14, 28, 42], plan.Where(p => p.Kind == AnnualCycle.ReminderKind).Select(p => (p.DueAt - sent).Days));
        Assert.Equal([28, 42, 56], plan.Where(p => p.Kind == AnnualCycle.EscalationKind).Select(p => (p.DueAt - sent).Days));
        Assert.All(plan, p => Assert.Equal("p1/2027", p.SubjectId));
    }

    [Theory]
    [InlineData("AnnualPromptDate", "02-29", "Reviews:AnnualPromptDate")]
    [InlineData("TimeZone", "Mars/Olympus", "Reviews:TimeZone")]
    [InlineData("PromptTime", "9am", "Reviews:PromptTime")]
    [InlineData("EscalateAfterDays", "10", "Reviews:EscalateAfterDays")]
    public void Validate_BadSetting_FailsNamingIt(string property, string value, string named)
    {
        var options = new ReviewOptions();
        var prop = typeof(ReviewOptions).GetProperty(property)!;
        prop.SetValue(options, prop.PropertyType == typeof(int) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : value);

        var result = new ReviewOptionsValidator(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage);
        Assert.True(new ReviewOptionsValidator(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()).Validate(null, new ReviewOptions()).Succeeded);
    }
}
