using Microsoft.Extensions.Options;
using Npgsql;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>The PostgreSQL backend's unit-of-work factory, start-up (migrations) and health check.</summary>
internal sealed class PostgreSqlStorage(PostgreSqlDatabase database, TimeProvider time, CommitObservers observers, InstanceIdentity instance, ILogger<PostgreSqlStorage> logger)
    : IStorage, IStorageHealth, IStorageOpener
{
    public Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IUnitOfWork>(new PostgreSqlUnitOfWork(database, time, observers, instance));

    /// <summary>Connects and migrates; a database that cannot be reached fails start-up naming Storage:ConnectionString.</summary>
    public void Open()
    {
        var settings = new NpgsqlConnectionStringBuilder(database.Source.ConnectionString);
        int schema;
        try
        {
            schema = PostgreSqlMigrations.ApplyAsync(database.Source, logger, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            // The message names host and database, never the password.
            throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions),
                [$"Storage:ConnectionString: cannot use the PostgreSQL database '{settings.Database}' on {settings.Host}:{settings.Port} ({error.Message.ReplaceLineEndings(" ")})."]);
        }

        StorageLog.OpenedPostgreSql(logger, settings.Database, settings.Host, schema);
    }

    public async Task<StorageHealth> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.Source.OpenConnectionAsync(cancellationToken);
            return new StorageHealth(StorageOptions.PostgreSql, Reachable: true, await PostgreSqlMigrations.CurrentAsync(connection, cancellationToken));
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return new StorageHealth(StorageOptions.PostgreSql, Reachable: false, SchemaVersion: null, "The database cannot be reached.");
        }
    }
}
