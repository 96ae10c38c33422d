using System.Text.Json.Nodes;
using LiteDB;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Hosting;
using PartnershipBot.Protocol;
using PartnershipBot.Storage;
using PartnershipBot.Turns;

namespace PartnershipBot.Tests.Robustness;

/// <summary>The fixes the benchmark led to: one fsync per group commit, parameterised queries, bounded redelivery memory.</summary>
public sealed class DurableThroughputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("durable-throughput-").FullName;

    private string PathOf => Path.Combine(_folder, "bench.db");

    private LiteDbStore Open() => new(Options.Create(new StorageOptions { DatabasePath = PathOf }), new Env(_folder), NullLogger<LiteDbStore>.Instance);

    [Fact]
    public async Task WriteAsync_ManyConcurrentWrites_ForceTheLogToDiskOncePerBatchAndAreAllThereAfterReopen()
    {
        const int writes = 300;
        long flushes;
        using (var store = Open())
        {
            var before = store.LogDiskFlushes;
            await Task.WhenAll(Enumerable.Range(0, writes).Select(i => Task.Run(() => store.WriteAsync(
                db => db.GetCollection("items").Upsert(new BsonDocument { ["_id"] = $"item{i}", ["text"] = new string('x', 3000) }),
                CancellationToken.None))));
            flushes = store.LogDiskFlushes - before;
        }

        // Each write fills a page or more: LiteDB alone would force the log to disk at least once per write.
        Assert.InRange(flushes, 1, writes / 3);
        using var reopened = new LiteDatabase(PathOf);
        Assert.Equal(writes, reopened.GetCollection("items").Count());
    }

    [Fact]
    public async Task Where_ValuesAsParameters_FindsTheDocumentsWithThoseValues()
    {
        using var store = Open();
        await store.WriteAsync(db =>
        {
            var drafts = db.GetCollection("drafts");
            drafts.Insert(new BsonDocument { ["_id"] = "d1", ["owner"] = "aad-alice", ["due"] = 10L });
            drafts.Insert(new BsonDocument { ["_id"] = "d2", ["owner"] = "aad-bob\" OR 1=1", ["due"] = 20L });
            drafts.Insert(new BsonDocument { ["_id"] = "d3", ["owner"] = "aad-alice", ["due"] = 30L });
            return true;
        }, CancellationToken.None);
        var drafts = store.Collection("drafts");

        Assert.Equal(["d1", "d3"], drafts.Find(StoredDocument.Where("owner = @0", "aad-alice")).Select(d => d["_id"].AsString).Order());
        Assert.Equal(["d2"], drafts.Find(StoredDocument.Where("owner = @0", "aad-bob\" OR 1=1")).Select(d => d["_id"].AsString));
        Assert.Equal(["d1"], drafts.Find(StoredDocument.Where("owner = @0 AND due <= @1", "aad-alice", 20L)).Select(d => d["_id"].AsString));
    }

    [Fact]
    public void Remember_FarMoreThanTheBudget_KeepsTheLatestAndAnswersThemAsGiven()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 10, 0, 0, TimeSpan.Zero));
        var activities = new ProcessedActivities(time);
        var card = new JsonObject { ["type"] = "AdaptiveCard", ["body"] = new JsonArray(new JsonObject { ["text"] = new string('c', 8_000) }) };

        // 5,000 responses of ~8 KB: 40 MB, well over the 16 MB budget.
        for (var i = 0; i < 5_000; i++)
        {
            activities.Remember("conversation", $"a{i}", TurnResponse.From(InvokeResponse.Card(card.DeepClone().AsObject())));
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.True(activities.TryGet("conversation", "a4999", out var latest));
        Assert.Equal(InvokeResponse.Card(card.DeepClone().AsObject()).Body!.ToJsonString(), JsonNode.Parse(latest!.Json)!.ToJsonString());
        Assert.Equal(200, latest.Status);
        Assert.False(activities.TryGet("conversation", "a0", out _));
        Assert.True(activities.TryGet("conversation", "a4990", out _));
    }

    [Fact]
    public void Remember_MessageWithoutResponse_IsAnsweredAgainWithNoResponse()
    {
        var activities = new ProcessedActivities(new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 10, 0, 0, TimeSpan.Zero)));
        activities.Remember("conversation", "m1", null);

        Assert.True(activities.TryGet("conversation", "m1", out var response));
        Assert.Null(response);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }

    private sealed class Env(string root) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
