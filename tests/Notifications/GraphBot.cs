using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Notifications;

/// <summary>The bot with a fake Graph and a fake clock: what every outbox test starts from.</summary>
internal sealed class GraphBot : IAsyncDisposable
{
    public const string ServiceMailbox = "partnerships@council.example";
    public const string TeamsAppId = "catalog-app-0001";

    private GraphBot(FakeGraph graph, BotHarness bot, FakeTimeProvider time)
    {
        Graph = graph;
        Bot = bot;
        Time = time;
    }

    public FakeGraph Graph { get; }

    public BotHarness Bot { get; }

    public FakeTimeProvider Time { get; }

    public IOutboxStore Outbox => Bot.Get<IOutboxStore>();

    /// <summary>A fixed, ordinary weekday: a run never depends on the real date (edge dates are tested on purpose).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 18, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Starts Graph (with Bob, Carol and Dave in its directory) and the bot pointed at it.</summary>
    public static async Task<GraphBot> StartAsync(Action<HarnessOptions>? configure = null, DateTimeOffset? start = null)
    {
        var graph = new FakeGraph();
        await graph.StartAsync();
        graph.AddUser("aad-bob", "Bob Jones", "bob.jones@council.example");
        graph.AddUser("aad-carol", "Carol Smith", "carol.smith@council.example");
        graph.AddUser("aad-dave", "Dave Brown", "dave.brown@council.example");

        // Token lifetimes are checked against the real clock by the token handler, so the fake clock may start anywhere.
        var time = new FakeTimeProvider(start ?? DefaultStart);
        var bot = await BotHarness.StartAsync(o =>
        {
            o.Time = time;
            o.Settings["Graph:BaseUrl"] = graph.GraphBaseUrl;
            o.Settings["Graph:ServiceMailbox"] = ServiceMailbox;
            o.Settings["Graph:TeamsAppId"] = TeamsAppId;
            o.Settings["Notifications:BaseRetryDelay"] = "00:00:10";
            o.Settings["Notifications:MaxRetryDelay"] = "00:05:00";
            configure?.Invoke(o);
        });
        return new GraphBot(graph, bot, time);
    }

    /// <summary>Waits until the dispatcher has handled everything that is due and is waiting again.</summary>
    public Task IdleAsync() => Bot.Get<OutboxSignal>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));

    /// <summary>Moves the clock on (firing the dispatcher's retry timer when it falls due) and waits for it to settle.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        await IdleAsync();
        Time.Advance(by);
        await IdleAsync();
    }

    public async Task EnqueueAsync(params OutboxMessage[] messages)
    {
        await Outbox.EnqueueAsync(messages, CancellationToken.None);
        await IdleAsync();
    }

    public async Task<OutboxMessage> FindAsync(string key) =>
        await Outbox.FindAsync(key, CancellationToken.None) ?? throw new InvalidOperationException($"No outbox message {key}.");

    public static OutboxMessage Email(string key, string recipientId, string subject = "Riverside Youth Partnership needs your decision", string? body = null) => new()
    {
        IdempotencyKey = key,
        Kind = OutboxKind.Email,
        RecipientId = recipientId,
        Subject = subject,
        Body = body ?? "<p>A new partnership proposal is waiting for you.</p>",
        Topic = "submission:S1",
    };

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Graph.DisposeAsync();
    }
}
