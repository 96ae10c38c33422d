using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PartnershipBot.Storage.LiteDb;
using PartnershipBot.Storage.PostgreSql;

namespace PartnershipBot.Storage.Transfer;

/// <summary>
/// <c>migrate-to-postgresql --from &lt;LiteDB file&gt; --to &lt;connection string&gt;</c>: copies every store of a LiteDB
/// file into an empty PostgreSQL database (migrated first) in one transaction, checks each store's count and checksum
/// read back from PostgreSQL before committing, and refuses a database that already holds data. Made with the bot
/// stopped: LiteDB opens its file for one process, so a running bot's file cannot be opened (move an online backup
/// instead). Messages name the database and host, never the connection string's password.
/// </summary>
internal static class LiteDbToPostgreSql
{
    /// <summary>
    /// A bot that has just stopped (or a process it started that has not yet let go of the file) may hold the file's
    /// lock for a moment longer, so a locked file is retried for a few seconds before it is reported as in use.
    /// </summary>
    private static async Task<LiteDatabase> OpenReadOnlyAsync(string path, CancellationToken cancellationToken)
    {
        var settings = new ConnectionString { Filename = path, ReadOnly = true, Connection = ConnectionType.Direct };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new LiteDatabase(settings);
            }
            catch (IOException) when (attempt < 15)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    public static async Task<int> RunAsync(string from, string to, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!File.Exists(from))
        {
            return Fail(error, $"--from: there is no LiteDB file at '{from}'.");
        }

        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(to);
        }
        catch (ArgumentException)
        {
            return Fail(error, "--to is not a PostgreSQL connection string (e.g. \"Host=db.example;Database=partnershipbot;Username=bot;Password=…\").");
        }

        var target = $"the PostgreSQL database '{settings.Database}' on {settings.Host}:{settings.Port}";
        LiteDatabase source;
        try
        {
            source = await OpenReadOnlyAsync(from, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or LiteException or UnauthorizedAccessException)
        {
            return Fail(error, $"--from: cannot open '{from}' ({ex.Message.ReplaceLineEndings(" ")}). Stop the bot first, or move an online backup of it.");
        }

        using (source)
        {
            var schema = source.GetCollection("meta").FindById("schema")?["version"].AsInt32 ?? 0;
            if (schema != LiteDbStore.SchemaVersion)
            {
                return Fail(error, $"--from: '{from}' has LiteDB schema version {schema}; this build moves version {LiteDbStore.SchemaVersion}. Open it once with this build's bot, or use the matching build.");
            }

            try
            {
                await using var database = NpgsqlDataSource.Create(settings.ConnectionString);
                await PostgreSqlMigrations.ApplyAsync(database, NullLogger.Instance, cancellationToken);
                return await CopyAsync(source, database, target, output, error, cancellationToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException)
            {
                return Fail(error, $"--to: cannot use {target} ({ex.Message.ReplaceLineEndings(" ")}). Nothing was written.");
            }
        }
    }

    private static async Task<int> CopyAsync(LiteDatabase source, NpgsqlDataSource database, string target, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in StoreTransfers.All.Select(t => t.PostgreSqlTable).Distinct())
        {
            // Table names come from the transfer table, never from input.
            var rows = Convert.ToInt64(await PostgreSqlDatabase.ScalarAsync(connection, $"SELECT count(*) FROM {table}", cancellationToken));
            if (rows > 0)
            {
                return Fail(error, $"--to: {target} is not empty (table {table} has {rows} rows). Move into a new, empty database; nothing was written.");
            }
        }

        var total = 0;
        foreach (var transfer in StoreTransfers.All)
        {
            var copied = await transfer.CopyAsync(source, connection, cancellationToken);
            var stored = await transfer.DigestAsync(connection, cancellationToken);
            if (copied != stored)
            {
                await transaction.RollbackAsync(cancellationToken);
                return Fail(error, $"{transfer.Name}: {copied.Count} records in the LiteDB file but {stored.Count} read back from PostgreSQL, or their checksums differ "
                    + $"({copied.Checksum[..12]} / {stored.Checksum[..12]}). Nothing was written.");
            }

            output.WriteLine($"{transfer.Name}: {copied.Count} records, checksum {copied.Checksum[..16]} (same in PostgreSQL)");
            total += copied.Count;
        }

        await transaction.CommitAsync(cancellationToken);
        output.WriteLine($"Moved {total} records in {StoreTransfers.All.Count} stores into {target}. "
            + "Start the bot with Storage:Provider=PostgreSql and Storage:ConnectionString set to it.");
        return 0;
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine("migrate-to-postgresql: " + message);
        return 1;
    }
}
