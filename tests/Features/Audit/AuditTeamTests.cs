using System.Net;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Features.Register;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Audit;

/// <summary>
/// Issue 17.5: the Audit &amp; Performance Management team is a role of its own (Register:RoleHolders:APM and/or an
/// Entra group read through Graph, paged and cached), decided from the activity's object id and tenant; A&amp;PM runs
/// the Audit Committee report and downloads its files, and sees every partnership in the tab.
/// </summary>
public sealed class AuditTeamTests
{
    private static readonly DateTimeOffset Now = new(2027, 4, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AuditReport_ApmMemberByRoleHolders_GetsTheReportAndItsWordSummary()
    {
        await using var bot = await ApmBot.StartAsync(Now);
        var alex = bot.User("Alex", ApmBot.Alex);

        var card = (await alex.SayAsync("audit report 2027")).Card!;
        Assert.Contains("Audit Committee report 2027", CardInspector.AllText(card));
        var link = await bot.PreparedPaperAsync(await alex.ClickAsync(card, "Download as Word"));
        using var response = await bot.Harness.Client.GetAsync(ApmBot.DownloadPath(link));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PartnershipBot.Documents.WordDocument.ContentType, response.Content.Headers.ContentType!.MediaType);

        // The second id of the setting counts as much as the first.
        Assert.Contains("Audit Committee report 2027", CardInspector.AllText((await bot.User("Ann", "aad-ann").SayAsync("audit report 2027")).Card));
    }

    [Fact]
    public async Task AuditReport_OfficerOrAnotherTenantsApmId_RefusedAndNoLinkWhateverTheCardSays()
    {
        await using var bot = await ApmBot.StartAsync(Now);

        var hana = bot.User("Hana", ApmBot.Hcs);
        Assert.Contains("Audit & Performance Management team", CardInspector.AllText((await hana.SayAsync("audit report")).Card));
        var forged = await hana.InvokeAsync(CardVerbs.DocumentDownload, new JsonObject { ["kind"] = "audit-committee", ["subjectId"] = "2027" });
        Assert.Contains("Not allowed", CardInspector.AllText(forged));

        // The same object id from another organisation's Teams is not the council's A&PM officer: refused at the door.
        var stranger = bot.User("Alex elsewhere", ApmBot.Alex);
        stranger.TenantId = "tenant-fabrikam";
        using var response = await stranger.SendAsync(stranger.Message("audit report"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AuditTeam_GroupMember_RecognisedThroughPagedGraph_AndTheGroupIsReadOnceWhileCached()
    {
        await using var bot = await ApmBot.StartAsync(Now);
        var gail = bot.User("Gail", ApmBot.Gail);

        Assert.Contains("Audit Committee report 2027", CardInspector.AllText((await gail.SayAsync("audit report")).Card));
        // Three members in pages of two: Gail is on the second page, which the bot followed.
        var pages = bot.Graph.Succeeded("/members").Count;
        Assert.Equal(2, pages);

        Assert.Contains("Audit Committee report 2027", CardInspector.AllText((await gail.SayAsync("audit report")).Card));
        Assert.Equal(pages, bot.Graph.Succeeded("/members").Count);

        // Once the cache has expired the group is read again (a member removed in Entra loses the role).
        bot.Clock.Advance(AuditTeam.GroupCacheDuration + TimeSpan.FromSeconds(1));
        bot.Graph.AddGroup(ApmBot.ApmGroup, "aad-grace");
        var after = await gail.SayAsync("audit report");
        Assert.Contains("Not allowed", CardInspector.AllText(after.Card));
        Assert.True(bot.Graph.Succeeded("/members").Count > pages);
    }

    [Fact]
    public async Task TabRegister_ApmMember_SeesEveryPartnershipAndTheAuditPage()
    {
        await using var bot = await ApmBot.StartAsync(Now);

        var me = await bot.TabJsonAsync("/api/tab/me", ApmBot.Alex);
        Assert.Contains("AuditAndPerformance", me["roles"]!.AsArray().Select(r => r!.ToString()));
        Assert.True((bool)me["seesAuditReport"]!);
        Assert.Equal(16, (await bot.TabJsonAsync("/api/tab/register", ApmBot.Alex))["rows"]!.AsArray().Count);
        Assert.Equal(2027, (int)(await bot.TabJsonAsync("/api/tab/audit", ApmBot.Alex))["year"]!);
    }

    [Fact]
    public async Task Help_ApmMember_ListsTheTeamsCommands_AnOfficerDoesNotSeeThem()
    {
        await using var bot = await ApmBot.StartAsync(Now);

        var alex = bot.User("Alex", ApmBot.Alex);
        var help = CardInspector.Texts((await alex.SayAsync("help")).Card);
        Assert.Contains("In the Audit & Performance Management team", help);
        Assert.Contains("committee <partnership name>", help);
        Assert.Contains("audit report", help);
        var menu = (await alex.SayAsync("hello")).Card!;
        Assert.Equal(["Audit report", "Audit of reviews", "Specific reviews"], CardInspector.ButtonTitles(menu).Take(3));
        Assert.Contains("Audit Committee report", CardInspector.AllText(await alex.ClickAsync(menu, "Audit report")));
        Assert.Contains("Audit of the 2027 annual reviews", CardInspector.AllText(await alex.ClickAsync(menu, "Audit of reviews")));
        Assert.Contains("Specific partnership reviews", CardInspector.AllText(await alex.ClickAsync(menu, "Specific reviews")));
        Assert.Contains("audit reviews", help);
        Assert.Contains("specific reviews", help);

        var olu = bot.User("Olu", ApmBot.Olu);
        var officer = CardInspector.Texts((await olu.SayAsync("help")).Card);
        Assert.DoesNotContain("In the Audit & Performance Management team", officer);
        Assert.DoesNotContain("committee <partnership name>", officer);
        Assert.DoesNotContain("Audit report", CardInspector.ButtonTitles((await olu.SayAsync("hello")).Card!));
    }

    [Theory]
    [InlineData("APM", "aad-alex;aad ann", "Register:RoleHolders:APM must be Entra object ids")]
    [InlineData("XYZ", "aad-x", "Register:RoleHolders:XYZ is not a role code")]
    public void Validate_BadRoleHolders_FailsNamingTheSetting(string code, string value, string expected)
    {
        var options = new RegisterOptions();
        options.RoleHolders[code] = value;

        var result = new RegisterOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage);
    }

    [Fact]
    public void Validate_ApmGroupNotAGuid_FailsNamingTheSetting_ApmIdsAccepted()
    {
        var options = new RegisterOptions { ApmGroupId = "a&pm team" };
        options.RoleHolders["APM"] = "aad-alex, aad-ann";

        var result = new RegisterOptionsValidator().Validate(null, options);

        Assert.Contains("Register:ApmGroupId", result.FailureMessage);
        Assert.DoesNotContain("RoleHolders", result.FailureMessage);
        Assert.Equal(["aad-alex", "aad-ann"], options.ApmUserIds);
    }
}
