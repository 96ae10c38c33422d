using LiteDB;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnershipBot.Hosting;
using PartnershipBot.Storage;

namespace PartnershipBot.Tests.Storage;

/// <summary>The one database file: schema version, group commit, durability across reopen, optimistic concurrency.</summary>
public sealed class LiteDbStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("litedb-store-").FullName;

    private string PathOf => Path.Combine(_folder, "test.db");

    private LiteDbStore Open() => new(Options.Create(new StorageOptions { DatabasePath = PathOf }), new Env(_folder), NullLogger<LiteDbStore>.Instance);

    [Fact]
    public void Open_NewFile_RecordsSchemaVersion()
    {
        using (var store = Open())
        {
            Assert.True(store.IsHealthy());
        }

        using var db = new LiteDatabase(PathOf);
        Assert.Equal(LiteDbStore.SchemaVersion, db.GetCollection("meta").FindById("schema")["version"].AsInt32);
    }

    [Fact]
    public void Open_FileFromNewerSchema_IsRefusedWithClearMessage()
    {
        using (var db = new LiteDatabase(PathOf))
        {
            db.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "schema", ["version"] = LiteDbStore.SchemaVersion + 1 });
        }

        var error = Assert.Throws<InvalidOperationException>(Open);
        Assert.Contains("newer than this build", error.Message);
    }

    [Fact]
    public async Task ConcurrentWrites_AllCommit_AndSurviveReopen()
    {
        using (var store = Open())
        {
            var writes = Enumerable.Range(0, 200).Select(i => store.WriteAsync(db =>
                db.GetCollection("items").Insert(new BsonDocument { ["_id"] = i, ["n"] = i }), default));
            await Task.WhenAll(writes);
        }

        using var reopened = Open();
        Assert.Equal(200, reopened.Collection("items").Count());
    }

    [Fact]
    public async Task FailingWriteInABatch_FailsAlone()
    {
        using var store = Open();
        var good = Enumerable.Range(0, 20).Select(i => store.WriteAsync(db => db.GetCollection("items").Insert(new BsonDocument { ["_id"] = i }), default)).ToList();
        var bad = store.WriteAsync<int>(db => throw new InvalidOperationException("boom"), default);
        await Task.WhenAll(good);
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
        Assert.Equal(20, store.Collection("items").Count());
    }

    [Fact]
    public async Task TrySaveVersioned_StaleVersion_IsRefused()
    {
        using var store = Open();
        var doc = StoredDocument.ToBson("d1", 0, new { Name = "a" });
        Assert.True(await store.WriteAsync(db => StoredDocument.TrySaveVersioned(db.GetCollection("docs"), doc, 0), default));
        var again = StoredDocument.ToBson("d1", 0, new { Name = "b" });
        Assert.False(await store.WriteAsync(db => StoredDocument.TrySaveVersioned(db.GetCollection("docs"), again, 0), default));
        Assert.True(await store.WriteAsync(db => StoredDocument.TrySaveVersioned(db.GetCollection("docs"), again, 1), default));
        Assert.Equal(2, StoredDocument.VersionOf(store.Collection("docs").FindById("d1")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class Env(string root) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
