using PartnershipBot.Features.Reviews;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>The annual cycle's calendar on the dates a real-clock test run could land on by chance: month ends, 29 February, 1 March.</summary>
public sealed class ReviewCalendarEdgeDateTests
{
    private static readonly ReviewCalendar March = ReviewCalendar.From(new ReviewOptions());

    [Theory]
    [InlineData("2028-02-29T12:00:00Z", 2027, "2028-02-29")]
    [InlineData("2028-03-01T08:59:59Z", 2027, "2028-03-01")]
    [InlineData("2028-03-01T09:00:00Z", 2028, "2028-03-01")]
    [InlineData("2027-02-28T23:59:59Z", 2026, "2027-02-28")]
    [InlineData("2027-03-01T00:00:00Z", 2026, "2027-03-01")]
    [InlineData("2027-01-31T23:59:59Z", 2026, "2027-01-31")]
    [InlineData("2027-05-31T23:30:00Z", 2027, "2027-06-01")]
    [InlineData("2026-12-31T23:59:59Z", 2026, "2026-12-31")]
    public void CycleAtAndToday_EdgeInstants_FollowTheLondonCalendar(string instant, int cycle, string today)
    {
        var now = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(cycle, March.CycleAt(now));
        Assert.Equal(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), March.Today(now));
    }

    [Fact]
    public void CycleOf_LeapDayAndTheFirstOfMarch_BelongToDifferentCycles()
    {
        Assert.Equal(2027, March.CycleOf(new DateOnly(2028, 2, 29)));
        Assert.Equal(2028, March.CycleOf(new DateOnly(2028, 3, 1)));
    }
}
