using LiteDB;
using Microsoft.Extensions.Options;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>
/// An online backup of the LiteDB file, made inside the running bot: LiteDB holds its file exclusively, so no other
/// process can copy it while the bot runs, and a byte copy of a file being written is not a backup anyway. The copy
/// is logical and runs as one closure on the group-committed writer: no write commits while it runs, so it holds
/// exactly the committed state (if its batch rolls back, the writer runs it again alone). Every collection's
/// documents and indexes go into a new LiteDB file beside it, which is then opened again and counted. Writes wait for
/// the copy (about a second for a council's register); reads go on. The newest Storage:BackupsKept files are kept.
/// </summary>
internal sealed class LiteDbBackup(LiteDbStore store, IOptions<StorageOptions> options, IHostEnvironment environment, TimeProvider time,
    ILogger<LiteDbBackup> logger) : IStorageBackup
{
    public const string Prefix = "partnershipbot-backup-";

    public async Task<BackupReport?> BackupAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(options.Value.BackupFolder, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        var stamp = $"{Prefix}{time.GetUtcNow():yyyyMMdd-HHmmss-fff}";
        var path = Path.Combine(folder, stamp + ".db");
        for (var n = 2; File.Exists(path); n++)
        {
            path = Path.Combine(folder, $"{stamp}-{n}.db");
        }

        var partial = path + ".partial";
        var copied = await store.WriteAsync(db => Copy(db, partial), cancellationToken);
        File.Move(partial, path, overwrite: true);

        var found = Count(path);
        if (!copied.OrderBy(c => c.Key).SequenceEqual(found.OrderBy(c => c.Key)))
        {
            throw new InvalidDataException($"The backup {path} does not hold what was copied into it.");
        }

        Prune(folder, options.Value.BackupsKept);
        var report = new BackupReport(path, new FileInfo(path).Length, found);
        StorageLog.BackedUp(logger, path, report.Bytes, found.Values.Sum());
        return report;
    }

    /// <summary>On the writer thread: every collection (documents and indexes) into a new file; returns the counts.</summary>
    private static Dictionary<string, int> Copy(LiteDatabase source, string target)
    {
        File.Delete(target);
        File.Delete(LiteDbStore.LogPath(target));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var copy = new LiteDatabase(new ConnectionString { Filename = target, Connection = ConnectionType.Direct }))
        {
            foreach (var name in source.GetCollectionNames())
            {
                var documents = source.GetCollection(name).FindAll().ToList();
                var collection = copy.GetCollection(name);
                collection.InsertBulk(documents);
                counts[name] = documents.Count;
            }

            foreach (var index in source.GetCollection("$indexes").FindAll().Where(i => i["name"].AsString != "_id"))
            {
                copy.GetCollection(index["collection"].AsString).EnsureIndex(index["name"].AsString, index["expression"].AsString, index["unique"].AsBoolean);
            }

            copy.Checkpoint();
        }

        return counts;
    }

    private static Dictionary<string, int> Count(string path)
    {
        using var backup = new LiteDatabase(new ConnectionString { Filename = path, ReadOnly = true, Connection = ConnectionType.Direct });
        return backup.GetCollectionNames().ToDictionary(n => n, n => backup.GetCollection(n).Count(), StringComparer.Ordinal);
    }

    private static void Prune(string folder, int kept)
    {
        foreach (var old in Directory.GetFiles(folder, Prefix + "*.db").Order(StringComparer.Ordinal).Reverse().Skip(kept))
        {
            File.Delete(old);
        }
    }
}
