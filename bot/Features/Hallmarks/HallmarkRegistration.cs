using Microsoft.Extensions.Options;
using PartnershipBot.Features.Journeys;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>Registers the Hallmarks of Effective Partnerships self-assessment.</summary>
internal static class HallmarkRegistration
{
    public static IServiceCollection AddHallmarks(this IServiceCollection services)
    {
        services.AddOptions<HallmarkOptions>().BindConfiguration(HallmarkOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HallmarkOptions>, HallmarkOptionsValidator>();
        services.AddSingleton<IPartnershipLookup, RegisterPartnershipLookup>();
        services.AddSingleton<AuditReport.IHallmarkScores, AuditHallmarkScores>();
        services.AddSingleton<HallmarkStartCards>();
        services.AddSingleton<HallmarkHandler>();
        services.AddSingleton<HallmarkTakeOver>();
        services.AddSingleton<HallmarkPlanHandler>();
        services.AddSingleton<IDraftSubmittedHandler, HallmarksSubmitted>();
        services.AddSingleton<IDraftSubmitter, AssessmentSubmitter>();
        services.AddHostedService<AssessmentSummaryBackfill>();
        return services;
    }
}
