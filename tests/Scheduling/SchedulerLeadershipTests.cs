using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PartnershipBot.Scheduling;
using PartnershipBot.Storage.PostgreSql;
using PartnershipBot.Tests.Features.Reviews;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Scheduling;

/// <summary>
/// Two bot instances on one PostgreSQL database: one leads the scheduler (a session advisory lock on its own
/// connection); when the leader's session ends, the other takes over on its next pass; no prompt fires twice.
/// </summary>
public sealed class SchedulerLeadershipTests
{
    private static readonly DateTimeOffset Start = new(2027, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunDue_TwoInstancesOnOneDatabase_OnlyTheFirstToAskLeads()
    {
        var database = await NewDatabaseAsync();
        var (firstFired, secondFired) = (new FiredPrompts(), new FiredPrompts());
        await using var first = await StartAsync(database, firstFired);
        await using var second = await StartAsync(database, secondFired);
        await PlanAsync(first, "p1", "p2", "p3");

        Assert.Equal(3, await first.RunSchedulerAsync());
        await PlanAsync(second, "p4");
        Assert.Equal(0, await second.RunSchedulerAsync());
        Assert.Equal(1, await first.RunSchedulerAsync());

        Assert.Equal(["p1", "p2", "p3", "p4"], firstFired.Keys.Order());
        Assert.Empty(secondFired.Keys);
        Assert.Equal(1L, await HeldLeaderLocksAsync(first));
    }

    [Fact]
    public async Task RunDue_LeadersConnectionKilled_OtherInstanceTakesOverAndNothingFiresTwice()
    {
        var database = await NewDatabaseAsync();
        var (firstFired, secondFired) = (new FiredPrompts(), new FiredPrompts());
        await using var first = await StartAsync(database, firstFired);
        await using var second = await StartAsync(database, secondFired);
        await PlanAsync(first, "p1");
        Assert.Equal(1, await first.RunSchedulerAsync());
        Assert.Equal(0, await second.RunSchedulerAsync());

        // The leader's session ends as if its process were killed (the server frees its locks at once).
        await PlanAsync(first, "p2", "p3", "p4");
        Assert.Equal(1L, await TerminateAsync(first, "partnershipbot-leader"));

        Assert.Equal(3, await second.RunSchedulerAsync());
        Assert.Equal(0, await first.RunSchedulerAsync());
        await PlanAsync(first, "p5");
        Assert.Equal(0, await first.RunSchedulerAsync());
        Assert.Equal(1, await second.RunSchedulerAsync());

        Assert.Equal(["p1"], firstFired.Keys);
        Assert.Equal(["p2", "p3", "p4", "p5"], secondFired.Keys.Order());
        Assert.All(firstFired.Keys.Concat(secondFired.Keys).CountBy(k => k), pair => Assert.Equal(1, pair.Value));
    }

    [Fact]
    public async Task RunDue_LeaderStops_OtherInstanceLeadsOnItsNextPass()
    {
        var database = await NewDatabaseAsync();
        var secondFired = new FiredPrompts();
        var first = await StartAsync(database, new FiredPrompts());
        await using var second = await StartAsync(database, secondFired);
        Assert.Equal(0, await first.RunSchedulerAsync());
        await PlanAsync(second, "after-stop");
        Assert.Equal(0, await second.RunSchedulerAsync());

        await first.DisposeAsync();

        Assert.Equal(1, await second.RunSchedulerAsync());
        Assert.Equal(["after-stop"], secondFired.Keys);
    }

    private static async Task<string> NewDatabaseAsync() => await (await PostgreSqlServer.SharedAsync()).CreateDatabaseAsync("leader");

    private static Task<CycleBot> StartAsync(string connectionString, FiredPrompts fired) =>
        CycleBot.StartAsync(Start, o =>
        {
            o.Settings["Storage:Provider"] = "PostgreSql";
            o.Settings["Storage:ConnectionString"] = connectionString;
            var earlier = o.Services;
            o.Services = services =>
            {
                earlier?.Invoke(services);
                services.AddSingleton<IDuePromptHandler>(fired);
            };
        });

    private static Task PlanAsync(CycleBot bot, params string[] keys) =>
        bot.Harness.Get<IDuePromptStore>().PlanAsync(
            keys.Select(k => new DuePrompt { Key = k, Kind = FiredPrompts.TestKind, DueAt = Start, SubjectId = "s-" + k }).ToList(), default);

    /// <summary>The server's own view: how many sessions hold the leader's advisory lock on this database.</summary>
    private static async Task<long> HeldLeaderLocksAsync(CycleBot bot) =>
        Convert.ToInt64(await bot.Harness.Get<PostgreSqlDatabase>().ScalarAsync(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = 0 "
            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            default, PostgreSqlLocks.SchedulerLeader));

    /// <summary>Ends the sessions of one application on this database and waits (up to 10 s) until they are gone.</summary>
    internal static async Task<long> TerminateAsync(CycleBot bot, string application) =>
        Convert.ToInt64(await bot.Harness.Get<PostgreSqlDatabase>().ScalarAsync(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
            default, application));

    /// <summary>A due-prompt handler that records which prompts it fired.</summary>
    private sealed class FiredPrompts : IDuePromptHandler
    {
        public const string TestKind = "leadership-test";
        private readonly ConcurrentQueue<string> _keys = new();

        public string Kind => TestKind;

        public IReadOnlyList<string> Keys => [.. _keys];

        public Task HandleAsync(DuePrompt prompt, CancellationToken cancellationToken)
        {
            _keys.Enqueue(prompt.Key);
            return Task.CompletedTask;
        }
    }
}
