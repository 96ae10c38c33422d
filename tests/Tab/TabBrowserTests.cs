using System.Text.Json.Nodes;

namespace PartnershipBot.Tests.Tab;

/// <summary>
/// The register tab in real headless Chromium (one shared run, <see cref="TabBrowserFixture"/>): the page's own code
/// and the real API, with Teams stubbed only at the SDK boundary.
/// </summary>
public sealed class TabBrowserTests(TabBrowserFixture browser) : IClassFixture<TabBrowserFixture>
{
    /// <summary>The pages as the PPM or a lead officer, and the Proposals page as an officer with no role ("submitter").</summary>
    private static readonly string[] Pages = ["register", "partnership", "due", "hallmarks", "audit", "submitter"];

    private static readonly string[] Scenarios = [.. Pages, "contrast", "mobile", "markup"];

    private JsonObject Ok(string scenario)
    {
        var result = browser[scenario];
        Assert.True(result["failed"] is null, $"{scenario}: {result["failed"]}");
        Assert.Empty(result["problems"]!.AsArray().Select(p => (string)p!));
        return result;
    }

    private static JsonArray Table(JsonNode page, string caption) =>
        page["tables"]!.AsArray().Single(t => (string)t!["caption"]! == caption)!["rows"]!.AsArray();

    private static List<string> Column(JsonArray rows, int index) => rows.Select(r => (string)r![index]!).ToList();

    [Fact]
    public void Register_SeededData_EveryRowShown()
    {
        var names = Column(Table(Ok("register"), "Partnerships"), 0);

        Assert.Equal(17, names.Count);
        Assert.Contains("Community Safety Partnership", names);
        Assert.Contains(TabBrowserFixture.MarkupName, names);
    }

    [Fact]
    public void Register_FiltersSortAndSearch_ChangeTheRows()
    {
        var filters = Ok("register")["filters"]!;
        var hcs = filters["role"]!.AsArray().Select(n => (string)n!).ToList();

        Assert.Equal(
            [TabBrowserFixture.MarkupName, "Castle Point & Rochford Domestic Abuse Panel", "Community Safety Partnership", "Health and Wellbeing Partnership",
             "South East Essex Local Children’s Commissioning and Delivery Partnership", "Thames Gateway South Essex Housing Strategy Forum"],
            hcs.Order(StringComparer.OrdinalIgnoreCase));
        Assert.Equal(hcs.Order(StringComparer.OrdinalIgnoreCase).Reverse(), filters["roleDescending"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(["Essex Waste Management Advisory Board", "Thames Gateway Area Waste Joint Committee"], filters["search"]!.AsArray().Select(n => (string)n!).Order());
        var overdue = browser.Api["overdue"]!["rows"]!.AsArray().Count;
        Assert.InRange(overdue, 1, 16);
        Assert.Equal($"Showing {overdue} of 17 partnerships.", (string)filters["overdueCount"]!);
    }

    [Fact]
    public void Charts_FiguresMatchTheTables()
    {
        var hallmarks = Ok("hallmarks");
        var averages = Column(Table(hallmarks, "Council-wide hallmark scores, weakest first"), 1).Where(v => v != "Not assessed").ToList();
        foreach (var theme in new[] { "default", "dark" })
        {
            var council = hallmarks[theme]!["charts"]!.AsArray().Single()!;
            Assert.NotEmpty(averages);
            Assert.Equal(averages.Order(), council["labels"]!.AsArray().Select(l => (string)l!).Order());
            Assert.Equal("council-hallmarks", (string)council["describedBy"]!);
        }

        var trend = hallmarks["trend"]!;
        AssertChartMatches(trend["charts"]!.AsArray().Single()!, trend["tables"]!.AsArray().Single()!["rows"]!.AsArray());

        var partnership = Ok("partnership");
        AssertChartMatches(partnership["dark"]!["charts"]!.AsArray().Single()!, Table(partnership, "Hallmark scores by assessment"));
    }

    /// <summary>A trend chart's labels are the table's hallmark cells (not the date, overall or assessor), as multisets.</summary>
    private static void AssertChartMatches(JsonNode chart, JsonArray rows)
    {
        var cells = rows.SelectMany(r => r!.AsArray().Skip(1).SkipLast(2).Select(c => (string)c!)).Where(c => c != "Not assessed").Order().ToList();
        Assert.NotEmpty(cells);
        Assert.Equal(cells, chart["labels"]!.AsArray().Select(l => (string)l!).Order());
    }

    [Fact]
    public void Keyboard_TabReachesEveryControl()
    {
        foreach (var scenario in Pages.Append("markup"))
        {
            var keyboard = Ok(scenario)["keyboard"]!;
            Assert.True((int)keyboard["total"]! > 3, scenario);
            Assert.True(keyboard["unreached"]!.AsArray().Count == 0, $"{scenario}: not reached by Tab: {keyboard["unreached"]!.ToJsonString()}");
        }
    }

    [Fact]
    public void Axe_NoSeriousOrCriticalViolation_InEveryTheme()
    {
        foreach (var scenario in Scenarios)
        {
            var result = Ok(scenario);
            foreach (var theme in new[] { "default", "dark", "contrast" })
            {
                if (result[theme] is { } seen)
                {
                    Assert.True(seen["axe"]!.AsArray().Count == 0, $"{scenario} ({theme}): {seen["axe"]!.ToJsonString()}");
                }
            }
        }

        Assert.Empty(Ok("mobile")["axe"]!.AsArray());
    }

    [Fact]
    public void Themes_FromTeamsContextAndChanges_ScreenshotsKept()
    {
        foreach (var page in Pages)
        {
            var result = Ok(page);
            Assert.Equal("default", (string)result["default"]!["theme"]!);
            Assert.Equal("dark", (string)result["dark"]!["theme"]!);
            Assert.Equal("contrast", (string)result["contrast"]!["theme"]!);
            foreach (var theme in new[] { "default", "dark", "contrast" })
            {
                var file = (string)result[theme]!["screenshot"]!;
                Assert.True(new FileInfo(file).Length > 5000, file);
            }
        }

        Assert.Equal("contrast", (string)Ok("contrast")["contrast"]!["theme"]!);
    }

    [Fact]
    public void Mobile_TeamsPhoneWidth_NoSidewaysScrolling()
    {
        var mobile = Ok("mobile");

        Assert.Equal(360, (int)mobile["innerWidth"]!);
        Assert.True((int)mobile["bodyScrollWidth"]! <= 360, $"page is {mobile["bodyScrollWidth"]} px wide");
    }

    [Fact]
    public void OfficersText_WithMarkup_RendersAsText()
    {
        var markup = Ok("markup");
        var text = (string)markup["mainText"]!;

        Assert.Contains(TabBrowserFixture.MarkupName, text);
        Assert.Contains("Partner <i>one</i>", text);
        Assert.Contains("Purpose with <script>alert(3)</script>", text);
        Assert.Equal(0, (int)markup["injected"]!);
        Assert.Equal(0, (int)Ok("register")["injected"]!);
    }

    [Fact]
    public void Csp_EveryPage_NoInlineScriptsOnlyTeamsMayFrame_NoViolation()
    {
        foreach (var scenario in Scenarios)
        {
            var result = Ok(scenario);
            var csp = (string)result["csp"]!;
            Assert.Contains("script-src 'self'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Contains("frame-ancestors https://teams.microsoft.com https://*.teams.microsoft.com", csp);
            Assert.Empty(result["cspViolations"]!.AsArray());
        }
    }

    [Fact]
    public void DeepLink_SubPageId_OpensThePartnershipWithLinkToTheChat()
    {
        var partnership = Ok("partnership");
        var text = (string)partnership["mainText"]!;

        Assert.Contains("Community Safety Partnership", text);
        Assert.Contains("Induction pack", text);
        Assert.StartsWith("https://teams.microsoft.com/l/chat/0/0?users=28:", (string)partnership["chatHref"]!);
        Assert.Contains("open the bot chat", text);
    }

    [Fact]
    public void Due_OverdueReviewsAndApprovalsWaiting()
    {
        var due = Ok("due");

        Assert.Equal(
            browser.Api["due"]!["rows"]!.AsArray().Select(r => (string)r!["name"]!),
            Column(Table(due, "Reviews owed"), 0));
        var waiting = Assert.Single(Table(due, "Proposals waiting for a decision"), w => ((string)w![0]!).Contains("Youth Services Compact", StringComparison.Ordinal));
        Assert.Equal("Senior Management Team", (string)waiting![2]!);
    }

    [Fact]
    public void Audit_CoverageAndCsvDownload()
    {
        var audit = Ok("audit");

        Assert.Equal(
            browser.Api["audit"]!["totals"]!.AsArray().Select(t => $"{t!["label"]}: {t["value"]}"),
            Table(audit, "Coverage").Select(r => $"{r![0]}: {r[1]}"));
        Assert.EndsWith(".csv", (string)audit["download"]!["name"]!);
        Assert.Contains("Community Safety Partnership", (string)audit["download"]!["text"]!);
    }

    [Fact]
    public void Papers_PartnershipPage_ReviewReportsListedNewestFirstAndDownloadAsWord()
    {
        var partnership = Ok("partnership");

        Assert.Equal(
            ["Download as Word: Annual return 2026: report to SMT", "Download as Word: Annual return 2025: report to SMT"],
            partnership["papers"]!.AsArray().Select(p => (string)p!));
        AssertWordDownload(partnership);
        // Committee comments are not recorded anywhere yet: the page says so rather than showing an empty box.
        Assert.Contains("Committee comments", (string)partnership["mainText"]!);
        Assert.Contains("None recorded.", (string)partnership["mainText"]!);
    }

    [Fact]
    public void NoRole_Submitter_OpensOnTheirProposalsOnlyAndDownloadsThePaper()
    {
        var submitter = Ok("submitter");

        Assert.Equal(["Proposals"], submitter["nav"]!.AsArray().Select(n => (string)n!));
        var row = Assert.Single(Table(submitter, "Proposals"));
        Assert.Contains(browser.SubmittedProposal.ToUpperInvariant()[..6], ((string)row![0]!).ToUpperInvariant());
        Assert.Equal("Olivia (you)", (string)row[1]!);
        AssertWordDownload(submitter);
    }

    private static void AssertWordDownload(JsonObject result)
    {
        var paper = result["paper"]!;
        Assert.EndsWith(".docx", (string)paper["name"]!);
        Assert.Equal("PK", (string)paper["zip"]!);
        Assert.True((int)paper["size"]! > 2000);
    }

    [Fact]
    public void Headings_EachSectionTitleShownOnce()
    {
        foreach (var (scenario, title) in new[] { ("hallmarks", "Open improvement actions"), ("partnership", "Timeline"), ("partnership", "Audit trail"), ("partnership", "Papers") })
        {
            var visible = Ok(scenario)["visibleTitles"]!.AsArray().Select(t => (string)t!).ToList();
            Assert.True(visible.Count(t => t == title) == 1, $"{scenario}: '{title}' shown {visible.Count(t => t == title)} times");
        }
    }

    [Theory]
    [InlineData("otherPartnership", "no such partnership")]
    [InlineData("noRole", "no role")]
    [InlineData("expiredToken", "sign-in could not be checked")]
    [InlineData("outsideTeams", "opens in Microsoft Teams")]
    public void Refused_PageSaysWhy_NoData(string scenario, string message)
    {
        var result = browser[scenario];

        Assert.True(result["failed"] is null, $"{scenario}: {result["failed"]}");
        Assert.Contains(message, (string)result["status"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, (int)result["mainChildren"]!);
        // Refused requests show in the console as failed loads; what must not happen is a script error or a dialog.
        Assert.DoesNotContain(result["problems"]!.AsArray().Select(p => (string)p!), p => !p.StartsWith("console:", StringComparison.Ordinal));
    }
}
