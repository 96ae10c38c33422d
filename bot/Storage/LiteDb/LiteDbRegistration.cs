using PartnershipBot.Connector;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;
using PartnershipBot.Turns;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>The LiteDB backend: every store of the bot on one embedded file, for a single process.</summary>
internal static class LiteDbRegistration
{
    public static IServiceCollection AddLiteDbStorage(this IServiceCollection services)
    {
        services.AddSingleton<LiteDbStore>();
        services.AddSingleton<LiteDbStorage>();
        services.AddSingleton<IStorage>(sp => sp.GetRequiredService<LiteDbStorage>());
        services.AddSingleton<IStorageHealth>(sp => sp.GetRequiredService<LiteDbStorage>());
        services.AddSingleton<IStorageBackup, LiteDbBackup>();
        services.AddSingleton<IStorageOpener>(sp => new StorageOpener(() => sp.GetRequiredService<LiteDbStore>()));

        // One line per store: the feature's interface, this module's class.
        services.AddSingleton<IConversationReferenceStore, LiteDbConversationReferenceStore>();
        services.AddSingleton<LiteDbDraftStore>();
        services.AddSingleton<IDraftStore>(sp => sp.GetRequiredService<LiteDbDraftStore>());
        services.AddSingleton<IAssessmentStore, LiteDbAssessmentStore>();
        services.AddSingleton<IAssessmentSummaryStore, LiteDbAssessmentSummaryStore>();
        services.AddSingleton<IPartnershipRepository, LiteDbPartnershipRepository>();
        services.AddSingleton<ISubmissionStore, LiteDbSubmissionStore>();
        services.AddSingleton<IDuePromptStore, LiteDbDuePromptStore>();
        services.AddSingleton<LiteDbOutbox>();
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<LiteDbOutbox>());
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<LiteDbOutbox>());
        services.AddSingleton<IDownloadGrantStore, LiteDbDownloadGrantStore>();
        services.AddSingleton<Features.Audit.IAuditRecordStore, LiteDbAuditRecordStore>();

        // One process holds the file: turn order and handled activities are kept in process, and it leads the scheduler.
        services.AddSingleton<IConversationGate, ConversationGate>();
        services.AddSingleton<IProcessedActivities, ProcessedActivities>();
        services.AddSingleton<ITurnLedger, TurnLedger>();
        services.AddSingleton<ISchedulerLeadership, SingleProcessLeadership>();
        return services;
    }
}
