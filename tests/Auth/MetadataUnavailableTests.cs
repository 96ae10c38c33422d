using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Auth;

/// <summary>
/// Inbound tokens while the OpenID metadata cannot be fetched: 401 (not 400 or 500), one warning line without a
/// stack trace, and metadata fetches throttled whatever the tokens say (no amplification by forged tokens).
/// </summary>
public sealed class MetadataUnavailableTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(o => o.Time = _time);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private TeamsUser? _alice;

    private TeamsUser Alice => _alice ??= _bot.User("Alice");

    private async Task<HttpStatusCode> PostAsync(JsonObject activity, string token)
    {
        using var response = await _bot.Client.SendAsync(Alice.Request(activity.ToJsonString(), token));
        return response.StatusCode;
    }

    private IEnumerable<string> ForgedTokens(JsonObject activity, int count)
    {
        var serviceUrl = activity["serviceUrl"]!.GetValue<string>();
        var claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl };
        for (var i = 0; i < count; i++)
        {
            yield return (i % 3) switch
            {
                // alg: none, naming a key id
                0 => Unsigned(new JsonObject { ["alg"] = "none", ["kid"] = $"kid-none-{i}" }, serviceUrl),
                // RS256 with a key of its own and a fresh kid each time
                1 => FakeEntra.SignToken(new RsaSecurityKey(RSA.Create(2048)) { KeyId = $"forged-{i}" }, FakeEntra.BotFrameworkIssuer, _bot.Options.AppId, claims),
                // A kid the real key set has, but not its key
                _ => FakeEntra.SignToken(new RsaSecurityKey(RSA.Create(2048)) { KeyId = "channel-key-1" }, FakeEntra.BotFrameworkIssuer, _bot.Options.AppId, claims),
            };
        }
    }

    private string Unsigned(JsonObject header, string serviceUrl)
    {
        var payload = new JsonObject
        {
            ["iss"] = FakeEntra.BotFrameworkIssuer, ["aud"] = _bot.Options.AppId, ["serviceurl"] = serviceUrl,
            ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(), ["nbf"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(),
        };
        return Base64UrlEncoder.Encode(header.ToJsonString()) + "." + Base64UrlEncoder.Encode(payload.ToJsonString()) + ".";
    }

    [Fact]
    public async Task Post_ForgedTokensWhileMetadataUnreachable_Return401WithOneWarningAndThrottledFetches()
    {
        _bot.Entra.MetadataAvailable = false;
        var activity = Alice.Message("help");

        foreach (var token in ForgedTokens(activity, 30))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, token));
        }

        // Even a genuine token cannot be checked without keys: refused, and no extra fetch within the interval.
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, Alice.ValidToken(activity)!));
        Assert.Equal(1, _bot.Entra.MetadataDocumentRequests);

        var warning = Assert.Single(AuthWarnings());
        Assert.Contains("OpenID metadata", warning.Message);
        Assert.Null(warning.Exception);
        Assert.DoesNotContain("   at ", warning.Message);
        Assert.Empty(_bot.Connector.Calls);

        // The next attempt only after the interval, however many tokens arrive in between.
        _time.Advance(TimeSpan.FromSeconds(31));
        foreach (var token in ForgedTokens(activity, 12))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, token));
        }

        Assert.Equal(2, _bot.Entra.MetadataDocumentRequests);
        Assert.Equal(2, AuthWarnings().Count);
    }

    // Start-up warnings (no PPM, no SMT configured) are not this test's concern: only the auth area's (1200-1299).
    private List<LogEntry> AuthWarnings() =>
        _bot.Logs.Entries.Where(e => e.Level >= LogLevel.Warning && e.EventId is >= 1200 and < 1300).ToList();

    [Fact]
    public async Task Post_GenuineTokenAfterMetadataRecovers_IsAcceptedOnceTheIntervalHasPassed()
    {
        _bot.Entra.MetadataAvailable = false;
        var first = Alice.Message("help");
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(first, Alice.ValidToken(first)!));

        _bot.Entra.MetadataAvailable = true;
        _time.Advance(SecondsPastInterval);
        var reply = await Alice.SayAsync("help");
        Assert.Contains("New partnership", reply.Shown, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, _bot.Entra.MetadataDocumentRequests);
    }

    [Fact]
    public async Task Post_ForgedUnknownKidsAfterKeysLoaded_FetchAtMostOncePerInterval()
    {
        await Alice.SayAsync("help");
        Assert.Equal(1, _bot.Entra.MetadataDocumentRequests);

        var activity = Alice.Message("help");
        foreach (var token in ForgedTokens(activity, 30))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, token));
        }

        // The first unknown kid may refresh (keys rotate); the other 29 within the interval do not.
        Assert.True(_bot.Entra.MetadataDocumentRequests <= 2, $"{_bot.Entra.MetadataDocumentRequests} metadata fetches for 30 forged tokens");

        // Genuine traffic keeps working on the keys already loaded.
        var reply = await Alice.SayAsync("help");
        Assert.Contains("New partnership", reply.Shown, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_UnsignedTokens_FetchNothing()
    {
        var activity = Alice.Message("help");
        foreach (var header in new[] { new JsonObject { ["alg"] = "none" }, new JsonObject { ["alg"] = "none", ["kid"] = "channel-key-1" },
            new JsonObject { ["alg"] = "HS256", ["kid"] = "x" }, new JsonObject { ["alg"] = "NONE", ["kid"] = "y" } })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(activity, Unsigned(header, activity["serviceUrl"]!.GetValue<string>())));
        }

        Assert.Equal(0, _bot.Entra.MetadataDocumentRequests);
    }

    [Fact]
    public void Harness_PointsTheBotAtLocalFakes_NeverAtLoginBotframeworkCom()
    {
        var bot = _bot.Get<Microsoft.Extensions.Options.IOptions<PartnershipBot.Hosting.BotOptions>>().Value;
        foreach (var url in new[] { bot.OpenIdMetadataUrl, bot.EntraAuthorityHost })
        {
            Assert.True(new Uri(url).IsLoopback, $"{url} is not on this machine");
        }
    }

    private static TimeSpan SecondsPastInterval => TimeSpan.FromSeconds(31);
}
