using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>The PPM's planning card of the rolling three-yearly programme (3.4; issue 17.3).</summary>
public sealed class ReviewProgrammeCardTests
{
    private static readonly DateTimeOffset BeforePrompt2027 = new(2027, 2, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReviewProgramme_PpmMovesOnePartnership_SavedWithHistoryAndTheCycleFollows()
    {
        await using var bot = await CycleBot.StartAsync(BeforePrompt2027);
        var pat = bot.Harness.User("Pat");
        var card = (await pat.SayAsync("review programme")).Card!;
        var text = CardInspector.AllText(card);
        // The default even spread of the register of 16 over three cycles.
        Assert.Contains("Partnerships per cycle: 2027: 6, 2028: 5, 2029: 5", text);
        Assert.Contains("Community Safety Partnership", text);
        var before = ReviewSchedule.ThreeYearReviewCycle((await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!, ReviewCalendar.From(new ReviewOptions()));
        var moveTo = before == 2027 ? 2028 : 2027;

        var saved = await pat.ClickAsync(card, "Save programme", new Dictionary<string, string> { ["cycle-kp03"] = moveTo.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains("Saved: 1 partnerships re-planned.", CardInspector.AllText(saved));
        var entry = (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        Assert.Equal(moveTo, entry.PlannedThreeYearCycle);
        Assert.Equal(moveTo, ReviewSchedule.ThreeYearReviewCycle(entry, ReviewCalendar.From(new ReviewOptions())));
        Assert.Contains(entry.History, h => h.ById == CycleBot.Ppm && h.What == $"Three-yearly review planned for the {moveTo} cycle");
        // The register shows the next three-yearly year.
        var register = CardInspector.AllText((await pat.SayAsync("register")).Card!);
        Assert.Contains($"three-yearly review {moveTo}", register);
    }

    [Fact]
    public async Task ReviewProgramme_NotThePpm_IsRefusedAndACraftedSaveChangesNothing()
    {
        await using var bot = await CycleBot.StartAsync(BeforePrompt2027);
        var pat = bot.Harness.User("Pat");
        var card = (await pat.SayAsync("review programme")).Card!;
        var hana = bot.Harness.User("Hana");

        var shown = (await hana.SayAsync("review programme")).Card!;
        var crafted = await hana.ClickAsync(card, "Save programme", new Dictionary<string, string> { ["cycle-kp03"] = "2028" });
        var outOfRange = await pat.ClickAsync(card, "Save programme", new Dictionary<string, string> { ["cycle-kp03"] = "2035" });

        Assert.Contains("Not allowed", CardInspector.AllText(shown));
        Assert.Contains("Not allowed", CardInspector.AllText(crafted));
        Assert.Contains("Nothing has been changed", CardInspector.AllText(outOfRange));
        var entry = (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        Assert.DoesNotContain(entry.History, h => h.What.StartsWith("Three-yearly review planned", StringComparison.Ordinal));
    }
}
