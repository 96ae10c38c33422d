using Microsoft.Extensions.Options;
using PartnershipBot.Features.Register;
using PartnershipBot.Hosting;
using PartnershipBot.People;
using PartnershipBot.Storage;

namespace PartnershipBot.Notifications;

/// <summary>Registers the outbox, its dispatcher and senders, Graph, the people directory and the "outbox" command.</summary>
internal static class NotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section)
            .PostConfigure<IOptions<RegisterOptions>>((options, register) =>
            {
                // The PPM manages undelivered notifications; Register:RoleHolders:PPM is the one place naming them.
                if (register.Value.PpmUserId is { Length: > 0 } ppm && !options.AdminUserIds.Contains(ppm, StringComparer.OrdinalIgnoreCase))
                {
                    options.AdminUserIds.Add(ppm);
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationsOptions>, NotificationsOptionsValidator>();
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section)
            .PostConfigure<IOptions<BotOptions>>((graph, bot) => graph.ApplyBotDefaults(bot.Value))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GraphOptions>, GraphOptionsValidator>();

        // Request URLs name the service mailbox: the graph client is kept out of HttpClient's own logging.
        services.AddHttpClient(GraphAccess.HttpClientName).RemoveAllLoggers();
        services.AddSingleton<GraphAccess>();
        services.AddPeopleDirectory();

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<ICommitObserver, OutboxWakeUp>();
        services.AddSingleton<INotificationSender, EmailSender>();
        services.AddSingleton<INotificationSender, ActivityFeedSender>();
        services.AddSingleton<INotificationSender, ChatCardSender>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddSingleton<OutboxCommands>();
        return services;
    }
}
