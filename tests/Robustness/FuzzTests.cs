using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PartnershipBot.Bench.Bot;
using PartnershipBot.Bench.Play;
using PartnershipBot.Connector;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Storage;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Robustness;

/// <summary>
/// Generated activities against the real endpoint. The suite runs a few thousand; the full run is
/// <c>FUZZ_COUNT=100000 dotnet test --filter FullyQualifiedName~Robustness.FuzzTests</c> (FUZZ_SEED repeats a run).
/// </summary>
public sealed class FuzzTests
{
    private const int DefaultCount = 3000;
    private const int Workers = 8;

    [Fact]
    public async Task Endpoint_GeneratedActivities_NoServerErrorNoUnhandledExceptionAndOthersDraftsUntouched()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_COUNT"), CultureInfo.InvariantCulture, out var n) ? n : DefaultCount;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Environment.TickCount;
        await using var replies = new StubConnector();
        await replies.StartAsync();
        await using var sink = new StubConnector(keepMessages: false);
        await sink.StartAsync();
        await using var bot = await BotHarness.StartAsync(o =>
        {
            o.Authenticated = false;
            o.Settings["Bot:MaxSendRetries"] = "1";
            o.Settings["Bot:MaxRetryDelay"] = "00:00:00.2";
            o.Settings["Bot:MaxSendsPerSecondPerConversation"] = "50";
        });
        var channel = new HarnessChannel(bot, replies);

        // The victim has a submitted draft and one in progress; two other officers have drafts of their own.
        var victim = new TeamsActivities(replies.ServiceUrl, "victim");
        var submitted = new Journey(channel, victim, new CardPlayer(1, 1));
        Assert.Null(await submitted.RunAsync(null, CancellationToken.None));
        var open = await PlayStepsAsync(channel, victim, journey: 2, steps: 12);
        var mallory = await PlayStepsAsync(channel, new TeamsActivities(replies.ServiceUrl, "mallory"), journey: 3, steps: 5);
        var eve = await PlayStepsAsync(channel, new TeamsActivities(replies.ServiceUrl, "eve"), journey: 4, steps: 2);
        var drafts = bot.Get<IDraftStore>();
        var before = await SnapshotAsync(drafts, victim.AadObjectId);
        var victimDrafts = submitted.DraftIds.Concat(open.DraftIds).ToList();
        Assert.Equal(2, victimDrafts.Count);

        var targets = new FuzzTargets(
            new[] { "mallory", "eve" }.Concat(Enumerable.Range(0, 10).Select(i => $"stranger{i}")).Select(name => new TeamsActivities(sink.ServiceUrl, name)).ToList(),
            victim.ConversationId,
            victimDrafts,
            mallory.DraftIds.Concat(eve.DraftIds).ToList(),
            (await drafts.GetAsync(victimDrafts[0], default))!.Answers.Keys.ToList(),
            "http://127.0.0.1:1/");
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var fuzzer = new ActivityFuzzer(new Random(seed + worker), targets);
            while (Interlocked.Increment(ref next) < count)
            {
                var body = fuzzer.Next();
                using var response = await channel.PostRawAsync(body, CancellationToken.None);
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, c) => c + 1);
                if (status is 500 or > 501)
                {
                    failures.Enqueue($"{status} for {Shorten(body)}: {Shorten(await response.Content.ReadAsStringAsync())}");
                }
            }
        })));

        var context = $"seed {seed}, {count} activities, statuses {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}";
        Assert.True(failures.IsEmpty, $"{context}\n{string.Join("\n", failures.Take(5))}");
        var unhandled = bot.Logs.Entries.Where(e => e.Level >= LogLevel.Error && !(e.Exception is { } ex && Environmental(ex))
            || e.Exception is { } other && !Environmental(other)).ToList();
        Assert.True(unhandled.Count == 0, $"{context}\n" + string.Join("\n", unhandled.Take(3).Select(e => $"{e.Category}: {e.Message}\n{e.Exception}")));
        using var health = await bot.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(before, await SnapshotAsync(drafts, victim.AadObjectId));
        Assert.True((await open.StepAsync(CancellationToken.None)).Succeeded, "The victim could not go on with their draft after the fuzzing.");
    }

    private static async Task<Journey> PlayStepsAsync(IBotChannel channel, TeamsActivities user, long journey, int steps)
    {
        var played = new Journey(channel, user, new CardPlayer(1, journey));
        for (var i = 0; i < steps; i++)
        {
            var turn = await played.StepAsync(CancellationToken.None);
            Assert.True(turn.Succeeded, turn.Error);
        }

        return played;
    }

    /// <summary>Every draft the officer owns, as stored (JSON), in id order.</summary>
    private static async Task<string> SnapshotAsync(IDraftStore drafts, string ownerId) =>
        JsonSerializer.Serialize((await drafts.ListByOwnerAsync(ownerId, default)).OrderBy(d => d.Id, StringComparer.Ordinal), StoredDocument.Json);

    /// <summary>Failures of the outside world (a reply to an unreachable or untrusted serviceUrl), not of the bot.</summary>
    private static bool Environmental(Exception exception) => exception switch
    {
        ConnectorException or HttpRequestException or UntrustedServiceUrlException or OperationCanceledException => true,
        Polly.Timeout.TimeoutRejectedException => true,
        _ => exception.InnerException is { } inner && Environmental(inner),
    };

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
