namespace PartnershipBot.Features.Journeys;

/// <summary>Registers the questionnaire journeys.</summary>
internal static class JourneyRegistration
{
    public static IServiceCollection AddJourneys(this IServiceCollection services)
    {
        services.AddSingleton<JourneyCards>();
        services.AddSingleton<JourneyHandler>();
        services.AddSingleton<QuestionCards>();
        services.AddSingleton<IDraftSubmittedHandler, NewPartnershipSubmitted>();
        return services;
    }
}
