using System.Net;
using System.Text.Json.Nodes;

namespace PartnershipBot.Tests.Tab;

/// <summary>Development mode (no app id): the tab's API answers as a local development identity, as the bot does.</summary>
public sealed class TabDevelopmentModeTests
{
    [Fact]
    public async Task Me_DevelopmentMode_ActsAsThePpmWithoutAToken()
    {
        await using var bot = await TabBot.StartAsync(o => o.Authenticated = false);

        using var response = await bot.GetAsync("/api/tab/me", token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True((bool)me["developmentMode"]!);
        Assert.Contains("Ppm", me["roles"]!.AsArray().Select(r => (string)r!));
    }
}
