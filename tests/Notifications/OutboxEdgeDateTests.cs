using System.Globalization;
using PartnershipBot.Notifications;

namespace PartnershipBot.Tests.Notifications;

/// <summary>
/// The fake clock starts at fixed dates; these tests pick the awkward ones on purpose (a month end, the day before
/// 1 March in a common and a leap year, 29 February), so a run never behaves differently on the day it happens to run.
/// </summary>
public sealed class OutboxEdgeDateTests
{
    [Theory]
    [InlineData("2027-01-31T23:59:55Z")]
    [InlineData("2027-02-28T23:59:55Z")]
    [InlineData("2028-02-28T23:59:55Z")]
    [InlineData("2028-02-29T23:59:55Z")]
    public async Task Email_FailedSecondsBeforeMidnightOfAnEdgeDate_IsRetriedAndSentTheNextDay(string start)
    {
        var startAt = DateTimeOffset.Parse(start, CultureInfo.InvariantCulture);
        await using var bot = await GraphBot.StartAsync(start: startAt);
        bot.Graph.Down = true;
        await bot.EnqueueAsync(GraphBot.Email("edge", "aad-bob"));

        var failed = await bot.FindAsync("edge");
        Assert.Equal((OutboxStatus.Pending, 1), (failed.Status, failed.Attempts));
        Assert.True(failed.NextAttemptAt.UtcDateTime.Date == startAt.UtcDateTime.Date.AddDays(1), $"retry planned at {failed.NextAttemptAt:O}");

        bot.Graph.Down = false;
        await bot.AdvanceAsync(failed.NextAttemptAt - bot.Time.GetUtcNow());

        Assert.Equal((OutboxStatus.Sent, 2), ((await bot.FindAsync("edge")).Status, (await bot.FindAsync("edge")).Attempts));
        Assert.Single(bot.Graph.Succeeded("/sendMail"));
    }
}
