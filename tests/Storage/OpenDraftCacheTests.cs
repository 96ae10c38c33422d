using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Hosting;
using PartnershipBot.Storage;

namespace PartnershipBot.Tests.Storage;

/// <summary>The in-memory copy of open drafts: never older than what was stored, bounded, and the database stays the truth.</summary>
public sealed class OpenDraftCacheTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("draft-cache-").FullName;

    [Fact]
    public void Put_EarlierRevisionAfterLater_KeepsTheLater()
    {
        var cache = new OpenDraftCache();
        cache.Put(Draft("d1", revision: 3));
        cache.Put(Draft("d1", revision: 2));

        Assert.True(cache.TryGet("d1", out var kept));
        Assert.Equal(3, kept.Revision);
    }

    [Fact]
    public void Put_SubmittedDraft_DropsIt()
    {
        var cache = new OpenDraftCache();
        cache.Put(Draft("d1", revision: 3));
        cache.Put(Draft("d1", revision: 4) with { Status = DraftStatus.Submitted });

        Assert.False(cache.TryGet("d1", out _));
    }

    [Fact]
    public void Put_OverCapacity_DropsTheLeastRecentlyUsedAndKeepsTheLatest()
    {
        var cache = new OpenDraftCache(capacity: 10);
        for (var i = 0; i < 11; i++)
        {
            cache.Put(Draft($"d{i}", revision: 1));
        }

        Assert.InRange(cache.Count, 1, 10);
        Assert.True(cache.TryGet("d10", out _));
    }

    [Fact]
    public void Put_OverByteBudget_DropsTheLeastRecentlyUsedAndStaysUnderIt()
    {
        // Ten drafts of ~200 KB each in a 1 MB cache: the count limit is far away, the byte limit is what holds.
        var cache = new OpenDraftCache(capacity: 1000, maxBytes: 1024 * 1024);
        for (var i = 0; i < 10; i++)
        {
            cache.Put(Big($"d{i}", characters: 100_000));
        }

        Assert.InRange(cache.Bytes, 1, 1024 * 1024);
        Assert.InRange(cache.Count, 1, 5);
        Assert.True(cache.TryGet("d9", out _));
        Assert.False(cache.TryGet("d0", out _));
    }

    [Fact]
    public void Put_OneDraftOverAQuarterOfTheBudget_IsNotKept()
    {
        var cache = new OpenDraftCache(capacity: 1000, maxBytes: 1024 * 1024);
        cache.Put(Draft("small", revision: 1));
        cache.Put(Big("huge", characters: 200_000));

        Assert.False(cache.TryGet("huge", out _));
        Assert.True(cache.TryGet("small", out _));
        Assert.Equal(OpenDraftCache.EstimateBytes(Draft("small", revision: 1)), cache.Bytes);
    }

    [Fact]
    public async Task GetAsync_AfterSave_ReturnsTheSavedRevisionWithItsAnswers()
    {
        using var store = Open();
        var drafts = new LiteDbDraftStore(store);
        var draft = Draft("d1", revision: 1);
        Assert.True(await drafts.SaveAsync(draft, open: true, default));
        var answered = draft with { Revision = 2, Title = "Community Safety Partnership" };
        Assert.True(await drafts.SaveAsync(answered, open: true, default));

        var loaded = await drafts.GetAsync("d1", default);

        Assert.Equal(2, loaded!.Revision);
        Assert.Equal("Community Safety Partnership", loaded.Title);
        Assert.Equal("Community Safety Partnership", (await new LiteDbDraftStore(store).GetAsync("d1", default))!.Title);
    }

    [Fact]
    public async Task SaveAsync_StoredRevisionChangedBehindTheCache_RefusesAndNextGetReadsTheDatabase()
    {
        using var store = Open();
        var drafts = new LiteDbDraftStore(store);
        var draft = Draft("d1", revision: 1);
        Assert.True(await drafts.SaveAsync(draft, open: true, default));
        Assert.Equal(1, (await drafts.GetAsync("d1", default))!.Revision);

        // Another writer (not through this store) moves the draft on: the cached copy is now stale.
        var theirs = draft with { Revision = 2, Title = "Theirs" };
        await store.WriteAsync(db => db.GetCollection("drafts").Upsert(StoredDocument.ToBson("d1", 2, theirs, ("owner", theirs.OwnerId))), default);

        Assert.False(await drafts.SaveAsync(draft with { Revision = 2, Title = "Mine" }, open: true, default));
        var current = await drafts.GetAsync("d1", default);
        Assert.Equal("Theirs", current!.Title);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing on a slow machine; the temp folder is cleaned up later.
        }
    }

    private LiteDbStore Open() => new(Options.Create(new StorageOptions { DatabasePath = Path.Combine(_folder, "test.db") }), new Env(_folder), NullLogger<LiteDbStore>.Instance);

    private static Draft Draft(string id, int revision) => new(
        id, "new-partnership", 1, "aad-alice", "Alice", null, null, DraftStatus.InProgress, "purpose",
        new Dictionary<string, StepAnswer>(), [], revision, Now, Now, null);

    private static Draft Big(string id, int characters)
    {
        var answer = new StepAnswer(new Dictionary<string, string> { ["text"] = new string('x', characters) }, [], false, 1, new Actor("aad-alice", "Alice"), Now);
        return Draft(id, revision: 1) with { Answers = new Dictionary<string, StepAnswer> { ["purpose"] = answer } };
    }

    private sealed class Env(string root) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
