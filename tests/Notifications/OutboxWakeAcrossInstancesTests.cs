using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Notifications;
using PartnershipBot.Storage;
using PartnershipBot.Storage.PostgreSql;
using PartnershipBot.Tests.Harness;
using PartnershipBot.Tests.Storage;

namespace PartnershipBot.Tests.Notifications;

/// <summary>
/// PostgreSQL, two instances: a message committed by instance A is sent by instance B's dispatcher at once, woken by
/// LISTEN/NOTIFY. B's clock is fake and never moved, so its one-minute poll cannot fire: only the notification wakes it.
/// </summary>
public sealed class OutboxWakeAcrossInstancesTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly Channel<CommitSummary> _wakes = Channel.CreateUnbounded<CommitSummary>();
    private readonly string _folder = Directory.CreateTempSubdirectory("outbox-wake-").FullName;
    private string _database = "";
    private GraphBot _b = null!;
    private StorageServices _a = null!;

    public async Task InitializeAsync()
    {
        _database = await (await PostgreSqlServer.SharedAsync()).CreateDatabaseAsync("wake");
        _b = await GraphBot.StartAsync(o =>
        {
            o.Settings["Storage:Provider"] = StorageOptions.PostgreSql;
            o.Settings["Storage:ConnectionString"] = _database;
            o.Services = services => services.AddSingleton<ICommitObserver>(new ChannelObserver(_wakes));
        });

        // Instance A writes only (no dispatcher of its own): whatever is sent, B sent.
        _a = StorageServices.Open(
            new Dictionary<string, string?> { ["Storage:Provider"] = StorageOptions.PostgreSql, ["Storage:ConnectionString"] = _database },
            _folder, new FakeTimeProvider(GraphBot.DefaultStart), []);
        await _b.IdleAsync();
        await WaitForListenerAsync();
    }

    [Fact]
    public async Task Enqueue_CommittedByInstanceA_SentByInstanceBWithoutWaitingForItsPoll()
    {
        await _a.Get<IOutboxStore>().EnqueueAsync([GraphBot.Email("wake:1", "aad-bob")], default);

        await NextWakeAsync();
        await _b.IdleAsync();
        var sent = Assert.Single(_b.Graph.Succeeded("/sendMail"));
        Assert.Equal("bob.jones@council.example", sent.Body!["Message"]!["toRecipients"]![0]!["emailAddress"]!["address"]!.GetValue<string>());
        Assert.Equal(OutboxStatus.Sent, (await _a.Get<IOutboxStore>().FindAsync("wake:1", default))!.Status);
    }

    [Fact]
    public async Task Listener_ConnectionKilled_ReconnectsAndTheNextMessageIsStillSentAtOnce()
    {
        var killed = Convert.ToInt64(await _a.Get<PostgreSqlDatabase>().ScalarAsync(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE application_name = 'partnershipbot-listen' AND datname = current_database()",
            default));
        Assert.Equal(1L, killed);

        // Back and listening: it wakes the dispatcher once for whatever was committed while it was away.
        await NextWakeAsync();
        await _a.Get<IOutboxStore>().EnqueueAsync([GraphBot.Email("wake:2", "aad-dave")], default);
        await NextWakeAsync();
        await _b.IdleAsync();

        Assert.Single(_b.Graph.Succeeded("/sendMail"));
        Assert.Equal(OutboxStatus.Sent, (await _a.Get<IOutboxStore>().FindAsync("wake:2", default))!.Status);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task NextWakeAsync()
    {
        using var timeout = new CancellationTokenSource(Bound);
        Assert.True((await _wakes.Reader.ReadAsync(timeout.Token)).OutboxChanged);
    }

    /// <summary>B's listener session is there and LISTENing (the server's own view), polled without sleeping.</summary>
    private async Task WaitForListenerAsync()
    {
        var deadline = DateTime.UtcNow + Bound;
        while (Convert.ToInt64(await _a.Get<PostgreSqlDatabase>().ScalarAsync(
                   "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'partnershipbot-listen' AND datname = current_database() AND query ILIKE 'LISTEN%'",
                   default)) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "Instance B never listened for outbox changes.");
        }
    }

    /// <summary>An after-commit hook that reports each wake-up B's listener passes on.</summary>
    private sealed class ChannelObserver(Channel<CommitSummary> wakes) : ICommitObserver
    {
        public void Committed(CommitSummary summary) => wakes.Writer.TryWrite(summary);
    }
}
