using System.Net;
using System.Text.Json.Nodes;

namespace PartnershipBot.Tests.Tab;

/// <summary>
/// The tab's API through the real pipeline with SSO tokens signed by the fake Entra: each role sees what it may, and
/// every forged or unfit token is refused before any data is read.
/// </summary>
public sealed class TabApiTests : IAsyncLifetime
{
    private TabBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TabBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<JsonNode> JsonAsync(string path, string oid)
    {
        using var response = await _bot.GetAsAsync(path, oid);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static List<string> Ids(JsonNode page) => page["rows"]!.AsArray().Select(r => (string)r!["id"]!).ToList();

    [Fact]
    public async Task Register_Ppm_SeesEveryPartnershipWithRag()
    {
        var page = await JsonAsync("/api/tab/register", TabBot.Ppm);

        Assert.Equal(16, page["rows"]!.AsArray().Count);
        Assert.Equal(16, (int)page["visible"]!);
        // Seeded Active entries owe the 2027 review and the reminder date has passed: red.
        Assert.All(page["rows"]!.AsArray(), r => Assert.Equal("Red", (string)r!["rag"]!));
    }

    [Fact]
    public async Task Register_Smt_SeesEveryPartnership()
    {
        Assert.Equal(16, Ids(await JsonAsync("/api/tab/register", TabBot.Smt)).Count);
    }

    [Fact]
    public async Task Register_LeadOfficer_SeesOnlyTheirOwn()
    {
        var ids = Ids(await JsonAsync("/api/tab/register", TabBot.Hcs));

        Assert.Equal(TabBot.HcsPartnerships, ids.Order().ToList());
    }

    [Fact]
    public async Task Partnership_LeadOfficerChangesIdToAnother_NotFoundAndNoData()
    {
        using var own = await _bot.GetAsAsync("/api/tab/partnerships/kp03", TabBot.Hcs);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        foreach (var path in new[] { "/api/tab/partnerships/kp01", "/api/tab/hallmarks/kp01", "/api/tab/charts/hallmarks/kp01.svg" })
        {
            using var other = await _bot.GetAsAsync(path, TabBot.Hcs);
            var body = await other.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            Assert.DoesNotContain("Thames Gateway", body);
        }
    }

    [Fact]
    public async Task Due_LeadOfficer_OnlyTheirOwnByMonth()
    {
        var due = await JsonAsync("/api/tab/due", TabBot.Hcs);

        Assert.Equal(TabBot.HcsPartnerships, due["rows"]!.AsArray().Select(r => (string)r!["id"]!).Order().ToList());
        var march = Assert.Single(due["months"]!.AsArray());
        Assert.Equal(("2027-03", 5), ((string)march!["month"]!, (int)march["overdue"]!));
    }

    [Fact]
    public async Task Register_FilterSortSearch_MatchingRowsInOrder()
    {
        var hcs = await JsonAsync("/api/tab/register?role=hcs&sort=Name&dir=desc", TabBot.Ppm);
        // Thames, South East, Health, Community, Castle Point.
        Assert.Equal(["kp11", "kp12", "kp13", "kp03", "kp07"], Ids(hcs));

        var search = await JsonAsync("/api/tab/register?q=waste", TabBot.Ppm);
        Assert.All(search["rows"]!.AsArray(), r => Assert.Contains("Waste", (string)r!["name"]!));
        Assert.Equal(2, search["rows"]!.AsArray().Count);

        var ended = await JsonAsync("/api/tab/register?status=Ended", TabBot.Ppm);
        Assert.Empty(ended["rows"]!.AsArray());
    }

    [Theory]
    [InlineData("/api/tab/register?status=Gone")]
    [InlineData("/api/tab/register?status=1")]
    [InlineData("/api/tab/register?sort=Drop%20table")]
    [InlineData("/api/tab/audit?year=1999")]
    public async Task Api_BadInput_400WithMessage(string path)
    {
        using var response = await _bot.GetAsAsync(path, TabBot.Ppm);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    public enum Forgery
    {
        None,
        Expired,
        OtherTenant,
        WrongAudience,
        BotAudience,
        UnknownKey,
        Garbage,
    }

    [Theory]
    [InlineData(Forgery.None)]
    [InlineData(Forgery.Expired)]
    [InlineData(Forgery.OtherTenant)]
    [InlineData(Forgery.WrongAudience)]
    [InlineData(Forgery.BotAudience)]
    [InlineData(Forgery.UnknownKey)]
    [InlineData(Forgery.Garbage)]
    public async Task Api_ForgedOrMissingToken_401(Forgery forgery)
    {
        var token = forgery switch
        {
            Forgery.None => null,
            Forgery.Expired => _bot.Token(TabBot.Ppm, expires: DateTime.UtcNow.AddMinutes(-10)),
            Forgery.OtherTenant => _bot.Token(TabBot.Ppm, tenant: "tenant-fabrikam"),
            Forgery.WrongAudience => _bot.Token(TabBot.Ppm, audience: "api://elsewhere.test/" + _bot.Harness.Options.AppId),
            Forgery.BotAudience => _bot.Token(TabBot.Ppm, audience: _bot.Harness.Options.AppId),
            Forgery.UnknownKey => _bot.Token(TabBot.Ppm, key: new Microsoft.IdentityModel.Tokens.RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "entra-key-1" }),
            _ => "not-a-token",
        };

        foreach (var path in new[] { "/api/tab/register", "/api/tab/partnerships/kp03", "/api/tab/audit/2026.csv" })
        {
            using var response = await _bot.GetAsync(path, token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.DoesNotContain("Partnership", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Api_TokenWithoutScope_403()
    {
        using var response = await _bot.GetAsync("/api/tab/register", _bot.Token(TabBot.Ppm, scope: "User.Read"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Api_UserWithNoRole_403WithMessage()
    {
        using var response = await _bot.GetAsAsync("/api/tab/register", TabBot.Nobody);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("no role", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!);
    }

    [Fact]
    public async Task Audit_PpmGetsCoverageAndFiles_OthersRefused()
    {
        var audit = await JsonAsync("/api/tab/audit", TabBot.Ppm);
        Assert.Equal(2027, (int)audit["year"]!);
        Assert.Equal(16, (int)audit["totals"]!.AsArray().First(t => (string)t!["label"]! == "Active partnerships")!["value"]!);

        using var xlsx = await _bot.GetAsAsync("/api/tab/audit/2027.xlsx", TabBot.Ppm);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal((byte)'P', (await xlsx.Content.ReadAsByteArrayAsync())[0]);
        using var csv = await _bot.GetAsAsync("/api/tab/audit/2027.csv", TabBot.Ppm);
        Assert.Contains("Community Safety Partnership", await csv.Content.ReadAsStringAsync());

        foreach (var oid in new[] { TabBot.Hcs, TabBot.Smt })
        {
            using var refused = await _bot.GetAsAsync("/api/tab/audit/2027.csv", oid);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Hallmarks_CouncilAndPartnership_ScoresFromAssessments()
    {
        await _bot.AssessAsync("kp03", TabBot.Now.AddYears(-1), new Dictionary<string, string> { ["skills"] = "No" }, "Train the board", "Hana");
        await _bot.AssessAsync("kp03", TabBot.Now.AddDays(-5), new Dictionary<string, string> { ["skills"] = "Partly" }, "Induction pack", "Hana");
        await _bot.AssessAsync("kp01", TabBot.Now.AddDays(-3), new Dictionary<string, string> { ["skills"] = "Yes", ["communities"] = "No" });

        var history = await JsonAsync("/api/tab/hallmarks/kp03", TabBot.Hcs);
        var assessments = history["assessments"]!.AsArray();
        Assert.Equal([0, 50], assessments.Select(a => (int?)a!["hallmarks"]!.AsArray().First(h => (string)h!["groupId"]! == "skills")!["percent"]).ToList());
        Assert.All(history["actions"]!.AsArray(), a => Assert.Equal("Induction pack", (string)a!["action"]!));

        var council = await JsonAsync("/api/tab/hallmarks", TabBot.Ppm);
        var weakest = council["hallmarks"]!.AsArray()[0]!;
        // kp01 scores 0 for communities, kp03 100: average 50, the weakest; skills averages 75.
        Assert.Equal(("communities", 50, 1), ((string)weakest["groupId"]!, (int)weakest["averagePercent"]!, (int)weakest["weak"]!));

        var mine = await JsonAsync("/api/tab/hallmarks", TabBot.Hcs);
        Assert.Equal(["kp03"], mine["partnerships"]!.AsArray().Select(p => (string)p!["id"]!).ToList());

        using var chart = await _bot.GetAsAsync("/api/tab/charts/hallmarks/kp03.svg?theme=dark", TabBot.Hcs);
        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType!.MediaType);
        var svg = await chart.Content.ReadAsStringAsync();
        Assert.Contains("<svg", svg);
        Assert.Contains("50%", svg);
    }

    [Fact]
    public async Task Hallmarks_AssessmentsStoredBeforeSummariesWereKept_SummarisedAtStartAndShownAsBefore()
    {
        await _bot.AssessAsync("kp03", TabBot.Now.AddYears(-1), new Dictionary<string, string> { ["skills"] = "No" }, "Train the board", "Hana", beforeSummaries: true);
        await _bot.AssessAsync("kp03", TabBot.Now.AddDays(-5), new Dictionary<string, string> { ["skills"] = "Partly" }, "Induction pack", "Hana", beforeSummaries: true);
        Assert.Empty((await JsonAsync("/api/tab/hallmarks", TabBot.Ppm))["partnerships"]!.AsArray());

        await _bot.Harness.RestartAsync();

        var history = await JsonAsync("/api/tab/hallmarks/kp03", TabBot.Hcs);
        Assert.Equal([0, 50], history["assessments"]!.AsArray().Select(a => (int?)a!["hallmarks"]!.AsArray().First(h => (string)h!["groupId"]! == "skills")!["percent"]).ToList());
        Assert.All(history["actions"]!.AsArray(), a => Assert.Equal("Induction pack", (string)a!["action"]!));
        var council = await JsonAsync("/api/tab/hallmarks", TabBot.Ppm);
        Assert.Equal(["kp03"], council["partnerships"]!.AsArray().Select(p => (string)p!["id"]!).ToList());
        var scored = Assert.Single((await JsonAsync("/api/tab/audit", TabBot.Ppm))["rows"]!.AsArray(), r => ((string)r!["hallmarkScores"]!).Length > 0);
        Assert.Contains("50%", (string)scored!["hallmarkScores"]!);
    }

    [Fact]
    public async Task Hallmarks_SkippedHallmark_LabelledSkippedInTheApiAndTheAuditFilesNotNotAssessed()
    {
        await _bot.AssessAsync("kp03", TabBot.Now.AddDays(-2), new Dictionary<string, string> { ["leadership"] = "Skipped", ["communities"] = "Not applicable" });

        var latest = (await JsonAsync("/api/tab/hallmarks/kp03", TabBot.Hcs))["assessments"]!.AsArray().Single()!["hallmarks"]!.AsArray();
        var byGroup = latest.ToDictionary(h => (string)h!["groupId"]!, h => ((int?)h!["percent"], (bool)h["skipped"]!, (string)h["label"]!));
        Assert.Equal((null, true, "Skipped"), byGroup["leadership"]);
        Assert.Equal((null, false, "Not assessed"), byGroup["communities"]);
        Assert.Equal((100, false, "100%"), byGroup["skills"]);

        // The council page averages scores only: the skipped hallmark adds no 0% and no "assessed" partnership.
        var council = await JsonAsync("/api/tab/hallmarks", TabBot.Ppm);
        var leadership = council["hallmarks"]!.AsArray().Single(h => (string)h!["groupId"]! == "leadership")!;
        Assert.Equal(0, (int)leadership["assessed"]!);

        using var csv = await _bot.GetAsAsync("/api/tab/audit/2027.csv", TabBot.Ppm);
        var row = (await csv.Content.ReadAsStringAsync()).Split('\n').Single(l => l.StartsWith("Community Safety Partnership,", StringComparison.Ordinal));
        Assert.Contains("Empowered and Effective Leadership skipped", row);
        Assert.Contains("Appropriate Skills and Knowledge 100%", row);
        Assert.DoesNotContain("Engaged Communities", row);
    }

    [Fact]
    public async Task Hallmarks_MoreOpenActionsThanAPageHolds_CouncilListsTheCapAndCountsAll()
    {
        var definition = _bot.Harness.Get<PartnershipBot.Features.Questionnaires.QuestionnaireCatalog>().Get("hallmarks");
        var everyNo = definition.Groups.ToDictionary(g => g.Id, _ => "No");
        var questions = definition.Steps.Count(s => s.Group is not null);
        foreach (var id in new[] { "kp01", "kp03", "kp07" })
        {
            await _bot.AssessAsync(id, TabBot.Now.AddDays(-2), everyNo, "Agree a plan", "Hana");
        }

        var council = await JsonAsync("/api/tab/hallmarks", TabBot.Ppm);

        Assert.True(3 * questions > PartnershipBot.Features.Hallmarks.HallmarkQueries.MaxCouncilActions, "the test needs more actions than the page holds");
        Assert.Equal(3 * questions, (int)council["actionsTotal"]!);
        Assert.Equal(PartnershipBot.Features.Hallmarks.HallmarkQueries.MaxCouncilActions, council["actions"]!.AsArray().Count);
        // Each partnership's own actions are on its page, not repeated in the council-wide answer.
        Assert.All(council["partnerships"]!.AsArray(), p => Assert.Empty(p!["actions"]!.AsArray()));
        Assert.Equal(questions, (await JsonAsync("/api/tab/hallmarks/kp03", TabBot.Ppm))["actions"]!.AsArray().Count);
    }

    [Fact]
    public async Task Me_RolesAndDeepLinks()
    {
        var me = await JsonAsync("/api/tab/me", TabBot.Ppm);
        Assert.Equal(["Ppm", "LeadOfficer"], me["roles"]!.AsArray().Select(r => (string)r!).ToList());
        Assert.Equal($"https://teams.microsoft.com/l/chat/0/0?users=28:{_bot.Harness.Options.AppId}", (string)me["botChatUrl"]!);

        var detail = await JsonAsync("/api/tab/partnerships/kp03", TabBot.Hcs);
        var link = (string)detail["deepLink"]!;
        Assert.StartsWith($"https://teams.microsoft.com/l/entity/{TabBot.TeamsAppId}/register?context=", link);
        Assert.Contains(Uri.EscapeDataString("\"subEntityId\":\"partnership:kp03\""), link);
    }

    [Fact]
    public async Task Partnership_AccountabilityRecorded_ShownWithTheStageDescription()
    {
        var entry = (await _bot.Register.FindAsync("kp03", default))!;
        var edited = await _bot.Register.EditAsync("kp03", entry.Version,
            [new PartnershipBot.Features.Register.RegisterEdit.Accountability("Community Safety Board", ["Cllr Ann Smith", "Cllr Bob Jones"])],
            TabBot.Ppm, "Pat", default);
        Assert.Equal(PartnershipBot.Features.Register.EditOutcome.Saved, edited.Outcome);

        var detail = await JsonAsync("/api/tab/partnerships/kp03", TabBot.Hcs);

        Assert.Equal("Community Safety Board", (string)detail["accountableBody"]!);
        Assert.Equal(["Cllr Ann Smith", "Cllr Bob Jones"], detail["electedMembers"]!.AsArray().Select(m => (string)m!).ToList());
        Assert.Equal("Not recorded – not yet recorded by the lead officer or the People and Policy Manager", (string)detail["stageText"]!);
    }
}
