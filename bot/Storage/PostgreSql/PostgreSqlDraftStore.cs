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
            var draft = (await database.DocumentsAsync<Draft>($"SELECT {Doc} FROM drafts d WHERE d.id = $1", null, cancellationToken, draftId)).SingleOrDefault();
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
        Newest(await database.DocumentsAsync<Draft>($"SELECT {Doc} FROM drafts d WHERE d.owner_id = $1", null, cancellationToken, ownerId));

    public async Task<IReadOnlyList<Draft>> ListBySubjectAsync(string subjectId, CancellationToken cancellationToken) =>
        Newest(await database.DocumentsAsync<Draft>($"SELECT {Doc} FROM drafts d WHERE d.subject_id = $1", null, cancellationToken, subjectId));

    public async Task<bool> SaveAsync(Draft draft, bool open, CancellationToken cancellationToken)
    {
        var turn = PostgreSqlTurnConnection.DraftsOf(database);
        bool saved;
        try
        {
            // The revision kept here, when it is the one this save builds on, says which answers and history rows are stored.
            var stored = _open.TryGet(draft.Id, out var kept) && kept.Revision == draft.Revision - 1 ? kept : null;
            saved = await _open.SaveThroughAsync(draft, async () => Saved(await database.ScalarAsync(SaveSql(draft, open), cancellationToken, Row(draft, stored))));
        }
        catch
        {
            turn?.Forget();
            throw;
        }

        if (saved)
        {
            turn?.Saved(draft, open);
        }
        else
        {
            turn?.Forget();
        }

        return saved;
    }

    /// <summary>The versioned save on the caller's transaction (with another store's write in one step): false when someone saved first.</summary>
    internal static async Task<bool> SaveAsync(NpgsqlConnection connection, Draft draft, bool open, CancellationToken ct)
    {
        PostgreSqlTurnConnection.ForgetDrafts();
        return Saved(await PostgreSqlDatabase.ScalarAsync(connection, SaveSql(draft, open), ct, Row(draft, null)));
    }

    private static bool Saved(object? count) => Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture) == 1;

    /// <summary>
    /// One statement (so one round trip, atomic without a transaction): the versioned insert or update of the draft,
    /// and only if it was written, its new history rows and the owner's open draft set (left alone when it already is
    /// this draft) or cleared.
    /// </summary>
    private static string SaveSql(Draft draft, bool open)
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
        return $"WITH saved AS ({write}), {Rows}, session AS ({session}) SELECT count(*) FROM saved";
    }

    /// <summary>Inserts a new draft on the caller's transaction (the assessment store's check-and-insert, the move from LiteDB).</summary>
    internal static async Task<int> InsertAsync(NpgsqlConnection connection, Draft draft, CancellationToken cancellationToken)
    {
        PostgreSqlTurnConnection.ForgetDrafts();
        var inserted = await PostgreSqlDatabase.ScalarAsync(connection,
            $"WITH saved AS ({Insert}), {Rows} SELECT count(*) FROM saved", cancellationToken, Row(draft, null));
        return Convert.ToInt32(inserted, System.Globalization.CultureInfo.InvariantCulture);
    }

    private const string Insert = """
        INSERT INTO drafts (id, version, doc, owner_id, subject_id, status, questionnaire_id, created_ticks, updated_ticks)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING id, owner_id
        """;

    /// <summary>
    /// The rows of a draft just written (none when the versioned write was refused): the history entries from number
    /// $10 on ($11; an entry already stored is left as it is, since history only grows and the versioned write means
    /// the stored entries are the first of these), the answers changed ($12, by step), and when $14, the removal of
    /// answers to steps not among $13.
    /// </summary>
    private const string Rows = """
        history AS (
            INSERT INTO draft_history (draft_id, seq, entry)
            SELECT saved.id, $10 + e.n - 1, e.entry FROM saved, jsonb_array_elements($11) WITH ORDINALITY AS e(entry, n)
            ON CONFLICT (draft_id, seq) DO NOTHING),
        answers AS (
            INSERT INTO draft_answers (draft_id, step_id, doc) SELECT saved.id, a.key, a.value FROM saved, jsonb_each($12) AS a
            ON CONFLICT (draft_id, step_id) DO UPDATE SET doc = excluded.doc),
        unanswered AS (
            DELETE FROM draft_answers USING saved WHERE $14 AND draft_answers.draft_id = saved.id AND draft_answers.step_id <> ALL($13))
        """;

    /// <summary>
    /// A draft's whole document in a query over <c>drafts d</c>: the stored document (place, status, owner) with its
    /// answers and history rows put back (migration 0006). Rows are kept apart so an answer writes its own step and
    /// change, not every answer and the whole history again.
    /// </summary>
    internal const string Doc = """
        (d.doc || jsonb_build_object(
            'answers', coalesce((SELECT jsonb_object_agg(a.step_id, a.doc) FROM draft_answers a WHERE a.draft_id = d.id), '{}'::jsonb),
            'history', coalesce((SELECT jsonb_agg(h.entry ORDER BY h.seq) FROM draft_history h WHERE h.draft_id = d.id), '[]'::jsonb)))
        """;

    public async Task<string?> GetOpenDraftIdAsync(string ownerId, CancellationToken cancellationToken) =>
        PostgreSqlTurnConnection.DraftsOf(database) is { } turn && turn.TryOpenDraftId(ownerId, out var known)
            ? known
            : await database.ScalarAsync("SELECT draft_id FROM journey_sessions WHERE owner_id = $1", cancellationToken, ownerId) as string;

    public async Task SetOpenDraftAsync(string ownerId, string? draftId, CancellationToken cancellationToken)
    {
        var turn = PostgreSqlTurnConnection.DraftsOf(database);
        try
        {
            await database.ExecuteAsync(SetOpenDraftSql, cancellationToken, ownerId, draftId);
        }
        catch
        {
            turn?.Forget();
            throw;
        }

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

    /// <summary>
    /// The parameters of a write: the document without answers and history, then what <see cref="Rows"/> writes. With
    /// <paramref name="stored"/> (the revision this one builds on) only what changed since is sent; without it, every
    /// answer and history entry (the stored ones are found as they are) and the removal of answers no longer given.
    /// </summary>
    private static object?[] Row(Draft draft, Draft? stored)
    {
        var changed = stored is null
            ? draft.Answers
            : draft.Answers.Where(a => !stored.Answers.TryGetValue(a.Key, out var before) || !Equals(before, a.Value)).ToDictionary();
        var prune = stored is null || stored.Answers.Keys.Any(step => !draft.Answers.ContainsKey(step));
        var fromEntry = stored?.History.Count ?? 0;
        return
        [
            draft.Id, draft.Revision, Jsonb.Of(draft with { Answers = NoAnswers, History = [] }), draft.OwnerId, draft.SubjectId, draft.Status.ToString(),
            draft.QuestionnaireId, draft.CreatedAt.UtcTicks, draft.UpdatedAt.UtcTicks,
            fromEntry, Jsonb.Of(draft.History.Skip(fromEntry).ToArray()), Jsonb.Of(changed), prune ? draft.Answers.Keys.ToArray() : Array.Empty<string>(), prune,
        ];
    }

    private static readonly IReadOnlyDictionary<string, StepAnswer> NoAnswers = new Dictionary<string, StepAnswer>();

    private static List<Draft> Newest(List<Draft> drafts) => [.. drafts.OrderByDescending(d => d.UpdatedAt)];
}
