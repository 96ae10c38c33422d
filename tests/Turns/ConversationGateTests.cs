using PartnershipBot.Turns;

namespace PartnershipBot.Tests.Turns;

/// <summary>One turn per conversation at a time; other conversations are not held up.</summary>
public sealed class ConversationGateTests
{
    [Fact]
    public async Task Enter_SameConversation_WaitsForTheFirstTurn_OtherConversationDoesNot()
    {
        var gate = new ConversationGate();
        var first = await gate.EnterAsync("c1", default);
        var second = gate.EnterAsync("c1", default);
        var other = gate.EnterAsync("c2", default);
        Assert.False(second.IsCompleted);
        Assert.True(other.IsCompletedSuccessfully);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        (await other).Dispose();
    }

    [Fact]
    public async Task Enter_Cancelled_ReleasesItsPlace()
    {
        var gate = new ConversationGate();
        var first = await gate.EnterAsync("c1", default);
        using var cts = new CancellationTokenSource();
        var waiting = gate.EnterAsync("c1", cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        first.Dispose();
        (await gate.EnterAsync("c1", default).WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }
}
