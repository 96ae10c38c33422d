using System.Globalization;
using PartnershipBot.Documents;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.AuditReport;

/// <summary>
/// The s.4.4 summary for the Audit Committee for one cycle: coverage (done / overdue / not due per partnership), the
/// lead officers' recommendations and disengagements, and the hallmark scores with the council-wide chart (alt text
/// and the same figures as a table).
/// </summary>
internal static class AuditCommitteePaper
{
    public static string FileName(AuditReport report) => AuditReportFiles.FileName(report, "docx");

    /// <param name="hallmarks">Each assessed partnership's latest scores, by partnership name.</param>
    /// <param name="thresholds">The score bands' lower limits (e.g. Strong 75, Developing 40), drawn on the chart.</param>
    public static byte[] Build(
        PaperTemplates templates,
        AuditReport report,
        IReadOnlyList<(string Partnership, HallmarkScores Scores)> hallmarks,
        IReadOnlyList<(int Percent, string Label)> thresholds,
        AuditPack? pack = null)
    {
        var template = templates[PaperTemplates.AuditCommittee];
        var year = report.Year.ToString(CultureInfo.InvariantCulture);
        var paper = templates.Start(PaperTemplates.AuditCommittee, year);
        paper.Paragraph($"As at {UkDate.Format(report.GeneratedAt)}.");

        paper.Heading(1, template.Summary);
        paper.Table(["Measure", "Number"], report.Totals.Lines(report.Year).Select(l => (IReadOnlyList<string>)[l.Label, l.Value.ToString(CultureInfo.InvariantCulture)]));
        paper.Heading(2, "Each partnership");
        paper.Table(["Partnership", "Lead officer", "Review owed", "Received", "Coverage", "Recommendation"],
            report.Rows.Select(r => (IReadOnlyList<string>)
            [
                r.Name,
                r.LeadOfficer,
                r.ReviewOwed,
                r.ReturnReceived is { } d ? UkDate.Day(d) : "",
                Coverage(r),
                r.Recommendation,
            ]));

        paper.Heading(2, "Disengagements");
        var disengaging = report.Rows.Where(r => r.Recommendation.Contains("disengage", StringComparison.OrdinalIgnoreCase) || r.Status is "Disengaging" or "Ended").ToList();
        if (disengaging.Count == 0)
        {
            paper.Paragraph("No partnership was recommended for disengagement in this cycle.");
        }
        else
        {
            paper.Table(["Partnership", "Status", "Recommendation"], disengaging.Select(r => (IReadOnlyList<string>)[r.Name, r.Status, r.Recommendation]));
        }

        if (pack is not null)
        {
            AuditPackSections.Write(paper, pack);
        }

        paper.Heading(1, template.Decisions);
        WriteHallmarks(paper, hallmarks, thresholds);
        return paper.ToBytes();
    }

    /// <summary>Done, overdue (with why), or not due.</summary>
    public static string Coverage(AuditRow row) =>
        row.OverdueFlags.Count > 0 ? "Overdue: " + string.Join("; ", row.OverdueFlags)
        : row.ReturnReceived is not null ? "Done"
        : row.ReviewOwed == "None" ? "Not due"
        : "Due, not yet overdue";

    private static void WriteHallmarks(
        WordDocument paper, IReadOnlyList<(string Partnership, HallmarkScores Scores)> assessed, IReadOnlyList<(int Percent, string Label)> thresholds)
    {
        if (assessed.Count == 0)
        {
            paper.Paragraph("No partnership has been self-assessed against the Hallmarks of Effective Partnerships.");
            return;
        }

        // Every hallmark any partnership has a line for; skipped ones have no score, so they count in no average.
        var all = assessed.SelectMany(r => r.Scores.Scores).ToList();
        var rows = all.Select(s => s.Hallmark).Distinct().Select(h =>
        {
            var scored = all.Where(s => s.Hallmark == h && s.Percent is not null).Select(s => s.Percent!.Value).ToList();
            return (Hallmark: h, Average: scored.Count == 0 ? (int?)null : (int)Math.Round(scored.Average()), Count: scored.Count,
                Skipped: all.Count(s => s.Hallmark == h && s.IsSkipped));
        }).ToList();
        var averages = rows.Where(r => r.Average is not null).Select(r => (r.Hallmark, Average: r.Average!.Value)).ToList();
        var chart = PaperChart.Png(averages.Select(a => new PaperChart.Entry(a.Hallmark, a.Average)).ToList(), thresholds);
        paper.Image(chart, PaperChart.PixelWidth, PaperChart.PixelHeight(averages.Count),
            $"Bar chart of the average hallmark score across the {assessed.Count.ToString(CultureInfo.InvariantCulture)} partnerships assessed: "
            + string.Join("; ", averages.Select(a => $"{a.Hallmark} {a.Average.ToString(CultureInfo.InvariantCulture)}%")) + ".");
        paper.Table(["Hallmark", "Average score", "Partnerships assessed"],
            rows.Select(a => (IReadOnlyList<string>)
            [
                a.Hallmark,
                a.Average is { } average ? $"{average.ToString(CultureInfo.InvariantCulture)}%" : "none (skipped)",
                a.Count.ToString(CultureInfo.InvariantCulture) + (a.Skipped > 0 ? $" (skipped by {a.Skipped.ToString(CultureInfo.InvariantCulture)})" : ""),
            ]));
        paper.Heading(2, "Each partnership's latest scores");
        paper.Table(["Partnership", "Assessed on", "Scores"], assessed.Select(r => (IReadOnlyList<string>)
        [
            r.Partnership,
            UkDate.Day(r.Scores.AssessedOn),
            string.Join("\n", rows.Select(a => $"{a.Hallmark}: " + (r.Scores.Scores.FirstOrDefault(s => s.Hallmark == a.Hallmark) is { } s ? s.Text : "not assessed"))),
        ]));
    }
}
