using Npgsql;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>Due prompts in PostgreSQL, keyed by their idempotent key, with due time and state as columns.</summary>
internal sealed class PostgreSqlDuePromptStore(PostgreSqlDatabase database) : IDuePromptStore
{
    public async Task PlanAsync(IReadOnlyList<DuePrompt> prompts, CancellationToken cancellationToken)
    {
        if (prompts.Count == 0)
        {
            return;
        }

        await using var lease = await database.OpenAsync(cancellationToken);
        var connection = lease.Connection;
        await AddAsync(connection, prompts, cancellationToken);
    }

    /// <summary>Stores prompts whose key is not stored yet (on the caller's transaction when it has one): one statement for all.</summary>
    public static async Task AddAsync(NpgsqlConnection connection, IReadOnlyList<DuePrompt> prompts, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { AddStatement(prompts) } };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The statement of <see cref="AddAsync"/>, for a unit of work's batch.</summary>
    public static NpgsqlBatchCommand AddStatement(IReadOnlyList<DuePrompt> prompts)
    {
        var fresh = prompts.DistinctBy(p => p.Key).Select(p => p with { DoneAt = null, Attempts = 0 }).ToList();
        return PostgreSqlDatabase.BatchCommand(
            """
            INSERT INTO due_prompts (key, doc, kind, subject_id, due_ticks, done)
            SELECT key, doc, kind, subject, due, false FROM unnest($1::text[], $2::jsonb[], $3::text[], $4::text[], $5::bigint[]) AS p(key, doc, kind, subject, due)
            ON CONFLICT (key) DO NOTHING
            """,
            fresh.Select(p => p.Key).ToArray(),
            new JsonbArray([.. fresh.Select(StorageJson.Serialize)]),
            fresh.Select(p => p.Kind).ToArray(),
            fresh.Select(p => p.SubjectId).ToArray(),
            fresh.Select(p => p.DueAt.UtcTicks).ToArray());
    }

    /// <summary>Inserts a prompt as it is (done, attempts: moving a LiteDB file), on the caller's transaction; no lease.</summary>
    public static Task<int> InsertAsIsAsync(NpgsqlConnection connection, DuePrompt prompt, CancellationToken cancellationToken) =>
        PostgreSqlDatabase.ExecuteAsync(connection,
            "INSERT INTO due_prompts (key, doc, kind, subject_id, due_ticks, done) VALUES ($1, $2, $3, $4, $5, $6)",
            cancellationToken, prompt.Key, Jsonb.Of(prompt), prompt.Kind, prompt.SubjectId, prompt.DueAt.UtcTicks, prompt.DoneAt is not null);

    /// <summary>One statement: rows locked by a concurrent claim are skipped, a lease that ended is taken over.</summary>
    public async Task<IReadOnlyList<DuePrompt>> ClaimDueAsync(DateTimeOffset now, int max, string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        (await database.DocumentsAsync<DuePrompt>(
            """
            UPDATE due_prompts d SET lease_owner = $3, lease_until_ticks = $4
            FROM (SELECT key FROM due_prompts
                  WHERE NOT done AND due_ticks <= $1 AND (lease_until_ticks IS NULL OR lease_until_ticks <= $1)
                  ORDER BY due_ticks, key COLLATE "C" LIMIT $2 FOR UPDATE SKIP LOCKED) c
            WHERE d.key = c.key
            RETURNING d.doc
            """,
            null, cancellationToken, now.UtcTicks, max, owner, leaseUntil.UtcTicks))
        .OrderBy(p => p.DueAt).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();

    public Task MarkDoneAsync(string key, DateTimeOffset doneAt, CancellationToken cancellationToken) =>
        UpdateAsync(key, p => p.DoneAt is null ? p with { DoneAt = doneAt } : null, cancellationToken);

    public Task RetryLaterAsync(string key, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        UpdateAsync(key, p => p.DoneAt is null ? p with { DueAt = retryAt, Attempts = p.Attempts + 1 } : null, cancellationToken);

    public Task CancelForSubjectAsync(string kind, string subjectId, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, ct) =>
        {
            var open = await PostgreSqlDatabase.DocumentsAsync<DuePrompt>(connection,
                "SELECT doc FROM due_prompts WHERE kind = $1 AND subject_id = $2 AND NOT done FOR UPDATE", null, ct, kind, subjectId);
            foreach (var prompt in open)
            {
                await WriteAsync(connection, prompt with { DoneAt = at }, ct);
            }

            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<DuePrompt>> ForSubjectAsync(string subjectId, CancellationToken cancellationToken) =>
        (await database.QueryDocumentsAsync<DuePrompt>("SELECT doc FROM due_prompts WHERE subject_id = $1", null, cancellationToken, subjectId))
            .OrderBy(p => p.DueAt).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();

    private Task UpdateAsync(string key, Func<DuePrompt, DuePrompt?> change, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, ct) =>
        {
            var found = await PostgreSqlDatabase.DocumentsAsync<DuePrompt>(connection, "SELECT doc FROM due_prompts WHERE key = $1 FOR UPDATE", null, ct, key);
            if (found is [var prompt] && change(prompt) is { } updated)
            {
                await WriteAsync(connection, updated, ct);
            }

            return true;
        }, cancellationToken);

    private static Task<int> WriteAsync(NpgsqlConnection connection, DuePrompt prompt, CancellationToken cancellationToken) =>
        PostgreSqlDatabase.ExecuteAsync(connection,
            "UPDATE due_prompts SET doc = $2, due_ticks = $3, done = $4, lease_owner = NULL, lease_until_ticks = NULL WHERE key = $1",
            cancellationToken, prompt.Key, Jsonb.Of(prompt), prompt.DueAt.UtcTicks, prompt.DoneAt is not null);
}
