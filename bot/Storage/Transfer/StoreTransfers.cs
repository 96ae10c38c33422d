using LiteDB;
using Npgsql;
using PartnershipBot.Connector;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.Audit;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Protocol;
using PartnershipBot.Scheduling;
using PartnershipBot.Storage.LiteDb;
using PartnershipBot.Storage.PostgreSql;
using PartnershipBot.Turns;

namespace PartnershipBot.Storage.Transfer;

/// <summary>
/// Every store's move from LiteDB to PostgreSQL, in one table. A store added later must appear here (or in
/// <see cref="NotMoved"/> with the reason): a test compares this table with what both backends register, with the
/// collections a used LiteDB file holds and with the tables the PostgreSQL migrations create.
/// </summary>
internal static class StoreTransfers
{
    public static IReadOnlyList<IStoreTransfer> All { get; } =
    [
        new StoreTransfer<Partnership>("register", "partnerships", "partnerships", [typeof(IPartnershipRepository)],
            d => new(Id(d), StoredDocument.VersionOf(d), StoredDocument.FromBson<Partnership>(d) with { Version = StoredDocument.VersionOf(d) }),
            (c, m, ct) => PostgreSqlPartnershipRepository.InsertAsIsAsync(c, m.Record, ct),
            "SELECT id, version, doc FROM partnerships",
            r => Versioned<Partnership>(r, (p, v) => p with { Version = v })),

        new StoreTransfer<string>("markers", "meta", "markers", [typeof(IPartnershipRepository)],
            d => Id(d) == "schema" ? null : new(Id(d), 0, CanonicalJson.Of(WithoutId(d))),
            (c, m, ct) => PostgreSqlDatabase.ExecuteAsync(c, "INSERT INTO markers (key, value) VALUES ($1, $2)", ct, m.Key, new Jsonb(m.Record)),
            "SELECT key, value::text FROM markers",
            r => new(r.GetString(0), 0, CanonicalJson.Of(r.GetString(1)))),

        new StoreTransfer<Draft>("drafts", "drafts", "drafts", [typeof(IDraftStore), typeof(IAssessmentStore)],
            d => new(Id(d), StoredDocument.VersionOf(d), StoredDocument.FromBson<Draft>(d)),
            (c, m, ct) => PostgreSqlDraftStore.InsertAsync(c, m.Record, ct),
            $"SELECT d.id, d.version, {PostgreSqlDraftStore.Doc} FROM drafts d",
            r => Versioned<Draft>(r, (d, _) => d)),

        new StoreTransfer<AssessmentSummary>("assessment summaries", LiteDbAssessmentSummaryStore.CollectionName, "assessment_summaries",
            [typeof(IAssessmentSummaryStore)],
            d => new(Id(d), StoredDocument.VersionOf(d), StoredDocument.FromBson<AssessmentSummary>(d)),
            (c, m, ct) => PostgreSqlAssessmentSummaryStore.InsertAsIsAsync(c, m.Record, ct),
            "SELECT id, version, doc FROM assessment_summaries",
            r => Versioned<AssessmentSummary>(r, (s, _) => s)),

        new StoreTransfer<string?>("open drafts", "journey_sessions", "journey_sessions", [typeof(IDraftStore)],
            d => new(Id(d), 0, d["draft"].IsNull ? null : d["draft"].AsString),
            (c, m, ct) => PostgreSqlDraftStore.SetOpenDraftAsync(c, m.Key, m.Record, ct),
            "SELECT owner_id, draft_id FROM journey_sessions",
            r => new(r.GetString(0), 0, r.IsDBNull(1) ? null : r.GetString(1))),

        new StoreTransfer<Submission>("submissions", LiteDbSubmissionStore.CollectionName, "submissions", [typeof(ISubmissionStore)],
            d => new(Id(d), StoredDocument.VersionOf(d), StoredDocument.FromBson<Submission>(d) with { Version = StoredDocument.VersionOf(d) }),
            (c, m, ct) => PostgreSqlSubmissionStore.InsertAsIsAsync(c, m.Record, ct),
            "SELECT id, version, doc FROM submissions",
            r => Versioned<Submission>(r, (s, v) => s with { Version = v })),

        new StoreTransfer<OutboxMessage>("outbox", LiteDbOutbox.CollectionName, "outbox", [typeof(IOutboxStore), typeof(IOutbox)],
            d => new(Id(d), StoredDocument.VersionOf(d), StoredDocument.FromBson<OutboxMessage>(d) with { Version = StoredDocument.VersionOf(d) }),
            (c, m, ct) => PostgreSqlOutbox.InsertAsIsAsync(c, m.Record, ct),
            "SELECT key, version, doc FROM outbox",
            r => Versioned<OutboxMessage>(r, (o, v) => o with { Version = v })),

        new StoreTransfer<DuePrompt>("due prompts", "due_prompts", "due_prompts", [typeof(IDuePromptStore)],
            d => new(Id(d), 0, StoredDocument.FromBson<DuePrompt>(d)),
            (c, m, ct) => PostgreSqlDuePromptStore.InsertAsIsAsync(c, m.Record, ct),
            "SELECT key, doc FROM due_prompts",
            r => new(r.GetString(0), 0, StorageJson.Deserialize<DuePrompt>(r.GetString(1), r.GetString(0)))),

        new StoreTransfer<ConversationReference>("conversation references", LiteDbConversationReferenceStore.CollectionName, "conversation_references",
            [typeof(IConversationReferenceStore)],
            d => new(Id(d), 0, StoredDocument.FromBson<ConversationReference>(d)),
            (c, m, ct) => PostgreSqlConversationReferenceStore.InsertAsIsAsync(c, m.Key, m.Record, ct),
            "SELECT key, doc FROM conversation_references",
            r => new(r.GetString(0), 0, StorageJson.Deserialize<ConversationReference>(r.GetString(1), r.GetString(0)))),

        new StoreTransfer<DownloadGrant>("download grants", LiteDbDownloadGrantStore.CollectionName, "download_grants", [typeof(IDownloadGrantStore)],
            d => new(Id(d), 0, StoredDocument.FromBson<DownloadGrant>(d), Used(d[LiteDbDownloadGrantStore.UsedField].AsBoolean)),
            (c, m, ct) => PostgreSqlDownloadGrantStore.InsertAsIsAsync(c, m.Record, m.State == Used(true), ct),
            "SELECT secret_hash, doc, used FROM download_grants",
            r => new(r.GetString(0), 0, StorageJson.Deserialize<DownloadGrant>(r.GetString(1), r.GetString(0)), Used(r.GetBoolean(2)))),

        new StoreTransfer<AuditRow>("audit records", "audit_records", "audit_records", [typeof(IAuditRecordStore)],
            d => new(Id(d), StoredDocument.VersionOf(d),
                new AuditRow(d["kind"].AsString, d["partnership"].AsString, d["year"].AsInt32, CanonicalJson.Of(StoredDocument.JsonOf(d)))),
            (c, m, ct) => PostgreSqlAuditRecordStore.InsertAsIsAsync(c, m.Key, m.Record, m.Version, ct),
            "SELECT id, version, kind, partnership_id, year, doc::text FROM audit_records",
            r => new(r.GetString(0), r.GetInt32(1), new AuditRow(r.GetString(2), r.GetString(3), r.GetInt32(4), CanonicalJson.Of(r.GetString(5))))),
    ];

    /// <summary>Registered store interfaces whose state is not moved, and why.</summary>
    public static IReadOnlyDictionary<Type, string> NotMoved { get; } = new Dictionary<Type, string>
    {
        [typeof(IConversationGate)] = "a lock held for the length of a turn; nothing is stored",
        [typeof(IProcessedActivities)] = "activities handled in the last 10 minutes, kept to answer redeliveries; the move is made with the bot stopped",
        [typeof(ITurnLedger)] = "the conversation gate and the handled activities above, entered and left together; nothing of its own",
        [typeof(ISchedulerLeadership)] = "a lock held while an instance leads; nothing is stored",
    };

    /// <summary>PostgreSQL tables that no LiteDB collection fills, and why.</summary>
    public static IReadOnlyDictionary<string, string> TablesNotMoved { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["schema_migrations"] = "written by the migrations themselves (LiteDB keeps its schema version in meta)",
        ["processed_activities"] = "see IProcessedActivities above",
        ["draft_history"] = "filled with the drafts: each draft's history is written to its rows by the drafts' transfer",
    };

    private static string Id(BsonDocument doc) => doc["_id"].AsString;

    private static string Used(bool used) => used ? "used" : "unused";

    private static Moved<TRecord> Versioned<TRecord>(NpgsqlDataReader reader, Func<TRecord, int, TRecord> withVersion)
    {
        var key = reader.GetString(0);
        var version = reader.GetInt32(1);
        return new(key, version, withVersion(StorageJson.Deserialize<TRecord>(reader.GetString(2), key), version));
    }

    private static string WithoutId(BsonDocument doc)
    {
        var copy = new BsonDocument();
        foreach (var (field, value) in doc)
        {
            if (field != "_id")
            {
                copy[field] = value;
            }
        }

        return LiteDB.JsonSerializer.Serialize(copy);
    }
}
