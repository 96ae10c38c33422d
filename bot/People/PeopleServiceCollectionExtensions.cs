using PartnershipBot.Notifications;

namespace PartnershipBot.People;

/// <summary>Registers the people directory: Graph when it is configured, else names from Teams conversations.</summary>
internal static class PeopleServiceCollectionExtensions
{
    public static IServiceCollection AddPeopleDirectory(this IServiceCollection services)
    {
        services.AddSingleton<IPeopleDirectory>(sp => sp.GetRequiredService<GraphAccess>().IsConfigured
            ? ActivatorUtilities.CreateInstance<GraphPeopleDirectory>(sp)
            : ActivatorUtilities.CreateInstance<TeamsPeopleDirectory>(sp));
        return services;
    }
}
