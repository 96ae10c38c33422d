using System.Globalization;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.AuditReport;
using PartnershipBot.Features.Reviews;

namespace PartnershipBot.Tab;

/// <summary>The Audit Committee page: the report's coverage figures and rows, and its .xlsx/.csv (one builder with the chat's).</summary>
internal static class TabAudit
{
    private const string NotAllowed = "The Audit Committee report is for the People and Policy Manager and the Audit & Performance Management team.";

    public static async Task<IResult> CoverageAsync(
        string? year, HttpContext context, TabAccess access, AuditReportQueries audit, DocumentDownloads downloads, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.CallerAsync(context, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        int? wanted = null;
        if (!string.IsNullOrEmpty(year))
        {
            if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || !audit.IsValidYear(y))
            {
                return TabJson.Problem(StatusCodes.Status400BadRequest, $"Choose a cycle year from 2000 to {audit.CurrentYear + 1}.");
            }

            wanted = y;
        }

        if (await audit.CoverageAsync(caller, wanted, cancellationToken) is not { } report)
        {
            return TabJson.Problem(StatusCodes.Status403Forbidden, NotAllowed);
        }

        return TabJson.Ok(new
        {
            report.Year,
            audit.CurrentYear,
            report.GeneratedAt,
            Papers = await TabPapers.OfYearAsync(caller, report.Year, downloads, cancellationToken),
            Totals = report.Totals.Lines(report.Year).Select(l => new { l.Label, l.Value }).ToList(),
            Rows = report.Rows.Select(r => new
            {
                r.Name,
                r.LeadOfficer,
                r.LeadRole,
                r.Status,
                r.Stage,
                r.ReviewOwed,
                ReturnReceived = r.ReturnReceived is { } d ? ReviewSchedule.Format(d) : "",
                r.EffectivenessReviewDone,
                r.Recommendation,
                r.ThreeYearReviewDue,
                r.OverdueFlags,
                r.HallmarkScores,
            }).ToList(),
        });
    }

    public static async Task<IResult> DownloadAsync(int year, string format, HttpContext context, TabAccess access, AuditReportQueries audit, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.CallerAsync(context, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        if (format is not ("xlsx" or "csv") || !audit.IsValidYear(year))
        {
            return TabJson.Problem(StatusCodes.Status400BadRequest, $"Download the report as .xlsx or .csv for a cycle year from 2000 to {audit.CurrentYear + 1}.");
        }

        if (await audit.CoverageAsync(caller, year, cancellationToken) is not { } report)
        {
            return TabJson.Problem(StatusCodes.Status403Forbidden, NotAllowed);
        }

        return format == "xlsx"
            ? Results.File(AuditReportFiles.Xlsx(report), AuditReportFiles.XlsxContentType, AuditReportFiles.FileName(report, "xlsx"))
            : Results.File(AuditReportFiles.Csv(report), AuditReportFiles.CsvContentType, AuditReportFiles.FileName(report, "csv"));
    }
}
