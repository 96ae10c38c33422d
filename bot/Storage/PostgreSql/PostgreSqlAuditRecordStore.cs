using PartnershipBot.Features.Audit;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>The A&amp;PM team's records in PostgreSQL ("audit_records", migration 0003): content assessments and specific reviews, versioned.</summary>
internal sealed class PostgreSqlAuditRecordStore(PostgreSqlDatabase database) : IAuditRecordStore
{
    private const string AssessmentKind = "assessment";
    private const string SpecificKind = "specific";

    public async Task<ContentAssessment?> FindAssessmentAsync(int year, string partnershipId, CancellationToken cancellationToken) =>
        (await database.QueryDocumentsAsync<ContentAssessment>("SELECT doc, version FROM audit_records WHERE id = $1 AND kind = $2",
            (a, v) => a with { Version = v }, cancellationToken, ContentAssessment.IdFor(year, partnershipId), AssessmentKind)).SingleOrDefault();

    public async Task<IReadOnlyList<ContentAssessment>> AssessmentsAsync(int year, CancellationToken cancellationToken) =>
        await database.QueryDocumentsAsync<ContentAssessment>("SELECT doc, version FROM audit_records WHERE kind = $1 AND year = $2 ORDER BY partnership_id",
            (a, v) => a with { Version = v }, cancellationToken, AssessmentKind, year);

    public Task<bool> TrySaveAssessmentAsync(ContentAssessment assessment, int expectedVersion, CancellationToken cancellationToken) =>
        SaveAsync(assessment.Id, AssessmentKind, assessment.PartnershipId, assessment.Year, Jsonb.Of(assessment with { Version = expectedVersion + 1 }), expectedVersion, cancellationToken);

    public async Task<SpecificReview?> FindSpecificReviewAsync(string id, CancellationToken cancellationToken) =>
        (await database.QueryDocumentsAsync<SpecificReview>("SELECT doc, version FROM audit_records WHERE id = $1 AND kind = $2",
            (r, v) => r with { Version = v }, cancellationToken, id, SpecificKind)).SingleOrDefault();

    public async Task<IReadOnlyList<SpecificReview>> SpecificReviewsAsync(string? partnershipId, CancellationToken cancellationToken) =>
        (partnershipId is null
            ? await database.QueryDocumentsAsync<SpecificReview>("SELECT doc, version FROM audit_records WHERE kind = $1", (r, v) => r with { Version = v }, cancellationToken, SpecificKind)
            : await database.QueryDocumentsAsync<SpecificReview>("SELECT doc, version FROM audit_records WHERE kind = $1 AND partnership_id = $2", (r, v) => r with { Version = v }, cancellationToken, SpecificKind, partnershipId))
        .OrderBy(r => r.OpenedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();

    public Task<bool> TrySaveSpecificReviewAsync(SpecificReview review, int expectedVersion, CancellationToken cancellationToken) =>
        SaveAsync(review.Id, SpecificKind, review.PartnershipId, 0, Jsonb.Of(review with { Version = expectedVersion + 1 }), expectedVersion, cancellationToken);

    /// <summary>Inserts a record as it is, version included (moving a LiteDB file), on the caller's transaction.</summary>
    internal static Task<int> InsertAsIsAsync(Npgsql.NpgsqlConnection connection, string id, AuditRow row, int version, CancellationToken cancellationToken) =>
        PostgreSqlDatabase.ExecuteAsync(connection,
            "INSERT INTO audit_records (id, kind, partnership_id, year, version, doc) VALUES ($1, $2, $3, $4, $5, $6)",
            cancellationToken, id, row.Kind, row.PartnershipId, row.Year, version, new Jsonb(row.Doc));

    private async Task<bool> SaveAsync(string id, string kind, string partnershipId, int year, Jsonb doc, int expectedVersion, CancellationToken cancellationToken)
    {
        var sql = expectedVersion == 0
            ? "INSERT INTO audit_records (id, kind, partnership_id, year, version, doc) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING"
            : "UPDATE audit_records SET version = $5, doc = $6 WHERE id = $1 AND kind = $2 AND version = $5 - 1";
        return await database.ExecuteAsync(sql, cancellationToken, id, kind, partnershipId, year, expectedVersion + 1, doc) == 1;
    }
}

/// <summary>An audit record's row as moved between backends: both kinds share one table, so the document stays JSON.</summary>
internal sealed record AuditRow(string Kind, string PartnershipId, int Year, string Doc);
