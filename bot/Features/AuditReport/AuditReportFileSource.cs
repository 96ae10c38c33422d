using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.Partnerships;

namespace PartnershipBot.Features.AuditReport;

/// <summary>The two files of the audit report.</summary>
internal enum AuditReportFileFormat
{
    Xlsx,
    Csv,
}

/// <summary>
/// The audit report's spreadsheet or CSV for a cycle year (subject: the year), downloaded in Teams from the report card:
/// the same file the e-mail attaches, for the PPM, so the report reaches them even with no mailbox configured.
/// </summary>
internal sealed class AuditReportFileSource(
    AuditReportFileFormat format,
    AuditReportHandler reports,
    AuditReportReaders readers,
    TimeProvider time) : IDocumentSource
{
    public string Kind => format == AuditReportFileFormat.Xlsx ? DocumentKinds.AuditSpreadsheet : DocumentKinds.AuditCsv;

    public async Task<bool> MayReadAsync(Caller caller, string subjectId, CancellationToken cancellationToken) =>
        await readers.YearAsync(caller, subjectId, cancellationToken) is not null;

    public async Task<GeneratedDocument?> GenerateAsync(Caller caller, string subjectId, CancellationToken cancellationToken)
    {
        if (await readers.YearAsync(caller, subjectId, cancellationToken) is not { } year)
        {
            return null;
        }

        var report = await reports.BuildAsync(year, time.GetUtcNow(), cancellationToken);
        return format == AuditReportFileFormat.Xlsx
            ? new GeneratedDocument(AuditReportFiles.FileName(report, "xlsx"), AuditReportFiles.Xlsx(report), AuditReportFiles.XlsxContentType)
            : new GeneratedDocument(AuditReportFiles.FileName(report, "csv"), AuditReportFiles.Csv(report), AuditReportFiles.CsvContentType);
    }

}
