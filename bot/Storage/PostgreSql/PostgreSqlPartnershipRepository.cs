using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>Register entries in PostgreSQL ("partnerships"), versioned; the seeding marker lives in "markers".</summary>
internal sealed class PostgreSqlPartnershipRepository(PostgreSqlDatabase database, IStorage storage) : IPartnershipRepository
{
    private const string SeededMarker = "register-seeded";
    private const string Insert = """
        INSERT INTO partnerships (id, version, doc, name, lead_officer_id, status) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (id) DO NOTHING
        """;

    public async Task<IReadOnlyList<Partnership>> AllAsync(CancellationToken cancellationToken) =>
        (await database.QueryDocumentsAsync<Partnership>("SELECT doc, version FROM partnerships", WithVersion, cancellationToken))
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public async Task<Partnership?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await database.QueryDocumentsAsync<Partnership>("SELECT doc, version FROM partnerships WHERE id = $1", WithVersion, cancellationToken, id)).SingleOrDefault();

    public async Task<bool> TrySaveAsync(Partnership partnership, int expectedVersion, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(SaveSql(expectedVersion), cancellationToken, Row(partnership with { Version = expectedVersion + 1 })) == 1;

    public async Task<bool> TrySaveAsync(Partnership partnership, int expectedVersion, IReadOnlyList<OutboxMessage> notifications, CancellationToken cancellationToken)
    {
        await using var work = await storage.BeginAsync(cancellationToken);
        work.Partnerships.Save(partnership, expectedVersion);
        work.Outbox.Add(notifications);
        return await work.CommitAsync(cancellationToken);
    }

    /// <summary>The versioned save for a unit of work's batch: raises <c>serialization_failure</c> (migration 0007) when someone saved first.</summary>
    internal static Npgsql.NpgsqlBatchCommand SaveStatement(Partnership partnership, int expectedVersion) =>
        PostgreSqlDatabase.BatchCommand($"WITH saved AS ({SaveSql(expectedVersion)} RETURNING 1) SELECT expect_written(count(*)) FROM saved",
            Row(partnership with { Version = expectedVersion + 1 }));

    private static string SaveSql(int expectedVersion) => expectedVersion == 0
        ? Insert
        : "UPDATE partnerships SET version = $2, doc = $3, name = $4, lead_officer_id = $5, status = $6 WHERE id = $1 AND version = $2 - 1";

    public Task<bool> SeedOnceAsync(IReadOnlyList<Partnership> seeds, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, ct) =>
        {
            // The marker's key serialises instances seeding at once: the second waits, then finds it and writes nothing.
            if (await PostgreSqlDatabase.ExecuteAsync(connection, "INSERT INTO markers (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", ct,
                    SeededMarker, Jsonb.Of(new { count = seeds.Count })) != 1)
            {
                return false;
            }

            foreach (var seed in seeds)
            {
                await PostgreSqlDatabase.ExecuteAsync(connection, Insert, ct, Row(seed with { Version = 1 }));
            }

            return true;
        }, cancellationToken);

    /// <summary>Inserts an entry as it is, version included (moving a LiteDB file), on the caller's transaction.</summary>
    internal static Task<int> InsertAsIsAsync(Npgsql.NpgsqlConnection connection, Partnership partnership, CancellationToken cancellationToken) =>
        PostgreSqlDatabase.ExecuteAsync(connection, Insert, cancellationToken, Row(partnership));

    private static object?[] Row(Partnership p) => [p.Id, p.Version, Jsonb.Of(p), p.Name.ToLowerInvariant(), p.LeadOfficerId, p.Status.ToString()];

    private static Partnership WithVersion(Partnership partnership, int version) => partnership with { Version = version };
}
