using Npgsql;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// Drafts in PostgreSQL, versioned by their revision; the owner's open draft in journey_sessions. Drafts in progress
/// are kept in process as this instance last read or saved them (<see cref="OpenDraftCache"/>), but every read still
/// asks the database for the stored version, since another instance may have saved the draft since: the document
/// (with its growing history) is sent and parsed only when it changed elsewhere. In a turn, the sender's open draft and
/// its version come with the turn's lock (<see cref="PostgreSqlTurnDrafts"/>), so reading it costs no round trip.
/// </summary>
internal sealed class PostgreSqlDraftStore(PostgreSqlDatabase database) : IDraftStore
{
    private readonly OpenDraftCache _open = new();

    public async Task<Draft?> GetAsync(string draftId, CancellationToken cancellationToken)
    {
        if (!_open.TryGet(draftId, out var kept))
        {
            var draft = (await database.QueryDocumentsAsync<Draft>($"SELECT {Doc} FROM drafts d WHERE d.id = $1", null, cancellationToken, draftId)).SingleOrDefault();
            if (draft is not null)
            {
                _open.Put(draft);
            }

            return draft;
        }

        if (PostgreSqlTurnConnection.DraftsOf(database)?.IsStored(draftId, kept.Revision) == true)
        {
            // The turn's lock read this version as the stored one (or this turn stored it).
            return kept;
        }

        await using var lease = await database.OpenAsync(cancellationToken);
        await using var command = PostgreSqlDatabase.Command(lease.Connection,
            $"SELECT CASE WHEN d.version = $2 THEN NULL ELSE {Doc} END FROM drafts d WHERE d.id = $1", draftId, kept.Revision);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            _open.Forget(draftId);
            return null;
        }

        if (await reader.IsDBNullAsync(0, cancellationToken))
        {
            return kept;
        }

        var changed = StorageJson.Deserialize<Draft>(reader.GetString(0), nameof(Draft));
        _open.Forget(draftId);
        _open.Put(changed);
        return changed;
    }

    public async Task<IReadOnlyList<Draft>> ListByOwnerAsync(string ownerId, CancellationToken cancellationToken) =>
        Newest(await database.QueryDocumentsAsync<Draft>($"SELECT {Doc} FROM drafts d WHERE d.owner_id = $1", null, cancellationToken, ownerId));

    public async Task<IReadOnlyList<Draft>> ListBySubjectAsync(string subjectId, CancellationToken cancellationToken) =>
        Newest(await database.QueryDocumentsAsync<Draft>($"SELECT {Doc} FROM drafts d WHERE d.subject_id = $1", null, cancellationToken, subjectId));

    public async Task<bool> SaveAsync(Draft draft, bool open, CancellationToken cancellationToken)
    {
        var turn = PostgreSqlTurnConnection.DraftsOf(database);
        var saved = false;
        try
        {
            // History is append-only: the revision kept here (the one the save builds on) says which entries are stored.
            var stored = _open.TryGet(draft.Id, out var kept) && kept.Revision == draft.Revision - 1 ? kept.History.Count : 0;
            if (turn is not null && (draft.Revision == 1 || turn.IsStored(draft.Id, draft.Revision - 1)) && HoldForTheTurnsEnd(turn, draft, open, stored))
            {
                _open.Put(draft);
                saved = true;
                return true;
            }

            saved = await _open.SaveThroughAsync(draft, async () => Saved(await database.ScalarAsync(SaveSql(draft, open), cancellationToken, Row(draft, stored))));
            return saved;
        }
        finally
        {
            // The turn's snapshot follows a stored draft; after a conflict or a failure it no longer knows.
            if (saved)
            {
                turn?.Saved(draft, open);
            }
            else
            {
                turn?.Forget();
            }
        }
    }

    /// <summary>
    /// The save of an answer to the sender's open draft, at the revision the turn's lock read as stored, or of a new
    /// draft: held for the turn's end (<see cref="PostgreSqlTurnConnection.TryHold"/>), one round trip fewer. A
    /// versioned save like any other, so a change made elsewhere after the lock (or a new draft's id already taken)
    /// refuses it there, and the turn then says it was not saved.
    /// </summary>
    private bool HoldForTheTurnsEnd(PostgreSqlTurnDrafts turn, Draft draft, bool open, int stored)
    {
        var held = PostgreSqlDatabase.BatchCommand(SaveSql(draft, open, raiseUnlessWritten: true), Row(draft, stored));

        // Not stored after all: neither this instance's copy nor the turn's snapshot may stand for the database.
        return PostgreSqlTurnConnection.TryHold(database, held, () =>
        {
            _open.Forget(draft.Id);
            turn.Forget();
        });
    }

    /// <summary>The versioned save on the caller's transaction (with another store's write in one step): false when someone saved first.</summary>
    internal static async Task<bool> SaveAsync(NpgsqlConnection connection, Draft draft, bool open, CancellationToken ct)
    {
        PostgreSqlTurnConnection.ForgetDrafts();
        return Saved(await PostgreSqlDatabase.ScalarAsync(connection, SaveSql(draft, open), ct, Row(draft, 0)));
    }

    private static bool Saved(object? count) => Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture) == 1;

    /// <summary>
    /// One statement (so one round trip, atomic without a transaction): the versioned insert or update of the draft,
    /// and only if it was written, its new history rows and the owner's open draft set (left alone when it already is
    /// this draft) or cleared.
    /// </summary>
    private static string SaveSql(Draft draft, bool open, bool raiseUnlessWritten = false)
    {
        var write = draft.Revision - 1 == 0
            ? Insert
            : """
              UPDATE drafts SET version = $2, doc = $3, owner_id = $4, subject_id = $5, status = $6, questionnaire_id = $7, updated_ticks = $9
              WHERE id = $1 AND version = $2 - 1 RETURNING id, owner_id
              """;
        var session = open
            ? """
              INSERT INTO journey_sessions (owner_id, draft_id) SELECT owner_id, id FROM saved
              ON CONFLICT (owner_id) DO UPDATE SET draft_id = excluded.draft_id WHERE journey_sessions.draft_id IS DISTINCT FROM excluded.draft_id
              """
            : "UPDATE journey_sessions SET draft_id = NULL FROM saved WHERE journey_sessions.owner_id = saved.owner_id AND journey_sessions.draft_id = saved.id";
        var written = raiseUnlessWritten ? "expect_written(count(*))" : "count(*)";
        return $"WITH saved AS ({write}), history AS ({History}), session AS ({session}) SELECT {written} FROM saved";
    }

    /// <summary>Inserts a new draft on the caller's transaction (the assessment store's check-and-insert, the move from LiteDB).</summary>
    internal static async Task<int> InsertAsync(NpgsqlConnection connection, Draft draft, CancellationToken cancellationToken)
    {
        PostgreSqlTurnConnection.ForgetDrafts();
        var inserted = await PostgreSqlDatabase.ScalarAsync(connection,
            $"WITH saved AS ({Insert}), history AS ({History}) SELECT count(*) FROM saved", cancellationToken, Row(draft, 0));
        return Convert.ToInt32(inserted, System.Globalization.CultureInfo.InvariantCulture);
    }

    private const string Insert = """
        INSERT INTO drafts (id, version, doc, owner_id, subject_id, status, questionnaire_id, created_ticks, updated_ticks)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING id, owner_id
        """;

    /// <summary>
    /// The history entries from number $10 on, for a draft just written. An entry already stored is left as it is
    /// (history only grows, and the versioned write means the stored entries are the first of these).
    /// </summary>
    private const string History = """
        INSERT INTO draft_history (draft_id, seq, entry)
        SELECT saved.id, $10 + e.n - 1, e.entry FROM saved, jsonb_array_elements($11) WITH ORDINALITY AS e(entry, n)
        ON CONFLICT (draft_id, seq) DO NOTHING
        """;

    /// <summary>
    /// A draft's whole document in a query over <c>drafts d</c>: the stored document (answers, place, status) with its
    /// history rows put back in order (migration 0006). Rows are kept apart so an answer writes its own change, not
    /// the draft's whole history again.
    /// </summary>
    internal const string Doc =
        "(d.doc || jsonb_build_object('history', coalesce((SELECT jsonb_agg(h.entry ORDER BY h.seq) FROM draft_history h WHERE h.draft_id = d.id), '[]'::jsonb)))";

    public async Task<string?> GetOpenDraftIdAsync(string ownerId, CancellationToken cancellationToken) =>
        PostgreSqlTurnConnection.DraftsOf(database) is { } turn && turn.TryOpenDraftId(ownerId, out var known)
            ? known
            : await database.ScalarAsync("SELECT draft_id FROM journey_sessions WHERE owner_id = $1", cancellationToken, ownerId) as string;

    public async Task SetOpenDraftAsync(string ownerId, string? draftId, CancellationToken cancellationToken)
    {
        var turn = PostgreSqlTurnConnection.DraftsOf(database);
        turn?.Forget();
        await database.ExecuteAsync(SetOpenDraftSql, cancellationToken, ownerId, draftId);
        turn?.OpenSet(ownerId, draftId);
    }

    /// <summary>Sets the owner's open draft on the caller's connection (and transaction).</summary>
    internal static Task<int> SetOpenDraftAsync(NpgsqlConnection connection, string ownerId, string? draftId, CancellationToken cancellationToken)
    {
        PostgreSqlTurnConnection.ForgetDrafts();
        return PostgreSqlDatabase.ExecuteAsync(connection, SetOpenDraftSql, cancellationToken, ownerId, draftId);
    }

    private const string SetOpenDraftSql =
        "INSERT INTO journey_sessions (owner_id, draft_id) VALUES ($1, $2) ON CONFLICT (owner_id) DO UPDATE SET draft_id = excluded.draft_id";

    /// <summary>The parameters of a write: the document without its history, and the history entries from <paramref name="stored"/> on.</summary>
    private static object?[] Row(Draft draft, int stored) =>
    [
        draft.Id, draft.Revision, Jsonb.Of(draft with { History = [] }), draft.OwnerId, draft.SubjectId, draft.Status.ToString(), draft.QuestionnaireId,
        draft.CreatedAt.UtcTicks, draft.UpdatedAt.UtcTicks, stored, Jsonb.Of(draft.History.Skip(stored).ToArray()),
    ];

    private static List<Draft> Newest(List<Draft> drafts) => [.. drafts.OrderByDescending(d => d.UpdatedAt)];
}
