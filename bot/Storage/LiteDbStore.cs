using LiteDB;
using Microsoft.Extensions.Options;
using PartnershipBot.Hosting;

namespace PartnershipBot.Storage;

/// <summary>
/// The one LiteDB database of the process. Reads go straight to LiteDB (snapshot reads);
/// every write goes through <see cref="WriteAsync{T}"/> so concurrent turns share commits.
/// </summary>
internal sealed class LiteDbStore : IDisposable
{
    /// <summary>Schema version this build writes; older files are migrated at open, newer ones refused.</summary>
    public const int SchemaVersion = 1;

    private readonly GroupCommitWriter _writer;

    public LiteDbStore(IOptions<StorageOptions> options, IHostEnvironment environment, ILogger<LiteDbStore> logger)
    {
        var path = Path.GetFullPath(options.Value.DatabasePath, environment.ContentRootPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FilePath = path;
        Database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        EnsureSchema();
        _writer = new GroupCommitWriter(Database, options.Value.MaxBatchSize, logger);
        StorageLog.Opened(logger, path, SchemaVersion);
    }

    public string FilePath { get; }

    /// <summary>For reads only; writes must use <see cref="WriteAsync{T}"/>.</summary>
    public LiteDatabase Database { get; }

    /// <summary>Runs <paramref name="write"/> on the writer thread; completes once the commit holding it is durable.</summary>
    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> write, CancellationToken cancellationToken) =>
        _writer.EnqueueAsync(write, cancellationToken);

    public ILiteCollection<BsonDocument> Collection(string name) => Database.GetCollection(name);

    public bool IsHealthy()
    {
        try
        {
            return Database.GetCollection("meta").FindById("schema") is not null;
        }
        catch (LiteException)
        {
            return false;
        }
    }

    private void EnsureSchema()
    {
        var meta = Database.GetCollection("meta");
        var schema = meta.FindById("schema");
        var found = schema?["version"].AsInt32 ?? 0;
        if (found > SchemaVersion)
        {
            throw new InvalidOperationException(
                $"The database file has schema version {found}, newer than this build's {SchemaVersion}. Run a newer build or restore a backup.");
        }

        if (found < SchemaVersion)
        {
            // Version 1 is the first schema: nothing to migrate yet. Later versions add steps here, in order.
            meta.Upsert(new BsonDocument { ["_id"] = "schema", ["version"] = SchemaVersion, ["migratedFrom"] = found });
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        Database.Dispose();
    }
}
