using System.Globalization;
using System.Text;
using ClosedXML.Excel;

namespace PartnershipBot.Features.AuditReport;

/// <summary>The report as files for the Audit Committee: a spreadsheet (.xlsx) and a CSV with the same columns.</summary>
internal static class AuditReportFiles
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv";

    /// <summary>The columns of both files, in order; values are text, a date, or null.</summary>
    public static IReadOnlyList<(string Header, Func<AuditRow, object?> Value)> Columns { get; } =
    [
        ("Partnership", r => r.Name),
        ("Lead officer", r => r.LeadOfficer),
        ("Lead role", r => r.LeadRole),
        ("Status", r => r.Status),
        ("Life-cycle stage", r => r.Stage),
        ("Review due this cycle", r => r.ReviewOwed),
        ("Annual return received", r => r.ReturnReceived),
        ("Effectiveness review done", r => r.EffectivenessReviewDone ? "Yes" : "No"),
        ("Recommendation", r => r.Recommendation),
        ("Three-yearly review due (cycle)", r => r.ThreeYearReviewDue),
        ("Overdue", r => string.Join("; ", r.OverdueFlags)),
        ("Latest hallmark scores", r => r.HallmarkScores),
        ("Content of the review (A&PM assessment)", r => r.ContentAssessment),
        ("Committee recommendations", r => r.CommitteeRecommendations),
        ("Specific reviews (A&PM)", r => r.SpecificReviews),
    ];

    public static string FileName(AuditReport report, string extension) =>
        $"audit-committee-partnerships-{report.Year.ToString(CultureInfo.InvariantCulture)}.{extension}";

    /// <summary>Sheet "Partnerships" (one row each, header frozen) and sheet "Coverage" (the totals).</summary>
    public static byte[] Xlsx(AuditReport report)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Partnerships");
        for (var c = 0; c < Columns.Count; c++)
        {
            sheet.Cell(1, c + 1).Value = Columns[c].Header;
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        for (var r = 0; r < report.Rows.Count; r++)
        {
            for (var c = 0; c < Columns.Count; c++)
            {
                var cell = sheet.Cell(r + 2, c + 1);
                switch (Columns[c].Value(report.Rows[r]))
                {
                    case DateOnly date:
                        cell.Value = date.ToDateTime(TimeOnly.MinValue);
                        cell.Style.DateFormat.Format = "yyyy-mm-dd";
                        break;
                    case string text:
                        // Typed as text, so nothing an officer wrote is read as a formula or a number.
                        cell.SetValue(text);
                        cell.DataType = XLDataType.Text;
                        break;
                }
            }
        }

        for (var c = 1; c <= Columns.Count; c++)
        {
            // Fixed widths: measuring text needs fonts the server may not have.
            sheet.Column(c).Width = c == 1 ? 48 : 22;
        }

        var coverage = workbook.Worksheets.Add("Coverage");
        coverage.Cell(1, 1).Value = $"Audit Committee report {report.Year}: coverage of the annual review arrangements (section 4.4)";
        coverage.Cell(1, 1).Style.Font.Bold = true;
        var line = 3;
        foreach (var (label, value) in report.Totals.Lines(report.Year))
        {
            coverage.Cell(line, 1).Value = label;
            coverage.Cell(line, 2).Value = value;
            line++;
        }

        coverage.Cell(line + 1, 1).Value = "Generated";
        coverage.Cell(line + 1, 2).Value = report.GeneratedAt.UtcDateTime;
        coverage.Cell(line + 1, 2).Style.DateFormat.Format = "yyyy-mm-dd hh:mm \"UTC\"";
        coverage.Column(1).Width = 40;
        coverage.Column(2).Width = 20;

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>RFC 4180 CSV (UTF-8 with BOM so Excel reads it right): the rows, a blank line, then the totals.</summary>
    public static byte[] Csv(AuditReport report)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(",", Columns.Select(c => Field(c.Header)))).Append("\r\n");
        foreach (var row in report.Rows)
        {
            csv.Append(string.Join(",", Columns.Select(c => Field(Text(c.Value(row)))))).Append("\r\n");
        }

        csv.Append("\r\n").Append(Field("Coverage totals")).Append(',').Append(Field(report.Year.ToString(CultureInfo.InvariantCulture))).Append("\r\n");
        foreach (var (label, value) in report.Totals.Lines(report.Year))
        {
            csv.Append(Field(label)).Append(',').Append(value.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Text(object? value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        null => "",
        _ => value.ToString() ?? "",
    };

    /// <summary>Quotes when needed; text a spreadsheet would run as a formula gets a leading apostrophe.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
