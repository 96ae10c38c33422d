using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Connector;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Protocol;
using PartnershipBot.Storage;
using PartnershipBot.Storage.PostgreSql;
using PartnershipBot.Tests.Harness;
using PartnershipBot.Turns;

namespace PartnershipBot.Tests.Storage;

/// <summary>
/// Writes held for the turn's end (PostgreSqlTurnConnection.TryHold: an answer's draft save, a new draft, the sender's
/// reference): sent with the record of the handled activity, in one transaction with it, and stored before the turn
/// does anything else with the database (a query carries them in its own round trip) or sends anything.
/// </summary>
public sealed class PostgreSqlHeldWriteTests(PostgreSqlBackend backend) : IClassFixture<PostgreSqlBackend>
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task AnswerSave_HeldUntilTheTurnEnds_ThenCommittedTogetherWithTheRecord()
    {
        await using var instances = await WithOpenDraftAsync();
        var (storage, other, drafts) = (instances.Here, instances.Other, instances.Here.Get<IDraftStore>());

        var turn = await storage.Get<ITurnLedger>().EnterAsync("c1", "a1", "aad-alice", default);
        var draft = await drafts.GetAsync("D1", default);
        Assert.True(await drafts.SaveAsync(Answered(draft!), open: true, default));

        // Not in the database yet (another instance reads what is committed), and the activity not recorded.
        Assert.Equal(1, await StoredRevisionAsync(other));
        Assert.Null(await other.Get<IProcessedActivities>().FindAsync("c1", "a1", default));

        await turn.CompleteAsync(new TurnResponse(200, [7]), default);

        Assert.Equal(2, await StoredRevisionAsync(other));
        Assert.Equal("step-2", (await other.Get<IDraftStore>().GetAsync("D1", default))!.CurrentStepId);
        Assert.Equal([7], (await other.Get<IProcessedActivities>().FindAsync("c1", "a1", default))!.Response!.Json);
        Assert.Single((await other.Get<IDraftStore>().GetAsync("D1", default))!.History);
    }

    [Fact]
    public async Task AnswerSave_StoredFirst_WhenTheTurnUsesTheDatabaseAgain_OrIsAboutToSend()
    {
        await using var instances = await WithOpenDraftAsync();
        var (storage, other, drafts) = (instances.Here, instances.Other, instances.Here.Get<IDraftStore>());
        Assert.True(await drafts.SaveAsync(NewDraft("D2"), open: false, default));

        // Another store call of the turn (here a query) runs after the held save, and sees it.
        var turn = await storage.Get<ITurnLedger>().EnterAsync("c1", "a1", "aad-alice", default);
        Assert.True(await drafts.SaveAsync(Answered((await drafts.GetAsync("D1", default))!), open: true, default));
        Assert.Contains(await drafts.ListByOwnerAsync("aad-alice", default), d => d.Id == "D1" && d.Revision == 2);
        Assert.Equal(2, await StoredRevisionAsync(other));
        await turn.CompleteAsync(null, default);

        // Before the turn sends anything (TurnContext asks the entry), the held save is stored.
        turn = await storage.Get<ITurnLedger>().EnterAsync("c1", "a2", "aad-alice", default);
        var second = (await drafts.GetAsync("D1", default))!;
        Assert.True(await drafts.SaveAsync(second with { Revision = 3, CurrentStepId = "step-3" }, open: true, default));
        Assert.Equal(2, await StoredRevisionAsync(other));
        await turn.StoreHeldWritesAsync(default);
        Assert.Equal(3, await StoredRevisionAsync(other));
        await turn.CompleteAsync(null, default);

        Assert.Equal(3, await StoredRevisionAsync(other));
        Assert.NotNull(await other.Get<IProcessedActivities>().FindAsync("c1", "a2", default));
    }

    [Fact]
    public async Task TwoSavesInOneTurn_BothStored_InOrder()
    {
        await using var instances = await WithOpenDraftAsync();
        var (storage, other, drafts) = (instances.Here, instances.Other, instances.Here.Get<IDraftStore>());

        var turn = await storage.Get<ITurnLedger>().EnterAsync("c1", "a1", "aad-alice", default);
        var answered = Answered((await drafts.GetAsync("D1", default))!);
        Assert.True(await drafts.SaveAsync(answered, open: true, default));
        Assert.True(await drafts.SaveAsync(answered with { Revision = 3, CurrentStepId = "step-3" }, open: true, default));
        await turn.CompleteAsync(null, default);

        Assert.Equal(3, await StoredRevisionAsync(other));
        Assert.Equal("step-3", (await other.Get<IDraftStore>().GetAsync("D1", default))!.CurrentStepId);
    }

    [Fact]
    public async Task TurnLeftWithoutCompleting_StillStoresItsHeldSave_AndLetsTheNextTurnIn()
    {
        await using var instances = await WithOpenDraftAsync();
        var (storage, other, drafts) = (instances.Here, instances.Other, instances.Here.Get<IDraftStore>());

        var turn = await storage.Get<ITurnLedger>().EnterAsync("c1", "a1", "aad-alice", default);
        Assert.True(await drafts.SaveAsync(Answered((await drafts.GetAsync("D1", default))!), open: true, default));
        await turn.DisposeAsync();

        Assert.Equal(2, await StoredRevisionAsync(other));
        Assert.Null(await other.Get<IProcessedActivities>().FindAsync("c1", "a1", default));
        await using var next = await other.Get<ITurnLedger>().EnterAsync("c1", "a2", null, default).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(next.Earlier);
    }

    [Fact]
    public async Task HeldSaveRefusedMidTurn_TheTurnThenReadsTheDatabase_NotWhatItHadHeld()
    {
        await using var instances = await WithOpenDraftAsync();
        var (storage, other, drafts) = (instances.Here, instances.Other, instances.Here.Get<IDraftStore>());

        // The turn closes the draft (held); meanwhile another instance answers it, keeping it open.
        var turn = await storage.Get<ITurnLedger>().EnterAsync("c1", "a1", "aad-alice", default);
        Assert.True(await drafts.SaveAsync(Answered((await drafts.GetAsync("D1", default))!) with { Status = DraftStatus.Cancelled }, open: false, default));
        Assert.True(await other.Get<IDraftStore>().SaveAsync(Answered(NewDraft("D1")) with { CurrentStepId = "elsewhere" }, open: true, default));

        await Assert.ThrowsAsync<TurnWriteRefusedException>(() => turn.StoreHeldWritesAsync(default));

        Assert.Equal("D1", await drafts.GetOpenDraftIdAsync("aad-alice", default));
        Assert.Equal("elsewhere", (await drafts.GetAsync("D1", default))!.CurrentStepId);
        await turn.CompleteAsync(null, default);
        Assert.Equal(DraftStatus.InProgress, (await other.Get<IDraftStore>().GetAsync("D1", default))!.Status);
    }

    [Fact]
    public async Task NewDraftAndTheSendersReference_HeldTogether_StoredWithTheRecord()
    {
        await using var storage = await backend.OpenAsync(_time);
        await using var other = storage.OpenAnotherInstance(_time);
        var reference = new ConversationReference("29:alice", "aad-alice", "Alice", "https://smba.example.invalid/", "a:1", "tenant", "msteams", "28:bot", "Bot");

        // A person's first turn: their reference is saved and a draft started, both held for the turn's end.
        var turn = await storage.Get<ITurnLedger>().EnterAsync("c1", "a1", "aad-alice", default);
        await storage.Get<IConversationReferenceStore>().SaveAsync(reference, default);
        Assert.True(await storage.Get<IDraftStore>().SaveAsync(NewDraft("D1"), open: true, default));
        Assert.Null(await other.Get<IConversationReferenceStore>().FindAsync("aad-alice", default));
        Assert.Null(await other.Get<IDraftStore>().GetAsync("D1", default));

        await turn.CompleteAsync(new TurnResponse(200, [1]), default);

        Assert.Equal(reference, await other.Get<IConversationReferenceStore>().FindAsync("aad-alice", default));
        Assert.Equal("D1", await other.Get<IDraftStore>().GetOpenDraftIdAsync("aad-alice", default));
        Assert.Equal(1, await StoredRevisionAsync(other));
        Assert.NotNull(await other.Get<IProcessedActivities>().FindAsync("c1", "a1", default));
    }

    [Fact]
    public async Task QueryInTheTurn_GoesWithTheHeldSave_AndARefusedSaveIsReportedThere_AndForgotten()
    {
        await using var instances = await WithOpenDraftAsync();
        var (storage, other, drafts) = (instances.Here, instances.Other, instances.Here.Get<IDraftStore>());

        var turn = await storage.Get<ITurnLedger>().EnterAsync("c1", "a1", "aad-alice", default);
        Assert.True(await drafts.SaveAsync(Answered((await drafts.GetAsync("D1", default))!), open: true, default));
        Assert.True(await other.Get<IDraftStore>().SaveAsync(Answered(NewDraft("D1")) with { CurrentStepId = "elsewhere" }, open: true, default));

        // The query carries the held save; its refusal surfaces there, as it would from any other store call.
        await Assert.ThrowsAsync<TurnWriteRefusedException>(() => drafts.ListByOwnerAsync("aad-alice", default));

        Assert.Equal("elsewhere", (await drafts.GetAsync("D1", default))!.CurrentStepId);
        await turn.CompleteAsync(null, default);
        Assert.Equal("elsewhere", (await other.Get<IDraftStore>().GetAsync("D1", default))!.CurrentStepId);
    }

    [Fact]
    public async Task UnitOfWorkInTheTurn_RolledBack_TheHeldSaveBeforeItIsStoredAllTheSame()
    {
        await using var instances = await WithOpenDraftAsync();
        var (storage, other, drafts) = (instances.Here, instances.Other, instances.Here.Get<IDraftStore>());
        var submission = new Submission("S1", "D1", 1, new Actor("aad-alice", "Alice"), "Proposal", SubmissionStatus.Submitted, null, [], [], [], [], [], Start, Version: 0);
        Assert.True(await storage.Get<ISubmissionStore>().TrySaveAsync(submission, [], [], default));

        var turn = await storage.Get<ITurnLedger>().EnterAsync("c1", "a1", "aad-alice", default);
        Assert.True(await drafts.SaveAsync(Answered((await drafts.GetAsync("D1", default))!), open: true, default));
        await using (var work = await storage.Get<IStorage>().BeginAsync(default))
        {
            work.Submissions.Save(submission); // version 0 again: stale, so the unit stores nothing
            Assert.False(await work.CommitAsync(default));
        }

        // The answer was acknowledged as saved before the unit began: the unit's rollback does not take it back.
        Assert.Equal(2, await StoredRevisionAsync(other));
        await turn.CompleteAsync(null, default);
        Assert.Equal(2, await StoredRevisionAsync(other));
    }

    /// <summary>This instance and another on one new database, with Alice's draft D1 open at revision 1.</summary>
    private async Task<Instances> WithOpenDraftAsync()
    {
        var here = await backend.OpenAsync(_time);
        var instances = new Instances(here, here.OpenAnotherInstance(_time));
        Assert.True(await here.Get<IDraftStore>().SaveAsync(NewDraft("D1"), open: true, default));
        return instances;
    }

    private sealed class Instances(StorageServices here, StorageServices other) : IAsyncDisposable
    {
        public StorageServices Here => here;

        public StorageServices Other => other;

        public async ValueTask DisposeAsync()
        {
            await other.DisposeAsync();
            await here.DisposeAsync();
        }
    }

    private static async Task<int> StoredRevisionAsync(StorageServices other) =>
        Convert.ToInt32(await other.Get<PostgreSqlDatabase>().ScalarAsync("SELECT version FROM drafts WHERE id = 'D1'", default), System.Globalization.CultureInfo.InvariantCulture);

    private static Draft Answered(Draft draft) =>
        draft with { Revision = draft.Revision + 1, CurrentStepId = "step-2", History = [.. draft.History, new HistoryEntry("step-1", HistoryAction.Answered, new Actor("aad-alice", "Alice"), Start, [new FieldChange("name", null, "Castle Point")])] };

    private static Draft NewDraft(string id) =>
        new(id, "new-partnership", 1, "aad-alice", "Alice", "P1", "first", DraftStatus.InProgress, "step-1",
            new Dictionary<string, StepAnswer>(), [], Revision: 1, Start, Start, null);
}

/// <summary>The held answer save seen from the chat: what the officer is told, and when.</summary>
public sealed class PostgreSqlHeldWriteDialogueTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(o => o.Storage = BotStorage.PostgreSql);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task TypedAnswer_TheReplyLeavesOnlyOnceTheAnswerIsStored()
    {
        var alice = _bot.User("Alice");
        var card = (await alice.SayAsync("new partnership")).Card!;
        var draftId = StepCard.DraftId(card);
        var storedWhenReplied = new List<object?>();
        _bot.Connector.OnCall = async call =>
        {
            if (call.ConversationId == alice.ConversationId)
            {
                // What any instance would read at the moment the officer sees the reply.
                storedWhenReplied.Add(await _bot.Get<PostgreSqlDatabase>().ScalarAsync("SELECT doc->>'title' FROM drafts WHERE id = $1", default, draftId));
            }
        };

        var reply = await alice.SayAsync("Castle Point and Rochford Food Network");

        Assert.Equal("lead-officer", StepCard.StepId(reply.Card!));
        Assert.NotEmpty(storedWhenReplied);
        Assert.All(storedWhenReplied, title => Assert.Equal("Castle Point and Rochford Food Network", title));
    }

    [Fact]
    public async Task AnswerRefusedAtTheTurnsEnd_OfficerIsToldItWasNotSaved_AndTheSameClickRetriedIsHandledAfresh()
    {
        var alice = _bot.User("Alice");
        var card = (await alice.SayAsync("new partnership")).Card!;
        var draftId = StepCard.DraftId(card);
        var click = alice.Click(card, "Next", StepCard.ValidAnswers(card));
        var database = _bot.Get<PostgreSqlDatabase>();

        // Stands in for another instance changing the draft after this turn's lock: the held save then writes nothing.
        await database.ExecuteAsync(
            """
            CREATE FUNCTION test_skip_draft_updates() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
            CREATE TRIGGER test_skip_draft_updates BEFORE UPDATE ON drafts FOR EACH ROW EXECUTE FUNCTION test_skip_draft_updates();
            """, default);
        using (var refused = await alice.SendAsync(click))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var text = CardInspector.AllText(JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["value"]!.AsObject());
            Assert.Contains("Not saved", text);
            Assert.Contains(TurnErrors.NotStoredText, text);
        }

        Assert.Equal(1, Convert.ToInt32(await database.ScalarAsync("SELECT version FROM drafts WHERE id = $1", default, draftId), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(await _bot.Get<IProcessedActivities>().FindAsync(alice.ConversationId, click["id"]!.GetValue<string>(), default));
        Assert.DoesNotContain(_bot.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Contains(_bot.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("held for the turn's end was refused"));

        await database.ExecuteAsync("DROP TRIGGER test_skip_draft_updates ON drafts", default);
        using var retried = await alice.SendAsync(click);
        var next = JsonNode.Parse(await retried.Content.ReadAsStringAsync())!["value"]!.AsObject();

        Assert.NotEqual("Not saved", CardInspector.AllText(next).Split('\n')[0]);
        Assert.Equal("lead-officer", StepCard.StepId(next));
        Assert.Equal(2, (await _bot.Get<IDraftStore>().GetAsync(draftId, default))!.Revision);
    }
}
