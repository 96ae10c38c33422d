using System.Text.Json;
using PartnershipBot.Bench.Bot;
using PartnershipBot.Bench.Load;
using PartnershipBot.Bench.Play;
using Xunit.Abstractions;

namespace PartnershipBot.Tests.Playground;

/// <summary>
/// The bot as `dotnet run --project bot` runs it (its own process, development mode, LiteDB on disk), talked to by the
/// real Microsoft 365 Agents Playground, as the README tells developers to do. The Playground shapes every activity
/// (its own non-GUID ids, service URL and invoke format) and hosts the connector the bot replies to.
/// </summary>
public sealed class AgentsPlaygroundTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Upper bounds for starting two processes (dotnet, node) on a loaded 2-core machine; a normal start takes seconds.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);
    private readonly string _folder = Directory.CreateTempSubdirectory("partnershipbot-playground-").FullName;
    private PlaygroundSession? _session;
    private BotProcess _bot = null!;
    private AgentsPlayground _playground = null!;

    private string DatabasePath => Path.Combine(_folder, "partnershipbot.db");

    public async Task InitializeAsync()
    {
        try
        {
            _session = await PlaygroundSession.StartAsync(_folder, Limit);
        }
        catch
        {
            DeleteFolder();
            throw;
        }

        (_bot, _playground) = (_session.Bot, _session.Playground);
    }

    [Fact]
    public async Task Hello_FromThePlayground_IsAnsweredWithTheWelcomeCardNamingItsUser()
    {
        using var timeout = new CancellationTokenSource(Limit);

        var sentAt = await _playground.SendAsync("hello", timeout.Token);
        var reply = await _playground.NextFromBotAsync(sentAt, timeout.Token);

        Assert.True(reply.Card is not null, $"The bot's reply in the Playground carries no card: {reply.Message}\n{Logs()}");
        var card = reply.Card.Value.GetRawText();
        Assert.Contains("Partnership governance", card, StringComparison.Ordinal);
        Assert.Contains(_playground.UserName, card, StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"menu.new-partnership\"", card, StringComparison.Ordinal);
        Assert.Empty(_bot.Problems);
    }

    [Fact]
    public async Task NewPartnershipJourney_PlayedThroughThePlayground_IsSubmittedWithEveryAnswerStored()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var journey = new Journey(new PlaygroundChannel(_playground), new TeamsActivities("unused", "playground"), new CardPlayer(run: 1, journey: 1));

        var failures = new List<string>();
        while (!journey.IsOver)
        {
            var turn = await journey.StepAsync(timeout.Token);
            if (!turn.Succeeded)
            {
                failures.Add(turn.Error ?? "failed");
            }
        }

        Assert.True(journey.Completed, $"{journey.Failure}; {string.Join("; ", failures)}\n{Logs()}");
        Assert.Empty(failures);
        Assert.True(journey.Steps > 20, $"only {journey.Steps} steps");
        Assert.Contains("submitted", journey.Card!.Value.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // Stopped hard, as a crash would: every answer the Playground saw acknowledged is in the file.
        _bot.Kill();
        var stored = StoredAnswers.Read(DatabasePath);
        Assert.NotEmpty(journey.AcknowledgedTokens);
        Assert.Empty(stored.Missing(journey.AcknowledgedTokens));
        Assert.Empty(_bot.Problems);
    }

    public async Task DisposeAsync()
    {
        if (_session is not null)
        {
            // The Playground's own start-up tries to phone home (see PlaygroundRefusals); shown here, and any
            // refusal nobody explained fails the test: it means something needed to leave the machine.
            var refusals = _playground.Refusals;
            output.WriteLine(refusals.Count == 0
                ? "node-guard: no connection refused"
                : "node-guard refused:\n" + string.Join('\n', PlaygroundRefusals.Describe(refusals)));
            await _session.DisposeAsync();
            Assert.All(refusals, r => Assert.True(PlaygroundRefusals.Explanation(r) is not null, $"unexplained refusal: {r}"));
        }

        DeleteFolder();
    }

    private void DeleteFolder()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }

    private string Logs() => $"bot:\n{string.Join('\n', _bot.Output.TakeLast(40))}\nplayground:\n{_playground.Output}";
}
