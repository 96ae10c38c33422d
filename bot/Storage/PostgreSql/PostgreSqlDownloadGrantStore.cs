using PartnershipBot.Documents.Downloads;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>Download grants in PostgreSQL; taking one is a single conditional UPDATE, so one of two requests with a link wins.</summary>
internal sealed class PostgreSqlDownloadGrantStore(PostgreSqlDatabase database) : IDownloadGrantStore
{
    public Task AddAsync(DownloadGrant grant, CancellationToken cancellationToken) =>
        database.ExecuteAsync("INSERT INTO download_grants (secret_hash, doc, used, expires_ticks) VALUES ($1, $2, false, $3)",
            cancellationToken, grant.SecretHash, Jsonb.Of(grant), grant.ExpiresAt.UtcTicks);

    /// <summary>Inserts a grant as it is, used or not (moving a LiteDB file), on the caller's transaction.</summary>
    internal static Task<int> InsertAsIsAsync(Npgsql.NpgsqlConnection connection, DownloadGrant grant, bool used, CancellationToken cancellationToken) =>
        PostgreSqlDatabase.ExecuteAsync(connection, "INSERT INTO download_grants (secret_hash, doc, used, expires_ticks) VALUES ($1, $2, $3, $4)",
            cancellationToken, grant.SecretHash, Jsonb.Of(grant), used, grant.ExpiresAt.UtcTicks);

    public async Task<DownloadGrant?> TryUseAsync(string secretHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await database.DocumentsAsync<DownloadGrant>(
            "UPDATE download_grants SET used = true WHERE secret_hash = $1 AND NOT used AND expires_ticks > $2 RETURNING doc",
            null, cancellationToken, secretHash, now.UtcTicks)).SingleOrDefault();

    public Task PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM download_grants WHERE expires_ticks < $1", cancellationToken, before.UtcTicks);
}
