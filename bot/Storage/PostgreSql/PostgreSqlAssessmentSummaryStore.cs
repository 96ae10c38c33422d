using Npgsql;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// Assessment summaries in PostgreSQL ("assessment_summaries", migration 0004). A submitted draft and its summary are
/// one transaction; the newest of each partnership is found on the (partnership, time, id) index.
/// </summary>
internal sealed class PostgreSqlAssessmentSummaryStore(PostgreSqlDatabase database) : IAssessmentSummaryStore
{
    public Task<bool> SubmitAsync(Draft submitted, AssessmentSummary summary, CancellationToken cancellationToken)
    {
        Check(summary);
        if (summary.DraftId != submitted.Id)
        {
            throw new ArgumentException($"The summary is of draft {summary.DraftId}, not {submitted.Id}.", nameof(summary));
        }

        return database.InTransactionAsync(async (connection, ct) =>
        {
            if (!await PostgreSqlDraftStore.SaveAsync(connection, submitted, open: false, ct))
            {
                return false;
            }

            await InsertAsIsAsync(connection, summary, ct);
            return true;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<AssessmentSummary>> OfPartnershipAsync(string partnershipId, CancellationToken cancellationToken) =>
        await database.QueryDocumentsAsync<AssessmentSummary>(
            "SELECT doc FROM assessment_summaries WHERE partnership_id = $1 ORDER BY submitted_ticks DESC, id DESC", null, cancellationToken, partnershipId);

    public async Task<IReadOnlyList<AssessmentSummary>> LatestOfEachAsync(bool withImprovements, CancellationToken cancellationToken) =>
        await database.QueryDocumentsAsync<AssessmentSummary>(
            // Without the items, they stay in the database: the row is sent with an empty list in their place.
            (withImprovements ? "SELECT s.doc" : "SELECT jsonb_set(s.doc, '{improvements}', '[]')") + """
             FROM assessment_summaries s
            JOIN (SELECT DISTINCT ON (partnership_id) id FROM assessment_summaries ORDER BY partnership_id, submitted_ticks DESC, id DESC) newest
              ON newest.id = s.id
            ORDER BY s.submitted_ticks DESC, s.id DESC
            """,
            null, cancellationToken);

    public async Task<IReadOnlyList<AssessmentSummary>> LatestOfAsync(IReadOnlyCollection<string> partnershipIds, CancellationToken cancellationToken) =>
        await database.QueryDocumentsAsync<AssessmentSummary>(
            """
            SELECT s.doc FROM assessment_summaries s
            JOIN (SELECT DISTINCT ON (partnership_id) id FROM assessment_summaries WHERE partnership_id = ANY($1)
                  ORDER BY partnership_id, submitted_ticks DESC, id DESC) newest
              ON newest.id = s.id
            ORDER BY s.submitted_ticks DESC, s.id DESC
            """,
            null, cancellationToken, new object?[] { partnershipIds.ToArray() });

    public Task AddMissingAsync(IReadOnlyList<AssessmentSummary> summaries, CancellationToken cancellationToken)
    {
        foreach (var summary in summaries)
        {
            Check(summary);
        }

        return database.InTransactionAsync(async (connection, ct) =>
        {
            foreach (var summary in summaries)
            {
                await InsertAsIsAsync(connection, summary, ct);
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>Inserts a summary on the caller's transaction unless one with its id is stored (also moving a LiteDB file).</summary>
    internal static Task<int> InsertAsIsAsync(NpgsqlConnection connection, AssessmentSummary summary, CancellationToken cancellationToken) =>
        PostgreSqlDatabase.ExecuteAsync(connection,
            "INSERT INTO assessment_summaries (id, version, doc, partnership_id, submitted_ticks) VALUES ($1, 1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
            cancellationToken, summary.DraftId, Jsonb.Of(summary), summary.PartnershipId, summary.SubmittedAt.UtcTicks);

    private static void Check(AssessmentSummary summary)
    {
        ArgumentException.ThrowIfNullOrEmpty(summary.DraftId, nameof(summary));
        ArgumentException.ThrowIfNullOrEmpty(summary.PartnershipId, nameof(summary));
    }
}
