using System.Text;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Turns;

namespace PartnershipBot.Tests.Storage;

/// <summary>
/// What a turn needs from the backend besides the stores: handled activities (a redelivery is answered as the first
/// time, not processed again) and one turn per conversation at a time. Same tests on every backend.
/// </summary>
public abstract class TurnStateContracts<TBackend>(TBackend backend) : IClassFixture<TBackend>
    where TBackend : StorageBackend
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task ProcessedActivity_Remembered_IsFoundWithTheSameResponse()
    {
        await using var storage = await backend.OpenAsync(_time);
        var processed = storage.Get<IProcessedActivities>();
        var card = Encoding.UTF8.GetBytes("""{"statusCode":200,"type":"application/vnd.microsoft.card.adaptive","value":{"text":"Ünïcode ✓"}}""");
        await processed.RememberAsync("c1", "invoke-1", new TurnResponse(200, card), default);
        await processed.RememberAsync("c1", "invoke-2", new TurnResponse(501, null), default);
        await processed.RememberAsync("c1", "message-1", null, default);

        var invoke = await processed.FindAsync("c1", "invoke-1", default);
        Assert.Equal(200, invoke!.Response!.Status);
        Assert.Equal(card, invoke.Response.Json);
        var bare = await processed.FindAsync("c1", "invoke-2", default);
        Assert.Equal(501, bare!.Response!.Status);
        Assert.Null(bare.Response.Json);
        var message = await processed.FindAsync("c1", "message-1", default);
        Assert.NotNull(message);
        Assert.Null(message.Response);
    }

    [Fact]
    public async Task ProcessedActivity_UnknownOrOtherConversation_IsNotFound()
    {
        await using var storage = await backend.OpenAsync(_time);
        var processed = storage.Get<IProcessedActivities>();
        await processed.RememberAsync("c1", "a1", null, default);

        Assert.Null(await processed.FindAsync("c1", "a2", default));
        Assert.Null(await processed.FindAsync("c2", "a1", default));
    }

    [Fact]
    public async Task ProcessedActivity_PastItsLifetime_IsNotFound()
    {
        await using var storage = await backend.OpenAsync(_time);
        var processed = storage.Get<IProcessedActivities>();
        await processed.RememberAsync("c1", "a1", new TurnResponse(200, [1, 2, 3]), default);

        _time.Advance(IProcessedActivities.Lifetime - TimeSpan.FromSeconds(1));
        Assert.NotNull(await processed.FindAsync("c1", "a1", default));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await processed.FindAsync("c1", "a1", default));
    }

    [Fact]
    public async Task ConversationGate_SameConversation_WaitsForTheFirstTurn_OtherConversationDoesNot()
    {
        await using var storage = await backend.OpenAsync(_time);
        var gate = storage.Get<IConversationGate>();
        var first = await gate.EnterTurnAsync("c1", default);
        var second = gate.EnterTurnAsync("c1", default);
        var other = await gate.EnterTurnAsync("c2", default).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(second.IsCompleted);
        await first.DisposeAsync();
        await (await second.WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();
        await other.DisposeAsync();
    }

    [Fact]
    public async Task ConversationGate_WaitCancelled_LeavesTheConversationFree()
    {
        await using var storage = await backend.OpenAsync(_time);
        var gate = storage.Get<IConversationGate>();
        var first = await gate.EnterTurnAsync("c1", default);
        using var cancel = new CancellationTokenSource();
        var waiting = gate.EnterTurnAsync("c1", cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        await first.DisposeAsync();
        await (await gate.EnterTurnAsync("c1", default).WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();
    }

    [Fact]
    public async Task TurnLedger_CompletedTurn_NextTurnOfTheActivityFindsItsResponse_AndWaitedForIt()
    {
        await using var storage = await backend.OpenAsync(_time);
        var ledger = storage.Get<ITurnLedger>();
        var card = Encoding.UTF8.GetBytes("""{"statusCode":200,"value":"next card"}""");
        var first = await ledger.EnterAsync("c1", "invoke-1", null, default);
        Assert.Null(first.Earlier);
        var redelivery = ledger.EnterAsync("c1", "invoke-1", null, default);

        Assert.False(redelivery.IsCompleted);
        await first.CompleteAsync(new TurnResponse(200, card), default);
        await using var second = await redelivery.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(card, second.Earlier!.Response!.Json);
        Assert.Equal(200, second.Earlier.Response.Status);
        Assert.Equal(card, (await storage.Get<IProcessedActivities>().FindAsync("c1", "invoke-1", default))!.Response!.Json);
    }

    [Fact]
    public async Task TurnLedger_TurnLeftWithoutCompleting_IsNotRecorded_AndFreesTheConversation()
    {
        await using var storage = await backend.OpenAsync(_time);
        var ledger = storage.Get<ITurnLedger>();
        await (await ledger.EnterAsync("c1", "message-1", null, default)).DisposeAsync();

        await using var again = await ledger.EnterAsync("c1", "message-1", null, default).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(again.Earlier);
        await again.CompleteAsync(null, default);
        await using var third = await ledger.EnterAsync("c1", "message-1", null, default).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(third.Earlier);
        Assert.Null(third.Earlier.Response);
    }

    [Fact]
    public async Task TurnLedger_ActivityWithoutId_IsNeverRecorded()
    {
        await using var storage = await backend.OpenAsync(_time);
        var ledger = storage.Get<ITurnLedger>();
        var first = await ledger.EnterAsync("c1", null, null, default);
        await first.CompleteAsync(new TurnResponse(200, [1]), default);

        await using var second = await ledger.EnterAsync("c1", null, null, default).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(second.Earlier);
    }
}

public sealed class TurnStateContractsOnLiteDb(LiteDbBackend backend) : TurnStateContracts<LiteDbBackend>(backend);

public sealed class TurnStateContractsOnPostgreSql(PostgreSqlBackend backend) : TurnStateContracts<PostgreSqlBackend>(backend);
