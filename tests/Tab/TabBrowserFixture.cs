using System.Text.Json;
using System.Text.Json.Nodes;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Tab;

/// <summary>
/// One browser run shared by <see cref="TabBrowserTests"/> (a browser is heavy): the bot on a real loopback port with the
/// seeded register, hallmark assessments, a proposal waiting and an entry whose name is markup; then
/// tests/Tab/node/tab-browser.mjs drives Debian's headless Chromium through every page as the PPM and a lead officer,
/// in light and dark, and reports what it saw. Screenshots are kept in the test output folder, TestResults/tab/.
/// </summary>
public sealed class TabBrowserFixture : IAsyncLifetime
{
    public const string MarkupName = "<img src=x onerror=alert(1)><script>alert(2)</script> Trust";

    public static string NodeDirectory { get; } = Path.Combine(RepoRoot.Find(), "tests", "Tab", "node");

    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "tab");

    private TabBot _bot = null!;

    public JsonObject Results { get; private set; } = null!;

    /// <summary>What the API itself answers the PPM, for the pages' figures to be compared with.</summary>
    public JsonObject Api { get; } = [];

    public JsonObject this[string scenario] => Results[scenario]?.AsObject() ?? throw new InvalidOperationException($"No scenario {scenario}");

    public async Task InitializeAsync()
    {
        var chromium = await Chromium.PathAsync();
        await NpmPackages.EnsureInstalledAsync(NodeDirectory, "the register tab's browser tests");
        _bot = await TabBot.StartAsync(o => o.RealServer = true);
        await SeedAsync();
        foreach (var (key, path) in new[] { ("overdue", "/api/tab/register?overdue=true"), ("due", "/api/tab/due"), ("audit", "/api/tab/audit") })
        {
            using var response = await _bot.GetAsAsync(path, TabBot.Ppm);
            Api[key] = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        }

        // Every page is checked (axe, screenshot) in all three of Teams' themes.
        string[] both = ["default", "dark", "contrast"];
        var ppm = _bot.Token(TabBot.Ppm, name: "Pat");
        var hcs = _bot.Token(TabBot.Hcs, name: "Hana");
        object Scenario(string name, string step, string? token, string hash = "", string theme = "default", string subPageId = "", int width = 1280, string[]? themes = null, string? trendOf = null) => new
        {
            name,
            step,
            hash,
            width,
            themes = themes ?? both,
            trendOf,
            teams = token is null ? null : new { token, theme, subPageId },
        };

        var input = new
        {
            baseUrl = _bot.Client.BaseAddress!.ToString().TrimEnd('/'),
            chromium,
            args = Chromium.Arguments,
            outDir = Screenshots,
            scenarios = new[]
            {
                Scenario("register", "register", ppm),
                Scenario("partnership", "papers", hcs, subPageId: "partnership:kp03"),
                Scenario("due", "open", ppm, hash: "#due"),
                Scenario("hallmarks", "hallmarks", ppm, hash: "#hallmarks", trendOf: "Community Safety Partnership"),
                Scenario("audit", "audit", ppm, hash: "#audit"),
                Scenario("contrast", "open", ppm, theme: "contrast", themes: ["contrast"]),
                Scenario("mobile", "layout", hcs, width: 360),
                Scenario("markup", "open", hcs, hash: "#partnership/" + Uri.EscapeDataString(PartnershipRegister.IdForSubmission("markup")), themes: ["default"]),
                Scenario("otherPartnership", "message", hcs, hash: "#partnership/kp01"),
                Scenario("noRole", "message", _bot.Token(TabBot.Nobody)),
                Scenario("submitter", "papers", _bot.Token(Submitter, name: "Olivia")),
                Scenario("expiredToken", "message", _bot.Token(TabBot.Ppm, expires: DateTime.UtcNow.AddMinutes(-10))),
                Scenario("outsideTeams", "message", null),
            },
        };

        using var guardLog = new NodeGuardLog();
        var run = await Node.RunAsync(["tab-browser.mjs"], NodeDirectory, guardLog, TimeSpan.FromMinutes(8), standardInput: JsonSerializer.Serialize(input));
        // The app and the browser are on 127.0.0.1; node itself has no reason to go anywhere else.
        guardLog.ThrowIfAny("the tab browser run", run.ToString());
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"The browser run failed: {run}");
        }

        Results = JsonNode.Parse(run.StdOut)!.AsObject();
    }

    /// <summary>An officer with no role in the register who has submitted a proposal.</summary>
    public const string Submitter = "aad-olivia";

    /// <summary>The proposal the submitter made, through the chat journey.</summary>
    public string SubmittedProposal { get; private set; } = "";

    private async Task SeedAsync()
    {
        (_, SubmittedProposal) = await PartnershipBot.Tests.Features.Approvals.ApprovalScenario.SubmitAsync(_bot.Harness.User("Olivia", Submitter));
        await _bot.ReviewAsync("kp03", 2025);
        await _bot.ReviewAsync("kp03", 2026);

        await _bot.AssessAsync("kp03", TabBot.Now.AddYears(-1), new Dictionary<string, string> { ["skills"] = "No" }, "Train the board", "Hana");
        await _bot.AssessAsync("kp03", TabBot.Now.AddDays(-5), new Dictionary<string, string> { ["skills"] = "Partly" }, "Induction pack", "Hana");
        await _bot.AssessAsync("kp01", TabBot.Now.AddDays(-3), new Dictionary<string, string> { ["communities"] = "No" });

        var at = TabBot.Now.AddDays(-10);
        var submission = new Submission("s-waiting", "draft-s-waiting", 1, new Actor("aad-chris", "Chris"), "Youth Services Compact", SubmissionStatus.UnderReview,
            null, [TabBot.Smt], [], [], [new AuditEntry("aad-chris", at, null, SubmissionStatus.UnderReview, "Submitted", null)], [], at, 0);
        Assert.True(await _bot.Harness.Get<ISubmissionStore>().TrySaveAsync(submission, [], [], CancellationToken.None));

        await _bot.Register.AddApprovedAsync(
            new ApprovedPartnership("markup", MarkupName, TabBot.Hcs, "Hana <b>Officer</b>", "HCS", ["Partner <i>one</i>"], "Purpose with <script>alert(3)</script>", TabBot.Ppm, "Pat",
                DateOnly.FromDateTime(TabBot.Now.Date)),
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }
    }
}
