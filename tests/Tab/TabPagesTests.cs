using System.Net;

namespace PartnershipBot.Tests.Tab;

/// <summary>The tab's static pages: served with a CSP that allows no inline script and only Teams to frame them, holding no data.</summary>
public sealed class TabPagesTests : IAsyncLifetime
{
    private TabBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TabBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Page_NoToken_ServedWithCspAndNoRegisterData()
    {
        using var response = await _bot.Client.GetAsync("/tab/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors https://teams.microsoft.com", csp);
        Assert.DoesNotContain("frame-ancestors *", csp);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.DoesNotContain("Community Safety", html);
        Assert.DoesNotContain("<script>", html);
    }

    [Fact]
    public async Task TeamsSdk_ServedLocallyFromThePinnedPackage()
    {
        using var response = await _bot.Client.GetAsync("/tab/lib/MicrosoftTeams.min.js");
        var script = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2.58.0", script);
        Assert.Contains("getAuthToken", script);
    }

    [Fact]
    public async Task TabWithoutSlash_RedirectsToThePage()
    {
        using var response = await _bot.Client.GetAsync("/tab");

        // The test client follows the redirect.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/tab/", response.RequestMessage!.RequestUri!.AbsolutePath);
    }
}
