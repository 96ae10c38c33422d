using Microsoft.Extensions.Options;
using PartnershipBot.Auth;
using PartnershipBot.Connector;
using PartnershipBot.Documents;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Endpoints;
using PartnershipBot.Cards;
using PartnershipBot.Features.Audit;
using PartnershipBot.Features.AuditReport;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Features.Welcome;
using PartnershipBot.Scheduling;
using PartnershipBot.Notifications;
using PartnershipBot.Storage;
using PartnershipBot.Tab;
using PartnershipBot.Telemetry;
using PartnershipBot.Turns;

namespace PartnershipBot.Hosting;

/// <summary>Registers every service of the bot and maps its endpoints.</summary>
internal static class ServiceRegistration
{
    public static WebApplicationBuilder AddPartnershipBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        builder.AddBotTelemetry();

        services.AddBotAuthentication();
        services.AddBotConnector();

        // The backend (Storage:Provider) registers every store; features register only their own services.
        services.AddStorage(builder.Configuration);

        services.AddSingleton(_ => TurnRoutes.Build());
        services.AddSingleton<TurnErrors>();
        services.AddSingleton<TurnPipeline>();

        services.AddCards();
        services.AddQuestionnaires();
        services.AddJourneys();
        services.AddRegister();
        services.AddReviews();
        services.AddAuditReport();
        services.AddAudit();
        services.AddScheduling();
        services.AddHallmarks();
        services.AddApprovals();
        services.AddSingleton<WelcomeHandler>();
        services.AddSingleton<Features.Welcome.CallerRoleLookup>();
        services.AddNotifications();
        services.AddSingleton<Operations.BackupCommand>();
        services.AddTab();
        services.AddDocuments();
        services.AddHostedService<StartupReport>();
        // Polly logs each retry at Warning with the full exception; the connector logs one line per retry itself.
        builder.Logging.AddFilter("Polly", LogLevel.Error);
        return builder;
    }

    /// <summary>Checks every options class now, so all bad settings are reported together before anything starts.</summary>
    public static WebApplication ValidateConfiguration(this WebApplication app)
    {
        app.Services.GetService<IStartupValidator>()?.Validate();
        return app;
    }

    public static WebApplication MapPartnershipBot(this WebApplication app)
    {
        var bot = app.Services.GetRequiredService<IOptions<BotOptions>>().Value;

        // Open the database now, not on the first turn: a bad path or connection fails start-up with a clear message.
        app.Services.OpenStorage();

        app.UseExceptionHandler(error => error.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsync("The request could not be processed.");
        }));
        if (!bot.IsDevelopmentMode)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.MapMessagesEndpoint(requireAuthentication: !bot.IsDevelopmentMode);
        app.MapHealthEndpoint();
        app.MapTab(requireAuthentication: !bot.IsDevelopmentMode);
        app.MapDownloadEndpoint();
        return app;
    }
}
