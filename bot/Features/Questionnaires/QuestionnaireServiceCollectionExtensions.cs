using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PartnershipBot.Features.Questionnaires;

/// <summary>Registers the questionnaire catalog so that bad definition files stop the bot at start, not mid-journey.</summary>
internal static class QuestionnaireServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="QuestionnaireCatalog"/> as a singleton loaded from <paramref name="directory"/>
    /// (default: the Questionnaires folder beside the app) and checks it when the host starts.
    /// </summary>
    public static IServiceCollection AddQuestionnaires(this IServiceCollection services, string? directory = null)
    {
        var folder = directory ?? Path.Combine(AppContext.BaseDirectory, "Questionnaires");
        services.AddSingleton(_ =>
        {
            var catalog = QuestionnaireCatalog.Load(folder);
            catalog.Require(QuestionnaireIds.All);
            return catalog;
        });
        services.AddHostedService<QuestionnaireCatalogCheck>();
        return services;
    }
}

/// <summary>Resolves the catalog while the host starts, so loading and validation happen before the first turn.</summary>
internal sealed partial class QuestionnaireCatalogCheck(QuestionnaireCatalog catalog, ILogger<QuestionnaireCatalogCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogLoaded(logger, catalog.All.Count, string.Join(", ", catalog.All.Select(d => $"{d.Id} v{d.Version}")));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Loaded {Count} questionnaires: {Questionnaires}")]
    private static partial void LogLoaded(ILogger logger, int count, string questionnaires);
}
