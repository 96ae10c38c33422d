using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PartnershipBot.Connector;
using PartnershipBot.Protocol;
using PartnershipBot.Storage.PostgreSql;
using PartnershipBot.Turns;

namespace PartnershipBot.Tests.Storage;

/// <summary>What a turn costs the database: one connection (the turn's lock connection), prepared statements, no idle writes.</summary>
public sealed class PostgreSqlTurnCostTests(PostgreSqlBackend backend) : IClassFixture<PostgreSqlBackend>
{
    private const string LocksHeldHere = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task StoreCall_InsideATurn_RunsOnTheTurnsLockConnection_AndNotAfterIt()
    {
        await using var storage = await backend.OpenAsync(_time);
        var database = storage.Get<PostgreSqlDatabase>();

        var turn = await storage.Get<IConversationGate>().EnterTurnAsync("c1", default);
        Assert.Equal(1L, await database.ScalarAsync(LocksHeldHere, default));
        await storage.Get<IProcessedActivities>().RememberAsync("c1", "a1", null, default);
        Assert.Equal(1L, await database.ScalarAsync(LocksHeldHere, default));
        await turn.DisposeAsync();

        Assert.Equal(0L, await database.ScalarAsync(LocksHeldHere, default));
        Assert.NotNull(await storage.Get<IProcessedActivities>().FindAsync("c1", "a1", default));
    }

    [Fact]
    public async Task TurnLedger_TurnsOneAfterAnother_RunOnAndReuseTheLockConnection()
    {
        await using var storage = await backend.OpenAsync(_time);
        var database = storage.Get<PostgreSqlDatabase>();
        var pids = new List<object?>();
        for (var i = 0; i < 4; i++)
        {
            var turn = await storage.Get<ITurnLedger>().EnterAsync("c1", $"a{i}", null, default);
            pids.Add(await database.ScalarAsync("SELECT pg_backend_pid()", default));
            Assert.Equal(1L, await database.ScalarAsync(LocksHeldHere, default));
            await turn.CompleteAsync(i % 2 == 0 ? null : new TurnResponse(200, [1]), default);
        }

        // A connection that failed to unlock is closed rather than pooled: one that unlocked is used again.
        Assert.Single(pids.Distinct());
    }

    [Fact]
    public async Task Schema_DocumentsRewrittenEveryTurn_AreCompressedWithLz4()
    {
        await using var storage = await backend.OpenAsync(_time);
        var compression = await storage.Get<PostgreSqlDatabase>().ScalarAsync(
            "SELECT string_agg(attrelid::regclass || '.' || attname || '=' || attcompression::text, ',' ORDER BY attrelid::regclass::text) FROM pg_attribute WHERE (attrelid, attname) IN (('drafts'::regclass, 'doc'), ('processed_activities'::regclass, 'body'))",
            default);

        Assert.Equal("drafts.doc=l,processed_activities.body=l", compression);
    }

    [Fact]
    public async Task StoreCalls_ConcurrentInOneTurn_EachGetsAConnection()
    {
        await using var storage = await backend.OpenAsync(_time);
        var database = storage.Get<PostgreSqlDatabase>();
        await using var turn = await storage.Get<IConversationGate>().EnterTurnAsync("c1", default);

        // Each call stays on the server for a moment, so all four are in flight at once (a fast enough answer could
        // otherwise complete one call before the next starts, and each would find the turn's connection free).
        var held = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => database.ScalarAsync($"SELECT ({LocksHeldHere}) FROM pg_sleep(0.2)", default)));

        Assert.Single(held, count => Equals(count, 1L));
        Assert.Equal(3, held.Count(count => Equals(count, 0L)));
    }

    [Fact]
    public async Task StoreCall_InAnotherInstancesTurn_TakesItsOwnConnection()
    {
        await using var first = await backend.OpenAsync(_time);
        await using var second = first.OpenAnotherInstance(_time);
        await using var turn = await first.Get<IConversationGate>().EnterTurnAsync("c1", default);

        Assert.Equal(0L, await second.Get<PostgreSqlDatabase>().ScalarAsync(LocksHeldHere, default));
    }

    [Fact]
    public async Task ConversationReference_SavedUnchanged_WritesNothing_ChangedIsRewritten()
    {
        await using var storage = await backend.OpenAsync(_time);
        var references = storage.Get<IConversationReferenceStore>();
        var database = storage.Get<PostgreSqlDatabase>();
        var reference = new ConversationReference("29:alice", "aad-alice", "Alice", "https://smba.example.invalid/", "a:1", "tenant", "msteams", "28:bot", "Bot");
        await references.SaveAsync(reference, default);
        var written = await database.ScalarAsync("SELECT xmin::text FROM conversation_references", default);

        await references.SaveAsync(reference, default);
        Assert.Equal(written, await database.ScalarAsync("SELECT xmin::text FROM conversation_references", default));

        await references.SaveAsync(reference with { ServiceUrl = "https://smba.example.invalid/emea/" }, default);
        Assert.NotEqual(written, await database.ScalarAsync("SELECT xmin::text FROM conversation_references", default));
        Assert.Equal("https://smba.example.invalid/emea/", (await references.FindAsync("aad-alice", default))!.ServiceUrl);
    }

    [Theory]
    [InlineData("Host=db.example.invalid;Database=bot", PostgreSqlConnectionSettings.AutoPrepared)]
    [InlineData("Host=db.example.invalid;Database=bot;Max Auto Prepare=0", 0)]
    [InlineData("Host=db.example.invalid;Database=bot;maxautoprepare=5", 5)]
    public void ConnectionSettings_AutoPrepare_OnUnlessTheOperatorSetsIt(string given, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(PostgreSqlConnectionSettings.For(given)).MaxAutoPrepare);

    [Fact]
    public void ConnectionSettings_Application_NamedAfterTheOperatorsName()
    {
        Assert.Equal("partnershipbot-locks", new NpgsqlConnectionStringBuilder(PostgreSqlConnectionSettings.For("Host=h", "locks")).ApplicationName);
        Assert.Equal("council-locks", new NpgsqlConnectionStringBuilder(PostgreSqlConnectionSettings.For("Host=h;Application Name=council", "locks")).ApplicationName);
    }
}
