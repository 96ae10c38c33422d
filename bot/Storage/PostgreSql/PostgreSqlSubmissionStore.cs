using Npgsql;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>Submissions in PostgreSQL; a save and its outbox messages and prompts commit in one transaction.</summary>
internal sealed class PostgreSqlSubmissionStore(PostgreSqlDatabase database, IStorage storage) : ISubmissionStore
{
    private const string Columns = "SELECT doc, version FROM submissions";
    private static readonly SubmissionStatus[] Waiting =
        [SubmissionStatus.Submitted, SubmissionStatus.AwaitingDivisionalHead, SubmissionStatus.UnderReview, SubmissionStatus.ReferredToExecutive];

    public async Task<Submission?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await database.QueryDocumentsAsync<Submission>($"{Columns} WHERE id = $1", WithVersion, cancellationToken, id)).SingleOrDefault();

    public async Task<IReadOnlyList<Submission>> ListBySubmitterAsync(string submitterId, CancellationToken cancellationToken) =>
        (await database.QueryDocumentsAsync<Submission>($"{Columns} WHERE submitter_id = $1", WithVersion, cancellationToken, submitterId))
            .OrderByDescending(s => s.SubmittedAt).ToList();

    public async Task<IReadOnlyList<Submission>> ListWaitingAsync(CancellationToken cancellationToken) =>
        (await database.QueryDocumentsAsync<Submission>($"{Columns} WHERE status = ANY($1)", WithVersion, cancellationToken,
            (object)Waiting.Select(w => w.ToString()).ToArray()))
            .OrderBy(s => s.SubmittedAt).ToList();

    public async Task<IReadOnlyList<Submission>> OutcomesToPublishAsync(CancellationToken cancellationToken) =>
        await database.QueryDocumentsAsync<Submission>($"{Columns} WHERE publish", WithVersion, cancellationToken);

    public async Task<bool> TrySaveAsync(Submission submission, IReadOnlyList<OutboxMessage> notifications, IReadOnlyList<DuePrompt> prompts, CancellationToken cancellationToken)
    {
        await using var work = await storage.BeginAsync(cancellationToken);
        work.Submissions.Save(submission);
        work.Outbox.Add(notifications);
        work.Prompts.Plan(prompts);
        return await work.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// For a unit of work's batch: inserts (version 0 = new) or updates the submission if its stored version is still
    /// the one it was read at, and raises <c>serialization_failure</c> (migration 0007) when it wrote nothing.
    /// </summary>
    internal static NpgsqlBatchCommand SaveStatement(Submission submission)
    {
        var write = submission.Version == 0
            ? """
              INSERT INTO submissions (id, version, doc, submitter_id, status, publish, approver_ids)
              SELECT $1, $2, $3, $4, $5, $6, $7 WHERE $8 = 0
              ON CONFLICT (id) DO NOTHING RETURNING 1
              """
            : """
              UPDATE submissions SET version = $2, doc = $3, submitter_id = $4, status = $5, publish = $6, approver_ids = $7
              WHERE id = $1 AND version = $8 RETURNING 1
              """;
        return PostgreSqlDatabase.BatchCommand($"WITH saved AS ({write}) SELECT expect_written(count(*)) FROM saved",
            submission.Id, submission.Version + 1, Jsonb.Of(submission), submission.Submitter.Id, submission.Status.ToString(),
            submission.OutcomeToPublish, Approvers(submission), submission.Version);
    }

    /// <summary>Inserts a submission as it is, version included (moving a LiteDB file), on the caller's transaction.</summary>
    internal static Task<int> InsertAsIsAsync(NpgsqlConnection connection, Submission submission, CancellationToken cancellationToken) =>
        PostgreSqlDatabase.ExecuteAsync(connection,
            "INSERT INTO submissions (id, version, doc, submitter_id, status, publish, approver_ids) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            cancellationToken,
            submission.Id, submission.Version, Jsonb.Of(submission), submission.Submitter.Id, submission.Status.ToString(), submission.OutcomeToPublish, Approvers(submission));

    /// <summary>Who is asked to decide (divisional head and SMT), so "awaiting me" can be an indexed query.</summary>
    private static string[] Approvers(Submission submission) =>
        [.. new[] { submission.DivisionalHeadId }.Concat(submission.SmtIds).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal)];

    private static Submission WithVersion(Submission submission, int version) => submission with { Version = version };
}
