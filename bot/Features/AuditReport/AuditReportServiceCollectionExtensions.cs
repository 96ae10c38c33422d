using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PartnershipBot.Features.AuditReport;

/// <summary>Registers the Audit Committee report.</summary>
internal static class AuditReportServiceCollectionExtensions
{
    public static IServiceCollection AddAuditReport(this IServiceCollection services)
    {
        // The hallmark feature replaces this with its own store of assessments.
        services.TryAddSingleton<IHallmarkScores, NoHallmarkScores>();
        services.AddSingleton<AuditReportHandler>();
        return services;
    }
}
