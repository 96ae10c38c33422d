namespace PartnershipBot.Features.AuditReport;

/// <summary>Registers the Audit Committee report.</summary>
internal static class AuditReportServiceCollectionExtensions
{
    public static IServiceCollection AddAuditReport(this IServiceCollection services)
    {
        services.AddSingleton<AuditReportHandler>();
        services.AddSingleton<Documents.Downloads.IDocumentSource, ReviewDocumentSource>();
        services.AddSingleton<Documents.Downloads.IDocumentSource, AuditCommitteeDocumentSource>();
        return services;
    }
}
