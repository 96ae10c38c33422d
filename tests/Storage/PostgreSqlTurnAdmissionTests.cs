using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Storage.PostgreSql;
using PartnershipBot.Turns;

namespace PartnershipBot.Tests.Storage;

/// <summary>
/// At most Storage:TurnsAtOnce turns in progress on one instance (PostgreSqlTurnAdmission); the others wait in order
/// of arrival, and a place is given back however the turn ends.
/// </summary>
public sealed class PostgreSqlTurnAdmissionTests(PostgreSqlBackend backend) : IClassFixture<PostgreSqlBackend>
{
    private static readonly TimeSpan NotYet = TimeSpan.FromMilliseconds(300);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Places_Full_WaitersEnterInOrderOfArrival_AsPlacesAreGivenBack()
    {
        var admission = new PostgreSqlTurnAdmission(2);
        var first = await admission.EnterAsync(default);
        var second = await admission.EnterAsync(default);
        var waiting = Enumerable.Range(0, 3).Select(_ => admission.EnterAsync(default)).ToList();

        await Task.Delay(NotYet);
        Assert.DoesNotContain(waiting, w => w.IsCompleted);

        // Each place given back lets in the longest waiting, and only it.
        first.Dispose();
        first.Dispose(); // a place is given back once, however often its holder lets go
        var third = await waiting[0].WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(NotYet);
        Assert.False(waiting[1].IsCompleted);
        Assert.False(waiting[2].IsCompleted);

        second.Dispose();
        var fourth = await waiting[1].WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(NotYet);
        Assert.False(waiting[2].IsCompleted);

        third.Dispose();
        (await waiting[2].WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        fourth.Dispose();
    }

    [Fact]
    public void Default_FourPerProcessor_AtLeastEight()
    {
        Assert.Equal(8, PostgreSqlTurnAdmission.Default(1));
        Assert.Equal(8, PostgreSqlTurnAdmission.Default(2));
        Assert.Equal(16, PostgreSqlTurnAdmission.Default(4));
    }

    [Fact]
    public async Task OneTurnAtOnce_ATurnOfAnotherConversationWaits_UntilTheFirstEnds()
    {
        await using var storage = await backend.OpenAsync(_time, new Dictionary<string, string?> { ["Storage:TurnsAtOnce"] = "1" });
        var turns = storage.Get<ITurnLedger>();
        Assert.Equal(1, storage.Get<PostgreSqlTurnAdmission>().TurnsAtOnce);

        var first = await turns.EnterAsync("c1", "a1", null, default);
        var second = turns.EnterAsync("c2", "a2", null, default);
        await Task.Delay(NotYet);
        Assert.False(second.IsCompleted);

        await first.CompleteAsync(null, default);
        await using var entered = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(entered.Earlier);
    }

    [Fact]
    public async Task TurnThatGivesUpWaitingForItsConversation_GivesItsPlaceBack()
    {
        await using var storage = await backend.OpenAsync(_time, new Dictionary<string, string?> { ["Storage:TurnsAtOnce"] = "1" });
        await using var other = storage.OpenAnotherInstance(_time);

        // Another instance is in c1's turn; here a turn of c1 waits for that lock, holding this instance's one place.
        await using var elsewhere = await other.Get<ITurnLedger>().EnterAsync("c1", "a1", null, default);
        using var giveUp = new CancellationTokenSource(NotYet);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.Get<ITurnLedger>().EnterAsync("c1", "a2", null, giveUp.Token));

        await using var next = await storage.Get<ITurnLedger>().EnterAsync("c2", "a3", null, default).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(next.Earlier);
    }
}
