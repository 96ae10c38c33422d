using PartnershipBot.Cards.Templating;

namespace PartnershipBot.Cards;

/// <summary>Registers the card renderer and checks every template when the app starts.</summary>
internal static class CardsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="CardRenderer"/> as a singleton and a start-up check that builds it, so a bad template stops
    /// the host. Templates come from AppContext.BaseDirectory/cards unless <paramref name="directory"/> is given.
    /// </summary>
    public static IServiceCollection AddCards(this IServiceCollection services, string? directory = null)
    {
        services.AddSingleton(sp => new CardRenderer(
            directory ?? Path.Combine(AppContext.BaseDirectory, "cards"),
            sp.GetRequiredService<ILogger<CardRenderer>>()));
        services.AddHostedService<CardTemplatesStartupCheck>();
        return services;
    }
}

/// <summary>
/// Resolving the renderer loads and checks all templates; a <see cref="CardTemplateException"/> from it fails
/// host start-up with the template name and the bad binding in the message.
/// </summary>
internal sealed class CardTemplatesStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<CardRenderer>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
