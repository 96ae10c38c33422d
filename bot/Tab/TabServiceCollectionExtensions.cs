using Microsoft.Extensions.Options;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.AuditReport;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;

namespace PartnershipBot.Tab;

/// <summary>Registers the register tab: its SSO, the features' query services it reads through, and its pages.</summary>
internal static class TabServiceCollectionExtensions
{
    public static IServiceCollection AddTab(this IServiceCollection services)
    {
        services.AddOptions<TabOptions>().BindConfiguration(TabOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TabOptions>, TabOptionsValidator>();
        services.AddTabAuthentication();
        services.AddSingleton<TabCallers>();
        services.AddSingleton<TabAccess>();

        // Query services of the features (the chat may use them too): who sees what is decided in them.
        services.AddSingleton<RegisterAccess>();
        services.AddSingleton<RegisterQueries>();
        services.AddSingleton<ReviewQueries>();
        services.AddSingleton<HallmarkQueries>();
        services.AddSingleton<AuditReportQueries>();
        services.AddSingleton<ApprovalsWaiting>();
        return services;
    }

    public static WebApplication MapTab(this WebApplication app, bool requireAuthentication)
    {
        app.MapTabPages();
        app.MapTabApi(requireAuthentication);
        return app;
    }
}
