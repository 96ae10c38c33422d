using LiteDB;
using Microsoft.Extensions.Options;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>
/// The one LiteDB database of the process. Reads go straight to LiteDB (snapshot reads);
/// every write goes through <see cref="WriteAsync{T}"/> so concurrent turns share commits.
/// </summary>
internal sealed class LiteDbStore : IDisposable
{
    /// <summary>Schema version this build writes; older files are migrated at open, newer ones refused.</summary>
    public const int SchemaVersion = 1;

    /// <summary>
    /// One open instance per file per process: two LiteDatabase objects on one file corrupt it. A host that is
    /// being replaced (a restart in-process) may still be closing the file, so the next open waits for it.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> OpenFiles = new(StringComparer.Ordinal);

    private readonly GroupCommitWriter _writer;
    private readonly ILogger<LiteDbStore> _logger;
    private readonly SemaphoreSlim _fileLock;
    private readonly LiteDbFileStream? _dataFile;
    private readonly LiteDbFileStream? _logFile;
    private int _disposed;

    public LiteDbStore(IOptions<StorageOptions> options, IHostEnvironment environment, ILogger<LiteDbStore> logger)
    {
        var path = Path.GetFullPath(options.Value.DatabasePath, environment.ContentRootPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _fileLock = OpenFiles.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        if (!_fileLock.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new IOException($"The database file {path} is still open in this process.");
        }

        FilePath = path;
        _logger = logger;
        try
        {
            // The store opens LiteDB's two files itself (same names as LiteDB uses) so that the log is forced to
            // disk once per group commit rather than once per page (see LiteDbFileStream).
            _dataFile = new LiteDbFileStream(OpenFile(path), deferFlushToDisk: false);
            _logFile = new LiteDbFileStream(OpenFile(LogPath(path)), deferFlushToDisk: true);
            Database = new LiteDatabase(_dataFile, mapper: null, logStream: _logFile);
            EnsureSchema();
            _logFile.FlushToDisk();
        }
        catch
        {
            Database?.Dispose();
            _dataFile?.Dispose();
            _logFile?.Dispose();
            _fileLock.Release();
            throw;
        }

        _writer = new GroupCommitWriter(Database, options.Value.MaxBatchSize, _logFile.ForceHandedPagesToDisk, logger);
        StorageLog.Opened(logger, path, SchemaVersion);
    }

    public string FilePath { get; }

    /// <summary>How many times the log file was forced to disk: once per committed batch (for tests).</summary>
    public long LogDiskFlushes => _logFile?.DiskFlushes ?? 0;

    /// <summary>LiteDB's name for a database's log file: "name-log.ext" beside it.</summary>
    public static string LogPath(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    /// <summary>Opens a file as LiteDB does (page-sized buffer, random access), exclusively: one process per database.</summary>
    private static FileStream OpenFile(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 8192, FileOptions.RandomAccess);

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
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _writer.Dispose();
        Database.Dispose();
        _dataFile?.Dispose();
        _logFile?.Dispose();
        _fileLock.Release();
        StorageLog.Closed(_logger, FilePath);
    }
}
