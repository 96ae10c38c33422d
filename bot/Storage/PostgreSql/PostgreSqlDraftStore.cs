using Npgsql;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// Drafts in PostgreSQL, versioned by their revision; the owner's open draft in journey_sessions. No in-process
/// cache: another instance may have saved the draft since, so every read asks the database.
/// </summary>
internal sealed class PostgreSqlDraftStore(PostgreSqlDatabase database) : IDraftStore
{
    public async Task<Draft?> GetAsync(string draftId, CancellationToken cancellationToken) =>
        (await database.DocumentsAsync<Draft>("SELECT doc FROM drafts WHERE id = $1", null, cancellationToken, draftId)).SingleOrDefault();

    public async Task<IReadOnlyList<Draft>> ListByOwnerAsync(string ownerId, CancellationToken cancellationToken) =>
        Newest(await database.DocumentsAsync<Draft>("SELECT doc FROM drafts WHERE owner_id = $1", null, cancellationToken, ownerId));

    public async Task<IReadOnlyList<Draft>> ListBySubjectAsync(string subjectId, CancellationToken cancellationToken) =>
        Newest(await database.DocumentsAsync<Draft>("SELECT doc FROM drafts WHERE subject_id = $1", null, cancellationToken, subjectId));

    public Task<bool> SaveAsync(Draft draft, bool open, CancellationToken cancellationToken) =>
        database.InTransactionAsync((connection, ct) => SaveAsync(connection, draft, open, ct), cancellationToken);

    /// <summary>The versioned save on the caller's transaction (with another store's write in one step): false when someone saved first.</summary>
    internal static async Task<bool> SaveAsync(NpgsqlConnection connection, Draft draft, bool open, CancellationToken ct)
    {
        var sql = draft.Revision - 1 == 0
            ? """
              INSERT INTO drafts (id, version, doc, owner_id, subject_id, status, questionnaire_id, created_ticks, updated_ticks)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING
              """
            : """
              UPDATE drafts SET version = $2, doc = $3, owner_id = $4, subject_id = $5, status = $6, questionnaire_id = $7, updated_ticks = $9
              WHERE id = $1 AND version = $2 - 1
              """;
        if (await PostgreSqlDatabase.ExecuteAsync(connection, sql, ct, Row(draft)) != 1)
        {
            return false;
        }

        await SetOpenAsync(connection, draft.OwnerId, draft.Id, open, ct);
        return true;
    }

    /// <summary>Inserts a new draft on the caller's transaction (the assessment store's check-and-insert).</summary>
    internal static Task<int> InsertAsync(NpgsqlConnection connection, Draft draft, CancellationToken cancellationToken) =>
        PostgreSqlDatabase.ExecuteAsync(connection,
            """
            INSERT INTO drafts (id, version, doc, owner_id, subject_id, status, questionnaire_id, created_ticks, updated_ticks)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING
            """,
            cancellationToken, Row(draft));

    public async Task<string?> GetOpenDraftIdAsync(string ownerId, CancellationToken cancellationToken) =>
        await database.ScalarAsync("SELECT draft_id FROM journey_sessions WHERE owner_id = $1", cancellationToken, ownerId) as string;

    public async Task SetOpenDraftAsync(string ownerId, string? draftId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Source.OpenConnectionAsync(cancellationToken);
        await SetOpenDraftAsync(connection, ownerId, draftId, cancellationToken);
    }

    /// <summary>Sets the owner's open draft on the caller's connection (and transaction).</summary>
    internal static Task<int> SetOpenDraftAsync(NpgsqlConnection connection, string ownerId, string? draftId, CancellationToken cancellationToken) =>
        PostgreSqlDatabase.ExecuteAsync(connection,
            "INSERT INTO journey_sessions (owner_id, draft_id) VALUES ($1, $2) ON CONFLICT (owner_id) DO UPDATE SET draft_id = excluded.draft_id",
            cancellationToken, ownerId, draftId);

    /// <summary>Opening sets the owner's open draft; closing clears it only if it is still this draft.</summary>
    private static Task<int> SetOpenAsync(NpgsqlConnection connection, string ownerId, string draftId, bool open, CancellationToken cancellationToken) =>
        open
            ? PostgreSqlDatabase.ExecuteAsync(connection,
                """
                INSERT INTO journey_sessions (owner_id, draft_id) VALUES ($1, $2)
                ON CONFLICT (owner_id) DO UPDATE SET draft_id = excluded.draft_id WHERE journey_sessions.draft_id IS DISTINCT FROM excluded.draft_id
                """,
                cancellationToken, ownerId, draftId)
            : PostgreSqlDatabase.ExecuteAsync(connection,
                "UPDATE journey_sessions SET draft_id = NULL WHERE owner_id = $1 AND draft_id = $2", cancellationToken, ownerId, draftId);

    private static object?[] Row(Draft draft) =>
    [
        draft.Id, draft.Revision, Jsonb.Of(draft), draft.OwnerId, draft.SubjectId, draft.Status.ToString(), draft.QuestionnaireId,
        draft.CreatedAt.UtcTicks, draft.UpdatedAt.UtcTicks,
    ];

    private static List<Draft> Newest(List<Draft> drafts) => [.. drafts.OrderByDescending(d => d.UpdatedAt)];
}
