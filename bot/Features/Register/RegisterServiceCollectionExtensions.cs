using Microsoft.Extensions.Options;

namespace PartnershipBot.Features.Register;

/// <summary>Registers the partnerships register, its Appendix 1 seeding and its Teams handler.</summary>
internal static class RegisterServiceCollectionExtensions
{
    public static IServiceCollection AddRegister(this IServiceCollection services)
    {
        services.AddOptions<RegisterOptions>().BindConfiguration(RegisterOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RegisterOptions>, RegisterOptionsValidator>();
        services.AddSingleton<IPartnershipRegister, PartnershipRegister>();
        services.AddSingleton<RegisterViews>();
        services.AddSingleton<AuditTeam>();
        services.AddSingleton<RegisterHandler>();
        // Before the scheduler starts, so the first pass sees the seeded register.
        services.AddHostedService<KeyPartnershipSeeder>();
        services.AddHostedService<RoleHolderSync>();
        return services;
    }
}
