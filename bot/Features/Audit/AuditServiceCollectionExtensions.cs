using PartnershipBot.Scheduling;

namespace PartnershipBot.Features.Audit;

/// <summary>Registers the Audit &amp; Performance Management team's work (4.4-4.6).</summary>
internal static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<CommitteeRecords>();
        services.AddSingleton<CommitteeQueries>();
        services.AddSingleton<IDuePromptPlanner, CommitteeReminderPlanner>();
        services.AddSingleton<IDuePromptHandler, CommitteeReminderHandler>();
        services.AddSingleton<ContentAudit>();
        services.AddSingleton<Journeys.IDraftSubmittedHandler, ContentAuditSubmitted>();
        services.AddSingleton<SpecificReviewCards>();
        services.AddSingleton<SpecificReviews>();
        services.AddSingleton<SpecificReviewToSmt>();
        services.AddSingleton<SpecificReviewList>();
        services.AddSingleton<Journeys.IDraftSubmittedHandler, SpecificReviewInputSubmitted>();
        services.AddSingleton<Journeys.IDraftSubmittedHandler, SpecificReviewReportSubmitted>();
        services.AddSingleton<Documents.Downloads.IDocumentSource, SpecificReviewDocumentSource>();
        return services;
    }
}
