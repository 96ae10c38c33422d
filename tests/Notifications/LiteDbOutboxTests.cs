using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Hosting;
using PartnershipBot.Notifications;
using PartnershipBot.Storage;

namespace PartnershipBot.Tests.Notifications;

/// <summary>The outbox's storage on a real LiteDB file.</summary>
public sealed class LiteDbOutboxTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("outbox-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly OutboxSignal _signal = new();
    private readonly LiteDbStore _store;
    private readonly LiteDbOutbox _outbox;

    public LiteDbOutboxTests()
    {
        _store = new LiteDbStore(
            Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = Path.Combine(_folder, "test.db") }),
            new HostingEnvironment { ContentRootPath = _folder },
            NullLogger<LiteDbStore>.Instance);
        _outbox = new LiteDbOutbox(_store, new CommitObservers([new OutboxWakeUp(_signal)]), _time);
    }

    private static OutboxMessage Card(string key, string topic = "submission:S1") => new()
    {
        IdempotencyKey = key,
        Kind = OutboxKind.ChatCard,
        RecipientId = "aad-" + key,
        Topic = topic,
        Payload = new JsonObject { ["type"] = "AdaptiveCard" },
    };

    [Fact]
    public async Task Enqueue_NewMessage_IsPendingAndDueNow()
    {
        await _outbox.EnqueueAsync([Card("a")], CancellationToken.None);

        var due = Assert.Single(await _outbox.ClaimDueAsync(_time.GetUtcNow(), 10, "test", _time.GetUtcNow(), CancellationToken.None));
        Assert.Equal((OutboxStatus.Pending, 0, _time.GetUtcNow(), _time.GetUtcNow()), (due.Status, due.Attempts, due.CreatedAt, due.NextAttemptAt));
        Assert.Equal("AdaptiveCard", due.Payload!["type"]!.GetValue<string>());
        Assert.Equal(_time.GetUtcNow(), await _outbox.NextDueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Add_InsideAWriteThatFailsAfterwards_StoresNothing()
    {
        var write = _store.WriteAsync<bool>(db =>
        {
            LiteDbOutbox.Add(db, [Card("a")], _time.GetUtcNow());
            throw new InvalidOperationException("The feature's own change failed.");
        }, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => write);
        Assert.Null(await _outbox.FindAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task Enqueue_InvalidMessage_ThrowsAndStoresNothing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _outbox.EnqueueAsync([Card("a"), Card("b") with { Payload = null }], CancellationToken.None));

        Assert.Null(await _outbox.FindAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task Due_FutureOrFinishedMessages_AreNotReturned()
    {
        await _outbox.EnqueueAsync([Card("now"), Card("later") with { NextAttemptAt = _time.GetUtcNow().AddMinutes(5) }, Card("done")], CancellationToken.None);
        var done = (await _outbox.FindAsync("done", CancellationToken.None))!;
        Assert.True(await _outbox.SaveAsync(done with { Status = OutboxStatus.Sent }, CancellationToken.None));

        Assert.Equal(["now"], (await _outbox.ClaimDueAsync(_time.GetUtcNow(), 10, "test", _time.GetUtcNow(), CancellationToken.None)).Select(m => m.IdempotencyKey));
        Assert.Equal(_time.GetUtcNow(), await _outbox.NextDueAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(["now", "later"], (await _outbox.ClaimDueAsync(_time.GetUtcNow(), 10, "test", _time.GetUtcNow(), CancellationToken.None)).Select(m => m.IdempotencyKey));
    }

    [Fact]
    public async Task Save_StaleVersion_IsRefused()
    {
        await _outbox.EnqueueAsync([Card("a")], CancellationToken.None);
        var read = (await _outbox.FindAsync("a", CancellationToken.None))!;
        Assert.True(await _outbox.SaveAsync(read with { Attempts = 1 }, CancellationToken.None));

        Assert.False(await _outbox.SaveAsync(read with { Status = OutboxStatus.Sent }, CancellationToken.None));
        var stored = (await _outbox.FindAsync("a", CancellationToken.None))!;
        Assert.Equal((OutboxStatus.Pending, 1), (stored.Status, stored.Attempts));
    }

    [Fact]
    public async Task Requeue_DeadLetter_IsPendingAgainWithFreshAttemptsAndWakesTheDispatcher()
    {
        await _outbox.EnqueueAsync([Card("a"), Card("b")], CancellationToken.None);
        var a = (await _outbox.FindAsync("a", CancellationToken.None))!;
        await _outbox.SaveAsync(a with { Status = OutboxStatus.DeadLettered, Attempts = 8, LastError = "Graph returned 503" }, CancellationToken.None);
        Assert.Equal(["a"], (await _outbox.DeadLettersAsync(CancellationToken.None)).Select(m => m.IdempotencyKey));

        // Play the dispatcher: look, find nothing, wait (idle).
        _signal.BeginRound();
        var waiting = _signal.WaitAsync(CancellationToken.None);
        await _signal.WhenIdleAsync();
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await _outbox.RequeueAsync("a", _time.GetUtcNow(), CancellationToken.None));

        await waiting;
        Assert.False(_signal.WhenIdleAsync().IsCompleted);
        var again = (await _outbox.FindAsync("a", CancellationToken.None))!;
        Assert.Equal((OutboxStatus.Pending, 0, _time.GetUtcNow()), (again.Status, again.Attempts, again.NextAttemptAt));
        Assert.Empty(await _outbox.DeadLettersAsync(CancellationToken.None));
        Assert.False(await _outbox.RequeueAsync("b", _time.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task SentChatCards_Topic_ReturnsOnlyDeliveredCardsOfThatTopic()
    {
        await _outbox.EnqueueAsync([Card("sent"), Card("pending"), Card("other", "submission:S2")], CancellationToken.None);
        foreach (var key in new[] { "sent", "other" })
        {
            var message = (await _outbox.FindAsync(key, CancellationToken.None))!;
            await _outbox.SaveAsync(message with { Status = OutboxStatus.Sent, SentActivityId = "act-" + key }, CancellationToken.None);
        }

        var sent = Assert.Single(await _outbox.SentChatCardsAsync("submission:S1", CancellationToken.None));
        Assert.Equal(("sent", "act-sent"), (sent.IdempotencyKey, sent.SentActivityId));
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
