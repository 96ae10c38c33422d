using System.Text.Json.Nodes;
using PartnershipBot.Cards;

namespace PartnershipBot.Tests.Tab;

/// <summary>The register's partnership card opens the same partnership in the tab (a Teams deep link with its subEntityId).</summary>
public sealed class TabDeepLinkCardTests
{
    private static async Task<JsonObject?> OpenInRegisterAsync(TabBot bot)
    {
        var pat = bot.Harness.User("Pat", TabBot.Ppm);
        var detail = await pat.InvokeAsync(CardVerbs.PartnershipOpen, new JsonObject { ["verb"] = CardVerbs.PartnershipOpen, ["partnershipId"] = "kp03" });
        // In an action set of its own in the body: the card's own actions are already at Teams' limit of five.
        Assert.True(detail["actions"]!.AsArray().Count <= 5);
        return Descendants(detail).SingleOrDefault(a => (string?)a["title"] == "Open in the register");
    }

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Descendants(p.Value))),
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };

    [Fact]
    public async Task PartnershipCard_TeamsAppIdConfigured_OpenInTheRegisterDeepLinksToTheTab()
    {
        await using var bot = await TabBot.StartAsync();

        var action = await OpenInRegisterAsync(bot);

        Assert.NotNull(action);
        Assert.Equal("Action.OpenUrl", (string?)action["type"]);
        var url = (string)action["url"]!;
        Assert.StartsWith($"https://teams.microsoft.com/l/entity/{TabBot.TeamsAppId}/register?context=", url);
        Assert.Equal("{\"subEntityId\":\"partnership:kp03\"}", Uri.UnescapeDataString(url[(url.IndexOf("context=", StringComparison.Ordinal) + 8)..]));
    }

    [Fact]
    public async Task PartnershipCard_NoTeamsAppId_NoRegisterButton()
    {
        await using var bot = await TabBot.StartAsync(o => o.Settings["Tab:TeamsAppId"] = "");

        Assert.Null(await OpenInRegisterAsync(bot));
    }
}
