using Microsoft.Extensions.Options;
using Npgsql;
using PartnershipBot.Connector;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;
using PartnershipBot.Turns;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>The PostgreSQL backend: every store of the bot in one database that several instances share.</summary>
internal static class PostgreSqlRegistration
{
    public static IServiceCollection AddPostgreSqlStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => PostgreSqlDatabase.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString!));
        services.AddSingleton(sp => PostgreSqlLocks.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString!));
        services.AddSingleton<PostgreSqlStorage>();
        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<PostgreSqlStorage>());
        services.AddSingleton<IStorageHealth>(sp => sp.GetRequiredService<PostgreSqlStorage>());
        services.AddSingleton<IStorageBackup, DatabaseManagedBackup>();
        services.AddSingleton<IStorageOpener>(sp => sp.GetRequiredService<PostgreSqlStorage>());

        // One line per store: the feature's interface, this module's class.
        services.AddSingleton<IConversationReferenceStore, PostgreSqlConversationReferenceStore>();
        services.AddSingleton<IDraftStore, PostgreSqlDraftStore>();
        services.AddSingleton<IAssessmentStore, PostgreSqlAssessmentStore>();
        services.AddSingleton<IAssessmentSummaryStore, PostgreSqlAssessmentSummaryStore>();
        services.AddSingleton<IPartnershipRepository, PostgreSqlPartnershipRepository>();
        services.AddSingleton<ISubmissionStore, PostgreSqlSubmissionStore>();
        services.AddSingleton<IDuePromptStore, PostgreSqlDuePromptStore>();
        services.AddSingleton<PostgreSqlOutbox>();
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<PostgreSqlOutbox>());
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<PostgreSqlOutbox>());
        services.AddSingleton<IDownloadGrantStore, PostgreSqlDownloadGrantStore>();
        services.AddSingleton<Features.Audit.IAuditRecordStore, PostgreSqlAuditRecordStore>();

        // Several instances: one leads the scheduler; every dispatcher is woken by the others' outbox commits.
        services.AddSingleton<ISchedulerLeadership, PostgreSqlSchedulerLeadership>();
        services.AddHostedService<PostgreSqlOutboxListener>();

        // What a turn on another instance must see: its conversation's turn lock and the activities already handled.
        services.AddSingleton(sp => new PostgreSqlTurnAdmission(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.TurnsAtOnce ?? PostgreSqlTurnAdmission.Default(Environment.ProcessorCount)));
        services.AddSingleton<PostgreSqlConversationGate>();
        services.AddSingleton<IConversationGate>(sp => sp.GetRequiredService<PostgreSqlConversationGate>());
        services.AddSingleton<ITurnLedger>(sp => sp.GetRequiredService<PostgreSqlConversationGate>());
        services.AddSingleton<PostgreSqlProcessedActivities>();
        services.AddSingleton<IProcessedActivities>(sp => sp.GetRequiredService<PostgreSqlProcessedActivities>());
        return services;
    }
}
