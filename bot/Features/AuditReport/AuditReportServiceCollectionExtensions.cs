namespace PartnershipBot.Features.AuditReport;

/// <summary>Registers the Audit Committee report.</summary>
internal static class AuditReportServiceCollectionExtensions
{
    public static IServiceCollection AddAuditReport(this IServiceCollection services)
    {
        services.AddSingleton<AuditReportHandler>();
        services.AddSingleton<AuditReportReaders>();
        services.AddSingleton<ReviewAuditHandler>();
        services.AddSingleton<Documents.Downloads.IDocumentSource, ReviewDocumentSource>();
        services.AddSingleton<Documents.Downloads.IDocumentSource, AuditCommitteeDocumentSource>();
        services.AddSingleton<Documents.Downloads.IDocumentSource>(s => ActivatorUtilities.CreateInstance<AuditReportFileSource>(s, AuditReportFileFormat.Xlsx));
        services.AddSingleton<Documents.Downloads.IDocumentSource>(s => ActivatorUtilities.CreateInstance<AuditReportFileSource>(s, AuditReportFileFormat.Csv));
        return services;
    }
}
