using System.Text.Json.Nodes;
using PartnershipBot.Tests.Features.Reviews;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Ux;

/// <summary>Buttons that used to lead nowhere or replace the card the officer still needed (issue 18, items 2, 3 and 6).</summary>
public sealed class DeadEndTests : IAsyncLifetime
{
    private CycleBot _bot = null!;

    public async Task InitializeAsync() => _bot = await CycleBot.StartAsync(new DateTimeOffset(2027, 1, 10, 10, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static IReadOnlyList<string> Rows(JsonObject card) =>
        CardInspector.Texts(card).Where(t => t.Contains("Next review", StringComparison.Ordinal)).ToList();

    private async Task<JsonObject> OpenSafetyAsync(TeamsUser user)
    {
        await user.SayAsync("register role HCS");
        return await user.InvokeAsync("partnership.open", new JsonObject { ["verb"] = "partnership.open", ["partnershipId"] = CycleBot.CommunitySafety });
    }

    [Fact]
    public async Task EndPartnership_NoKeepIt_ShowsThePartnershipAgainUnchanged()
    {
        var pat = _bot.Harness.User("Pat");
        var detail = await OpenSafetyAsync(pat);

        var confirm = await pat.ClickAsync(detail, "End partnership");
        var (kept, inPlace) = await pat.ClickShownAsync(confirm, "No, keep it");

        Assert.True(inPlace);
        Assert.DoesNotContain("not found", CardInspector.AllText(kept), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Community Safety Partnership", CardInspector.AllText(kept));
        Assert.Contains("End partnership", CardInspector.ButtonTitles(kept));
        Assert.NotEqual(PartnershipBot.Features.Register.PartnershipStatus.Ended, (await _bot.Register.FindAsync(CycleBot.CommunitySafety, default))!.Status);
    }

    [Fact]
    public async Task Open_FromTheRegisterList_ComesAsANewMessageWithAWayBack()
    {
        var pat = _bot.Harness.User("Pat");
        var list = (await pat.SayAsync("register")).Card!;

        var (detail, inPlace) = await pat.ClickShownAsync(list, "Open");

        Assert.False(inPlace);
        Assert.Contains("Lead officer", CardInspector.AllText(detail));
        var back = await pat.ClickAsync(detail, "Back to the register");
        Assert.Contains("Key partnerships: showing", CardInspector.AllText(back));
    }

    [Fact]
    public async Task ErrorAfterAClick_ComesAsANewMessage_TheClickedCardStays()
    {
        var pat = _bot.Harness.User("Pat");

        var (status, body) = await pat.InvokeRawAsync("partnership.open", new JsonObject { ["verb"] = "partnership.open", ["partnershipId"] = "no-such-id" });
        var error = await pat.NextReplyAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Equal("application/vnd.microsoft.activity.message", body!["type"]!.GetValue<string>());
        Assert.Contains("Partnership not found", CardInspector.AllText(error.Card));
        Assert.Contains("Show the menu", CardInspector.ButtonTitles(error.Card!));
    }

    [Fact]
    public async Task MyPartnerships_Filter_FiltersMyPartnershipsNotTheWholeRegister()
    {
        var hana = _bot.Harness.User("Hana");
        var mine = (await hana.SayAsync("my partnerships")).Card!;
        Assert.Contains("Your partnerships: showing 5 of 5", CardInspector.AllText(mine));

        var filtered = await hana.ClickAsync(mine, "Filter", new Dictionary<string, string> { ["statusFilter"] = "all", ["roleFilter"] = "all" });
        var hes = await hana.ClickAsync(mine, "Filter", new Dictionary<string, string> { ["statusFilter"] = "all", ["roleFilter"] = "HES" });

        Assert.Contains("Your partnerships: showing 5 of 5", CardInspector.AllText(filtered));
        Assert.Equal(5, Rows(filtered).Count);
        Assert.Contains("Your partnerships: showing 0 of 5", CardInspector.AllText(hes));
    }

    [Fact]
    public async Task MenuMyPartnerships_Filter_KeepsTheScope()
    {
        var hana = _bot.Harness.User("Hana");
        var menu = (await hana.SayAsync("help")).Card!;
        var mine = await hana.ClickAsync(menu, "My partnerships");

        var filtered = await hana.ClickAsync(mine, "Filter", new Dictionary<string, string> { ["statusFilter"] = "Active", ["roleFilter"] = "all" });

        Assert.Contains("Your partnerships: showing 5 of 5", CardInspector.AllText(filtered));
    }
}
