using LiteDB;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>The LiteDB backend's unit-of-work factory and health check.</summary>
internal sealed class LiteDbStorage(LiteDbStore store, TimeProvider time, CommitObservers observers) : IStorage, IStorageHealth
{
    public Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IUnitOfWork>(new LiteDbUnitOfWork(store, time, observers));

    public Task<StorageHealth> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var schema = store.Database.GetCollection("meta").FindById("schema");
            return Task.FromResult(schema is null
                ? new StorageHealth(StorageOptions.LiteDb, Reachable: false, SchemaVersion: null, "The database has no schema record.")
                : new StorageHealth(StorageOptions.LiteDb, Reachable: true, schema["version"].AsInt32));
        }
        catch (LiteException)
        {
            return Task.FromResult(new StorageHealth(StorageOptions.LiteDb, Reachable: false, SchemaVersion: null, "The database file is not usable."));
        }
    }
}
