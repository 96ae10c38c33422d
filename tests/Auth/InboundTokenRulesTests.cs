using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using PartnershipBot.Auth;
using PartnershipBot.Protocol;

namespace PartnershipBot.Tests.Auth;

/// <summary>The pure rules checked after the body is read.</summary>
public sealed class InboundTokenRulesTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/uk/", "https://smba.trafficmanager.net/uk", true)]
    [InlineData("https://SMBA.trafficmanager.net/uk/", "https://smba.trafficmanager.net/uk/", true)]
    [InlineData("https://smba.trafficmanager.net/uk/", "https://evil.example.com/", false)]
    [InlineData(null, "https://smba.trafficmanager.net/uk/", false)]
    [InlineData("https://smba.trafficmanager.net/uk/", null, false)]
    internal void ServiceUrlMatches_Variants(string? claim, string? activity, bool expected) =>
        Assert.Equal(expected, InboundTokenRules.ServiceUrlMatches(claim, activity));

    [Fact]
    internal void IsEndorsedFor_ChannelInList_True_Otherwise_False()
    {
        Assert.True(InboundTokenRules.IsEndorsedFor(["msteams", "webchat"], "msteams"));
        Assert.False(InboundTokenRules.IsEndorsedFor(["webchat"], "msteams"));
        Assert.False(InboundTokenRules.IsEndorsedFor(["msteams"], null));
    }

    [Fact]
    internal void TenantAllowed_EmptyListAllowsAll_ListRestricts()
    {
        Assert.True(InboundTokenRules.TenantAllowed([], "any"));
        Assert.True(InboundTokenRules.TenantAllowed(["t1"], "t1"));
        Assert.False(InboundTokenRules.TenantAllowed(["t1"], "t2"));
        Assert.False(InboundTokenRules.TenantAllowed(["t1"], null));
    }

    [Fact]
    internal void EndorsementsOf_JwkFromKeySet_ReadsArray()
    {
        var set = new JsonWebKeySet("""{"keys":[{"kty":"RSA","kid":"k","n":"AQAB","e":"AQAB","endorsements":["msteams","skype"]}]}""");
        Assert.Equal(["msteams", "skype"], InboundTokenRules.EndorsementsOf(set.Keys[0]));
    }

    [Fact]
    internal void Check_BotFrameworkTokenWithoutEndorsement_Refused401()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("iss", "https://api.botframework.com"), new Claim("serviceurl", "https://s/")], "test"));
        var activity = new Activity { Type = "message", ChannelId = "msteams", ServiceUrl = "https://s/" };
        Assert.Equal(401, InboundTokenRules.Check(user, activity, "https://api.botframework.com", [])?.Status);
        var endorsed = new ClaimsPrincipal(new ClaimsIdentity([.. user.Claims, new Claim("endorsement", "msteams")], "test"));
        Assert.Null(InboundTokenRules.Check(endorsed, activity, "https://api.botframework.com", []));
    }

    private static ClaimsPrincipal Token(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));

    private static readonly Activity TeamsActivity = new() { Type = "message", ChannelId = "msteams", ServiceUrl = "https://smba.trafficmanager.net/uk/",
        Conversation = new ConversationAccount { Id = "c", TenantId = "t1" } };

    [Fact]
    internal void Check_BotFrameworkTokenWithoutServiceUrlClaim_Refused401()
    {
        var user = Token(("iss", "https://api.botframework.com"), ("endorsement", "msteams"));
        Assert.Equal(401, InboundTokenRules.Check(user, TeamsActivity, "https://api.botframework.com", [])?.Status);
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/t1/v2.0")]
    [InlineData("https://sts.windows.net/t1/")]
    internal void Check_EntraTokenWithoutServiceUrlClaim_Refused401(string issuer)
    {
        var user = Token(("iss", issuer), ("tid", "t1"));
        var refusal = InboundTokenRules.Check(user, TeamsActivity, "https://api.botframework.com", []);
        Assert.Equal(401, refusal?.Status);
        Assert.Contains("serviceUrl", refusal!.Reason);
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/t1/v2.0")]
    [InlineData("https://sts.windows.net/t1/")]
    internal void Check_EntraTokenWithOtherServiceUrl_Refused401(string issuer)
    {
        var user = Token(("iss", issuer), ("tid", "t1"), ("serviceurl", "https://evil.example.com/"));
        Assert.Equal(401, InboundTokenRules.Check(user, TeamsActivity, "https://api.botframework.com", [])?.Status);
    }

    [Fact]
    internal void Check_EntraTokenVouchingForServiceUrlAndTenant_Accepted()
    {
        var user = Token(("iss", "https://login.microsoftonline.com/t1/v2.0"), ("tid", "T1"), ("serviceurl", "https://smba.trafficmanager.net/uk"));
        Assert.Null(InboundTokenRules.Check(user, TeamsActivity, "https://api.botframework.com", ["t1"]));
    }

    [Theory]
    [InlineData("t2")]
    [InlineData("")]
    internal void Check_EntraTokenOfAnotherTenantThanTheActivity_Refused401(string tid)
    {
        var user = Token(("iss", "https://login.microsoftonline.com/t1/v2.0"), ("tid", tid), ("serviceurl", "https://smba.trafficmanager.net/uk/"));
        Assert.Equal(401, InboundTokenRules.Check(user, TeamsActivity, "https://api.botframework.com", [])?.Status);
    }

    [Fact]
    internal void Check_EntraTokenCannotUseEndorsementsInsteadOfServiceUrl()
    {
        var user = Token(("iss", "https://sts.windows.net/t1/"), ("tid", "t1"), ("endorsement", "msteams"));
        Assert.Equal(401, InboundTokenRules.Check(user, TeamsActivity, "https://api.botframework.com", [])?.Status);
    }

    [Fact]
    internal void TenantId_FromChannelDataWhenConversationHasNone()
    {
        var activity = JsonSerializer.Deserialize("""{"type":"message","channelData":{"tenant":{"id":"t-9"}}}""", ProtocolJson.Default.Activity)!;
        Assert.Equal("t-9", activity.TenantId);
    }
}
