using System.Text;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnershipBot.Features.AuditReport;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Features.Reviews;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.AuditReport;

/// <summary>The Audit Committee report (4.4): the PPM's summary card and the e-mailed .xlsx and .csv, checked cell by cell.</summary>
public sealed class AuditReportTests : IAsyncLifetime
{
    private static readonly string[] Headers =
    [
        "Partnership", "Lead officer", "Lead role", "Status", "Life-cycle stage", "Review due this cycle", "Annual return received",
        "Effectiveness review done", "Recommendation", "Three-yearly review due (cycle)", "Overdue", "Latest hallmark scores",
        "Content of the review (A&PM assessment)", "Committee recommendations", "Specific reviews (A&PM)",
    ];

    private static readonly (string Label, int Value)[] Totals =
    [
        ("Active partnerships", 15), ("Due a review in the 2027 cycle", 15), ("Returns received", 2), ("Effectiveness reviews done", 2),
        ("Three-yearly reviews done", 1), ("Overdue", 13), ("Disengagement recommended", 1),
    ];

    private CycleBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await CycleBot.StartAsync(new DateTimeOffset(2027, 1, 10, 10, 0, 0, TimeSpan.Zero), o =>
        {
            var outbox = o.Services;
            // A mailbox (with Graph credentials, as validation requires): the report is e-mailed too. The outbox is recorded.
            o.Settings["Graph:ServiceMailbox"] = "partnerships@council.example";
            o.Settings["Graph:TenantId"] = "council-tenant";
            o.Settings["Graph:ClientId"] = "graph-client";
            o.Settings["Graph:ClientSecret"] = "not-a-real-secret";
            o.Services = services =>
            {
                outbox?.Invoke(services);
                services.RemoveAll<IHallmarkScores>();
                services.AddSingleton<IHallmarkScores>(new FixedHallmarkScores());
            };
        });

        // Community Safety: reviewed three-yearly in 2025, so 2027 is an annual return, received on 20 March.
        await _bot.SetDatesAsync(CycleBot.CommunitySafety, lastThreeYearReview: new DateOnly(2025, 4, 10));
        await _bot.Register.RecordReviewAsync(CycleBot.CommunitySafety,
            new ReviewOutcome(2027, ReviewKind.AnnualReturn, new DateOnly(2027, 3, 20), CycleBot.Hcs, "Hana", Recommendation.ReaffirmCommitment, "", "", "d-1"), default);
        // Thames Gateway: first in Appendix 1, so 2027 is its three-yearly year (rolling programme); disengagement recommended.
        await _bot.Register.RecordReviewAsync("kp01",
            new ReviewOutcome(2027, ReviewKind.ThreeYearReview, new DateOnly(2027, 4, 2), "aad-chris", "Chris", Recommendation.RecommendDisengagement, "No longer needed", "=1+1", "d-2"), default);
        // Vine HR has ended: it owes nothing.
        await _bot.Register.EditAsync("kp16", null, [new RegisterEdit.End()], CycleBot.Ppm, "Pat", default);
        _bot.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 20, 10, 0, 0, TimeSpan.Zero));
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task AuditReport_Ppm_GetsSummaryCardAndEmailWithSpreadsheetAndCsvCellByCell()
    {
        var card = (await _bot.Harness.User("Pat").SayAsync("audit report 2027")).Card!;

        var text = CardInspector.AllText(card);
        Assert.Contains("Audit Committee report 2027", text);
        Assert.Contains("Returns received", text);
        Assert.Contains("also being e-mailed to you", text);
        var email = Assert.Single(_bot.Outbox.Messages, m => m.Kind == OutboxKind.Email);
        Assert.Equal((CycleBot.Ppm, "Audit Committee report 2027: partnership review arrangements"), (email.RecipientId, email.Subject));
        Assert.Equal(["audit-committee-partnerships-2027.xlsx", "audit-committee-partnerships-2027.csv"], email.Attachments.Select(a => a.Name));
        Assert.Equal([AuditReportFiles.XlsxContentType, AuditReportFiles.CsvContentType], email.Attachments.Select(a => a.ContentType));

        using var workbook = new XLWorkbook(new MemoryStream(email.Attachments[0].Content));
        var sheet = workbook.Worksheet("Partnerships");
        Assert.Equal(Headers, Enumerable.Range(1, Headers.Length).Select(c => sheet.Cell(1, c).GetString()));
        // Vine HR ended before the 2027 cycle began (10 January), so it is not in that year's report.
        Assert.Equal(16, sheet.LastRowUsed()!.RowNumber());
        var rows = Enumerable.Range(2, 15).ToDictionary(r => sheet.Cell(r, 1).GetString(), r => sheet.Row(r));

        var safety = rows["Community Safety Partnership"];
        Assert.Equal(
            ["Head of Community Services", "HCS", "Active", "Not recorded", "Annual return"],
            Enumerable.Range(2, 5).Select(c => safety.Cell(c).GetString()));
        Assert.Equal(new DateTime(2027, 3, 20), safety.Cell(7).GetDateTime());
        Assert.Equal(
            ["Yes", "Reaffirm commitment", "2028", "", "Empowered and Effective Leadership 75%; Intelligence-led Business Processes 50% (assessed 5 April 2027)"],
            Enumerable.Range(8, 5).Select(c => safety.Cell(c).GetString()));

        var thames = rows["Thames Gateway South Essex Partnership"];
        Assert.Equal(["Chief Executive", "CEX", "Active", "Not recorded", "Annual return with three-yearly review"], Enumerable.Range(2, 5).Select(c => thames.Cell(c).GetString()));
        Assert.Equal(new DateTime(2027, 4, 2), thames.Cell(7).GetDateTime());
        Assert.Equal(["Yes", "Recommend disengagement", "2030", "", ""], Enumerable.Range(8, 5).Select(c => thames.Cell(c).GetString()));

        Assert.DoesNotContain("Vine HR Partnerships", rows.Keys);

        var online = rows["Essex On Line Partnership"];
        Assert.True(online.Cell(7).IsEmpty());
        // Sixth in Appendix 1: its three-yearly points fall in the third cycle of the rolling programme.
        Assert.Equal(["No", "", "2029", "Annual return 2027 not received"], Enumerable.Range(8, 4).Select(c => online.Cell(c).GetString()));

        var coverage = workbook.Worksheet("Coverage");
        Assert.Equal(Totals, Enumerable.Range(3, Totals.Length).Select(r => (coverage.Cell(r, 1).GetString(), (int)coverage.Cell(r, 2).GetDouble())));

        var csv = Csv.Parse(Encoding.UTF8.GetString(email.Attachments[1].Content).TrimStart('\uFEFF'));
        Assert.Equal(Headers, csv[0]);
        var csvSafety = csv.Single(r => r[0] == "Community Safety Partnership");
        Assert.Equal(
            ["Community Safety Partnership", "Head of Community Services", "HCS", "Active", "Not recorded", "Annual return", "2027-03-20", "Yes", "Reaffirm commitment", "2028", "",
             "Empowered and Effective Leadership 75%; Intelligence-led Business Processes 50% (assessed 5 April 2027)", "", "", ""],
            csvSafety);
        Assert.Equal(15, csv.Skip(1).TakeWhile(r => r.Count > 1).Count());
        var totalsAt = csv.FindIndex(r => r[0] == "Coverage totals");
        Assert.Equal(["Coverage totals", "2027"], csv[totalsAt]);
        Assert.Equal(Totals.Select(t => new List<string> { t.Label, t.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) }), csv.Skip(totalsAt + 1).Take(Totals.Length));
    }

    [Fact]
    public async Task BuildAsync_EachYear_OnlyPartnershipsThatExistedThen_WithTheirStatusThen_DueFromTheCalendar()
    {
        // Essex On Line started on 1 April 2027: after the 2027 prompt, so it owes nothing in 2027 and is not in 2026.
        var online = Assert.Single(await _bot.Register.FindByNameAsync("Essex On Line Partnership", default));
        await _bot.Register.UpdateAsync(online.Id, p => p with { StartDate = new DateOnly(2027, 4, 1) }, default);
        var reports = _bot.Harness.Get<AuditReportHandler>();
        var now = _bot.Clock.GetUtcNow();

        // 2019: the register (seeded in January 2027) holds nothing that far back.
        var old = await reports.BuildAsync(2019, now, default);
        Assert.Empty(old.Rows);
        Assert.Equal((0, 0), (old.Totals.ActivePartnerships, old.Totals.DueAReview));

        // 2026: the seeded entries existed (registered within the cycle) and owed it although no prompt was sent on
        // 1 March 2026; Vine HR ended during the cycle, so it is there as Ended and owes nothing.
        var y2026 = await reports.BuildAsync(2026, now, default);
        var vine = Assert.Single(y2026.Rows, r => r.Name == "Vine HR Partnerships");
        Assert.Equal(("Ended", "None"), (vine.Status, vine.ReviewOwed));
        Assert.DoesNotContain(y2026.Rows, r => r.Name == "Essex On Line Partnership");
        Assert.Equal(14, y2026.Totals.DueAReview);

        var y2027 = await reports.BuildAsync(2027, now, default);
        Assert.DoesNotContain(y2027.Rows, r => r.Name == "Vine HR Partnerships");
        Assert.Equal("None", Assert.Single(y2027.Rows, r => r.Name == "Essex On Line Partnership").ReviewOwed);
        Assert.Equal(14, y2027.Totals.DueAReview);
    }

    [Fact]
    public async Task AuditReport_NotThePpm_IsRefusedAndNothingIsSent()
    {
        var card = (await _bot.Harness.User("Hana").SayAsync("audit report")).Card!;

        Assert.Contains("Not allowed", CardInspector.AllText(card));
        Assert.DoesNotContain(_bot.Outbox.Messages, m => m.Kind == OutboxKind.Email);
    }

    [Fact]
    public async Task AuditReport_NoYear_IsTheCycleNowRunning()
    {
        await _bot.Harness.User("Pat").SayAsync("audit report");

        Assert.Equal("Audit Committee report 2027: partnership review arrangements", Assert.Single(_bot.Outbox.Messages).Subject);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("-1", "'-1")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("plain", "plain")]
    public void Field_FormulaLikeOrSpecialText_IsNeutralisedAndQuoted(string value, string expected) =>
        Assert.Equal(expected, AuditReportFiles.Field(value));

    [Fact]
    public async Task Csv_OfficerTextStartingWithEquals_IsNotAFormula()
    {
        var report = await _bot.Harness.Get<AuditReportHandler>().BuildAsync(2027, _bot.Clock.GetUtcNow(), default);
        var csv = Encoding.UTF8.GetString(AuditReportFiles.Csv(report));

        Assert.DoesNotContain(",=", csv);
    }

    private sealed class FixedHallmarkScores : IHallmarkScores
    {
        public HallmarkBands Bands { get; } = new(75, 40);

        private static readonly HallmarkScores CommunitySafety =
            new(new DateOnly(2027, 4, 5), [new("Empowered and Effective Leadership", 75), new("Intelligence-led Business Processes", 50)]);

        public Task<HallmarkScores?> LatestAsync(string partnershipId, CancellationToken cancellationToken) =>
            Task.FromResult(partnershipId == CycleBot.CommunitySafety ? CommunitySafety : null);

        public Task<IReadOnlyDictionary<string, HallmarkScores>> LatestOfEachAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, HallmarkScores>>(new Dictionary<string, HallmarkScores> { [CycleBot.CommunitySafety] = CommunitySafety });
    }

    /// <summary>An RFC 4180 reader, enough to read the report back.</summary>
    private static class Csv
    {
        public static List<List<string>> Parse(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else field.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
                else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    i++;
                }
                else field.Append(c);
            }

            return rows;
        }
    }
}
