using System.Reflection;
using Npgsql;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// The versioned SQL migrations in Migrations/ (embedded, "NNNN_what.sql"), applied at start in order, each in its
/// own transaction, under a session advisory lock so instances starting together migrate once. A database whose
/// schema is newer than this build is refused, as the LiteDB file is.
/// </summary>
internal static class PostgreSqlMigrations
{
    /// <summary>The advisory lock key of migrations (any fixed number other locks of the bot do not use).</summary>
    private const long MigrationLock = 0x5042_0001;

    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } = Load();

    public static int Latest => All[^1].Version;

    public static async Task<int> ApplyAsync(NpgsqlDataSource source, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await PostgreSqlDatabase.ExecuteAsync(connection, "SELECT pg_advisory_lock($1)", cancellationToken, MigrationLock);
        try
        {
            await PostgreSqlDatabase.ExecuteAsync(connection,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellationToken);
            var current = await CurrentAsync(connection, cancellationToken);
            if (current > Latest)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL database has schema version {current}, newer than this build's {Latest}. Run a newer build or restore a backup.");
            }

            foreach (var (version, name, sql) in All.Where(m => m.Version > current))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await PostgreSqlDatabase.ExecuteAsync(connection, sql, cancellationToken);
                await PostgreSqlDatabase.ExecuteAsync(connection, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", cancellationToken, version, name);
                await transaction.CommitAsync(cancellationToken);
                StorageLog.Migrated(logger, version, name);
            }

            return Latest;
        }
        finally
        {
            await PostgreSqlDatabase.ExecuteAsync(connection, "SELECT pg_advisory_unlock($1)", CancellationToken.None, MigrationLock);
        }
    }

    public static async Task<int> CurrentAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        Convert.ToInt32(await PostgreSqlDatabase.ScalarAsync(connection, "SELECT coalesce(max(version), 0) FROM schema_migrations", cancellationToken) ?? 0);

    private static List<(int, string, string)> Load()
    {
        var assembly = typeof(PostgreSqlMigrations).Assembly;
        const string prefix = "PartnershipBot.Storage.PostgreSql.Migrations.";
        var migrations = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Name: n[prefix.Length..^4], Resource: n))
            .Select(m => (int.Parse(m.Name[..4], System.Globalization.CultureInfo.InvariantCulture), m.Name, Read(assembly, m.Resource)))
            .OrderBy(m => m.Item1)
            .ToList();
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Item1 != i + 1)
            {
                throw new InvalidOperationException($"PostgreSQL migrations must be numbered 0001, 0002, … without gaps; found {migrations[i].Item2}.");
            }
        }

        return migrations.Count > 0 ? migrations : throw new InvalidOperationException("No PostgreSQL migrations are embedded in the build.");
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
