using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PartnershipBot.Tests.Fakes;

namespace PartnershipBot.Tests.Tab;

/// <summary>
/// The forged SSO tokens that TabApiTests' basic cases do not cover: each is refused with 401 before anything is read,
/// on every kind of endpoint (a page, an id in the URL, a file, a paper link).
/// </summary>
public sealed class TabForgedTokenTests : IAsyncLifetime
{
    private TabBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TabBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public enum Forgery
    {
        /// <summary>Signed by the tenant's key but issued (by its iss) for another tenant.</summary>
        OtherIssuer,

        /// <summary>Not valid for another half hour (beyond the five minutes of clock skew allowed).</summary>
        NotYetValid,

        /// <summary>"alg": "none", no signature at all.</summary>
        Unsigned,

        /// <summary>A real token whose payload was changed to another person's oid after signing.</summary>
        TamperedPayload,

        /// <summary>Properly signed, but with no oid: no person to act for.</summary>
        NoObjectId,

        /// <summary>Issued by our tenant but naming another tenant in tid.</summary>
        TenantClaimMismatch,
    }

    private string Signed(Dictionary<string, object> claims, DateTime? notBefore = null, DateTime? expires = null, string? issuer = null) =>
        FakeEntra.SignToken(_bot.Harness.Entra.EntraKey("entra-key-1"), issuer ?? _bot.Harness.Entra.EntraIssuer(_bot.Harness.Options.TenantId),
            _bot.Audience, claims, notBefore, expires);

    private Dictionary<string, object> Claims(string oid = TabBot.Ppm, string? tid = null) => new()
    {
        ["oid"] = oid,
        ["tid"] = tid ?? _bot.Harness.Options.TenantId,
        ["name"] = "Pat",
        ["scp"] = "access_as_user",
        ["ver"] = "2.0",
    };

    private static string Base64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FromBase64Url(string part) => Encoding.UTF8.GetString(Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=')));

    private string Forge(Forgery forgery)
    {
        switch (forgery)
        {
            case Forgery.OtherIssuer:
                return Signed(Claims(), issuer: _bot.Harness.Entra.EntraIssuer("tenant-fabrikam"));
            case Forgery.NotYetValid:
                return Signed(Claims(), notBefore: DateTime.UtcNow.AddMinutes(30), expires: DateTime.UtcNow.AddHours(2));
            case Forgery.Unsigned:
            {
                var payload = JsonNode.Parse(FromBase64Url(_bot.Token(TabBot.Ppm).Split('.')[1]))!.ToJsonString();
                return Base64Url("""{"alg":"none","typ":"JWT"}""") + "." + Base64Url(payload) + ".";
            }

            case Forgery.TamperedPayload:
            {
                var parts = _bot.Token(TabBot.Hcs).Split('.');
                var payload = JsonNode.Parse(FromBase64Url(parts[1]))!.AsObject();
                payload["oid"] = TabBot.Ppm;
                return parts[0] + "." + Base64Url(payload.ToJsonString()) + "." + parts[2];
            }

            case Forgery.NoObjectId:
            {
                var claims = Claims();
                claims.Remove("oid");
                return Signed(claims);
            }

            default:
                return Signed(Claims(tid: "tenant-fabrikam"));
        }
    }

    [Theory]
    [InlineData(Forgery.OtherIssuer)]
    [InlineData(Forgery.NotYetValid)]
    [InlineData(Forgery.Unsigned)]
    [InlineData(Forgery.TamperedPayload)]
    [InlineData(Forgery.NoObjectId)]
    [InlineData(Forgery.TenantClaimMismatch)]
    public async Task Api_ForgedToken_401AndNoData(Forgery forgery)
    {
        var token = Forge(forgery);

        foreach (var (method, path) in new[] { ("GET", "/api/tab/me"), ("GET", "/api/tab/partnerships/kp03"), ("GET", "/api/tab/audit/2027.csv"), ("POST", "/api/tab/documents/audit-committee?subject=2027") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = await _bot.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{forgery} {method} {path}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain("Community Safety", body, StringComparison.Ordinal);
            Assert.DoesNotContain("/downloads/", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Api_TheSameTokensUnforged_AreAccepted()
    {
        // The forgeries above differ from a good token in one thing only: this one passes.
        using var response = await _bot.GetAsync("/api/tab/me", Signed(Claims()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
