using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Connector;
using PartnershipBot.Protocol;
using PartnershipBot.Storage.PostgreSql;
using PartnershipBot.Turns;

namespace PartnershipBot.Tests.Storage;

/// <summary>Two instances on one PostgreSQL database see each other's turns: what makes ARR affinity unnecessary.</summary>
public sealed class PostgreSqlInstancesTests(PostgreSqlBackend backend) : IClassFixture<PostgreSqlBackend>
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task ProcessedActivity_HandledOnOneInstance_IsFoundOnAnother()
    {
        await using var first = await backend.OpenAsync(_time);
        await using var second = first.OpenAnotherInstance(_time);
        await first.Get<IProcessedActivities>().RememberAsync("c1", "invoke-1", new TurnResponse(200, [7, 8]), default);

        var found = await second.Get<IProcessedActivities>().FindAsync("c1", "invoke-1", default);
        Assert.Equal([7, 8], found!.Response!.Json);
    }

    [Fact]
    public async Task ProcessedActivity_Expired_IsDeletedWhenTheNextIsRemembered()
    {
        await using var storage = await backend.OpenAsync(_time);
        var processed = storage.Get<IProcessedActivities>();
        await processed.RememberAsync("c1", "old", null, default);
        _time.Advance(IProcessedActivities.Lifetime + TimeSpan.FromMinutes(1));
        await processed.RememberAsync("c1", "new", null, default);

        var rows = await storage.Get<PostgreSqlDatabase>().ScalarAsync("SELECT string_agg(activity_id, ',') FROM processed_activities", default);
        Assert.Equal("new", rows);
    }

    [Fact]
    public async Task Draft_KeptByOneInstance_ChangedOnAnother_IsReadAsChanged()
    {
        await using var first = await backend.OpenAsync(_time);
        await using var second = first.OpenAnotherInstance(_time);
        var draft = new Draft("D1", "new-partnership", 1, "aad-alice", "Alice", "P1", "first", DraftStatus.InProgress, "step-1",
            new Dictionary<string, StepAnswer>(), [], Revision: 1, Start, Start, null);
        Assert.True(await first.Get<IDraftStore>().SaveAsync(draft, open: true, default));
        Assert.Equal("step-1", (await first.Get<IDraftStore>().GetAsync("D1", default))!.CurrentStepId);

        Assert.True(await second.Get<IDraftStore>().SaveAsync(draft with { Revision = 2, CurrentStepId = "step-2" }, open: true, default));

        var read = await first.Get<IDraftStore>().GetAsync("D1", default);
        Assert.Equal((2, "step-2"), (read!.Revision, read.CurrentStepId));
        Assert.False(await first.Get<IDraftStore>().SaveAsync(draft with { Revision = 2, CurrentStepId = "lost" }, open: true, default));
        Assert.True(await first.Get<IDraftStore>().SaveAsync(read with { Revision = 3, CurrentStepId = "step-3" }, open: true, default));
        Assert.Equal("step-3", (await second.Get<IDraftStore>().GetAsync("D1", default))!.CurrentStepId);
    }

    [Fact]
    public async Task TurnDrafts_OpenDraftChangedOnAnotherInstanceBeforeTheTurn_IsReadAsChanged()
    {
        await using var first = await backend.OpenAsync(_time);
        await using var second = first.OpenAnotherInstance(_time);
        var draft = NewDraft("D1");
        Assert.True(await first.Get<IDraftStore>().SaveAsync(draft, open: true, default));
        Assert.True(await second.Get<IDraftStore>().SaveAsync(draft with { Revision = 2, CurrentStepId = "step-2" }, open: true, default));

        var turn = await first.Get<ITurnLedger>().EnterAsync("c1", "m1", "aad-alice", default);
        Assert.Equal("D1", await first.Get<IDraftStore>().GetOpenDraftIdAsync("aad-alice", default));
        var read = await first.Get<IDraftStore>().GetAsync("D1", default);
        await turn.CompleteAsync(null, default);

        Assert.Equal((2, "step-2"), (read!.Revision, read.CurrentStepId));
    }

    [Fact]
    public async Task TurnDrafts_SendersOpenDraft_TakenFromTheLocksRead_AChangeAfterTheLockIsRefusedAtTheTurnsEnd_NotLost()
    {
        await using var first = await backend.OpenAsync(_time);
        await using var second = first.OpenAnotherInstance(_time);
        var drafts = first.Get<IDraftStore>();
        Assert.True(await drafts.SaveAsync(NewDraft("D1"), open: true, default));

        var turn = await first.Get<ITurnLedger>().EnterAsync("c1", "m1", "aad-alice", default);
        // Another instance answers between the lock and the turn's own read, and the officer opens another draft there.
        Assert.True(await second.Get<IDraftStore>().SaveAsync(NewDraft("D1") with { Revision = 2, CurrentStepId = "step-2" }, open: true, default));
        await second.Get<IDraftStore>().SetOpenDraftAsync("aad-alice", "D9", default);

        // No further read: the turn works from what its lock read (the open draft and the revision this instance keeps).
        Assert.Equal("D1", await drafts.GetOpenDraftIdAsync("aad-alice", default));
        var inTurn = await drafts.GetAsync("D1", default);
        Assert.Equal(1, inTurn!.Revision);

        // The save is held for the turn's end, where it checks the stored revision: refused there, nothing recorded.
        Assert.True(await drafts.SaveAsync(inTurn with { Revision = 2, CurrentStepId = "mine" }, open: true, default));
        await Assert.ThrowsAsync<TurnWriteRefusedException>(() => turn.CompleteAsync(new TurnResponse(200, [1]), default));
        await turn.DisposeAsync();

        Assert.Null(await first.Get<IProcessedActivities>().FindAsync("c1", "m1", default));
        Assert.Equal((2, "step-2"), ((await drafts.GetAsync("D1", default))!.Revision, (await drafts.GetAsync("D1", default))!.CurrentStepId));
        Assert.Equal("D9", await drafts.GetOpenDraftIdAsync("aad-alice", default));
        Assert.Equal("step-2", (await second.Get<IDraftStore>().GetAsync("D1", default))!.CurrentStepId);

        // The conversation is free again, and a retry of the activity is handled afresh.
        await using var retry = await second.Get<ITurnLedger>().EnterAsync("c1", "m1", "aad-alice", default).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(retry.Earlier);
    }

    [Fact]
    public async Task TurnDrafts_FollowTheTurnsOwnWrites_AndAreNotUsedAfterTheTurn()
    {
        await using var storage = await backend.OpenAsync(_time);
        var drafts = storage.Get<IDraftStore>();
        var database = storage.Get<PostgreSqlDatabase>();
        Assert.True(await drafts.SaveAsync(NewDraft("D1"), open: true, default));

        var turn = await storage.Get<ITurnLedger>().EnterAsync("c1", "m1", "aad-alice", default);
        Assert.True(await drafts.SaveAsync(NewDraft("D2"), open: true, default));
        Assert.Equal("D2", await drafts.GetOpenDraftIdAsync("aad-alice", default));
        await drafts.SetOpenDraftAsync("aad-alice", "D1", default);
        Assert.Equal("D1", await drafts.GetOpenDraftIdAsync("aad-alice", default));
        Assert.True(await drafts.SaveAsync(NewDraft("D1") with { Revision = 2, CurrentStepId = "step-2" }, open: true, default));

        // Changed behind the bot's back after the turn's save: the turn still knows what it stored itself.
        await database.ExecuteAsync("UPDATE drafts SET version = 3, doc = jsonb_set(jsonb_set(doc, '{currentStepId}', '\"elsewhere\"'), '{revision}', '3') WHERE id = 'D1'", default);
        await database.ExecuteAsync("UPDATE journey_sessions SET draft_id = 'D2' WHERE owner_id = 'aad-alice'", default);
        Assert.Equal("D1", await drafts.GetOpenDraftIdAsync("aad-alice", default));
        Assert.Equal(2, (await drafts.GetAsync("D1", default))!.Revision);
        await turn.CompleteAsync(null, default);

        // Out of the turn every read asks the database again.
        Assert.Equal("D2", await drafts.GetOpenDraftIdAsync("aad-alice", default));
        Assert.Equal((3, "elsewhere"), ((await drafts.GetAsync("D1", default))!.Revision, (await drafts.GetAsync("D1", default))!.CurrentStepId));
    }

    private static Draft NewDraft(string id) =>
        new(id, "new-partnership", 1, "aad-alice", "Alice", "P1", "first", DraftStatus.InProgress, "step-1",
            new Dictionary<string, StepAnswer>(), [], Revision: 1, Start, Start, null);

    [Fact]
    public async Task TurnLedger_RedeliveryOnAnotherInstanceMidTurn_WaitsAndIsAnsweredAsTheFirst()
    {
        await using var first = await backend.OpenAsync(_time);
        await using var second = first.OpenAnotherInstance(_time);
        var turn = await first.Get<ITurnLedger>().EnterAsync("c1", "invoke-1", null, default);

        var redelivery = second.Get<ITurnLedger>().EnterAsync("c1", "invoke-1", null, default);
        await WaitUntilALockIsWaitedForAsync(first.Get<PostgreSqlDatabase>());
        Assert.False(redelivery.IsCompleted);
        await turn.CompleteAsync(new TurnResponse(200, [4, 2]), default);

        await using var answered = await redelivery.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([4, 2], answered.Earlier!.Response!.Json);
    }

    [Fact]
    public async Task ConversationReference_SeenStoredHere_IsNotSentAgainWithinTheWindow_ThenIsRestored()
    {
        await using var first = await backend.OpenAsync(_time);
        await using var second = first.OpenAnotherInstance(_time);
        var reference = new ConversationReference("29:alice", "aad-alice", "Alice", "https://smba.example.invalid/", "a:1", "tenant", "msteams", "28:bot", "Bot");
        var moved = reference with { ServiceUrl = "https://smba.example.invalid/emea/" };
        await first.Get<IConversationReferenceStore>().SaveAsync(reference, default);
        await second.Get<IConversationReferenceStore>().SaveAsync(moved, default);

        // Within the window the first instance takes its own last save as still stored: nothing is sent.
        await first.Get<IConversationReferenceStore>().SaveAsync(reference, default);
        Assert.Equal(moved.ServiceUrl, (await first.Get<IConversationReferenceStore>().FindAsync("aad-alice", default))!.ServiceUrl);

        _time.Advance(PostgreSqlConversationReferenceStore.Confirmed);
        await first.Get<IConversationReferenceStore>().SaveAsync(reference, default);
        Assert.Equal(reference.ServiceUrl, (await second.Get<IConversationReferenceStore>().FindAsync("aad-alice", default))!.ServiceUrl);
    }

    [Fact]
    public async Task ConversationGate_TurnOnOneInstance_HoldsTheSameConversationOnAnother()
    {
        await using var first = await backend.OpenAsync(_time);
        await using var second = first.OpenAnotherInstance(_time);
        var held = await first.Get<IConversationGate>().EnterTurnAsync("c1", default);

        var waiting = second.Get<IConversationGate>().EnterTurnAsync("c1", default);
        await WaitUntilALockIsWaitedForAsync(first.Get<PostgreSqlDatabase>());
        Assert.False(waiting.IsCompleted);
        await (await second.Get<IConversationGate>().EnterTurnAsync("c2", default).WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();

        await held.DisposeAsync();
        await (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();
    }

    [Fact]
    public async Task ConversationGate_InstanceDiesMidTurn_TheLockGoesWithItsConnection()
    {
        await using var first = await backend.OpenAsync(_time);
        await using var second = first.OpenAnotherInstance(_time);
        _ = await first.Get<IConversationGate>().EnterTurnAsync("c1", default);

        // The process is gone without ending its turn: the server ends its sessions (as when the instance is killed).
        // Only the first instance has opened a lock connection so far. Asked through the second instance: the first's
        // store calls in this flow would run on the turn's own (lock) connection.
        await second.Get<PostgreSqlDatabase>().ExecuteAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'partnershipbot-locks' AND datname = current_database()", default);

        await (await second.Get<IConversationGate>().EnterTurnAsync("c1", default).WaitAsync(TimeSpan.FromSeconds(10))).DisposeAsync();
    }

    /// <summary>The server's own view (pg_locks), polled without sleeping: the second instance is queued on the lock.</summary>
    private static async Task WaitUntilALockIsWaitedForAsync(PostgreSqlDatabase database)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Convert.ToInt64(await database.ScalarAsync("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", default)) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The second instance never waited for the conversation's lock.");
        }
    }
}
