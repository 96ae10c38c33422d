using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Robustness;

/// <summary>Officers' answers never reach the logs above Debug, whatever path they take through the bot.</summary>
public sealed class LogPrivacyTests : IAsyncLifetime
{
    private const string Marker = "PRIVATE-ANSWER-7f3c";
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task WholeJourney_WithTypedInvalidAndEditedAnswers_LogsNoAnswerAboveDebug()
    {
        var alice = _bot.User("Alice");
        var card = (await alice.SayAsync("new partnership")).Card!;

        // Typed answers, an over-long one refused, an unknown command: each carries the marker.
        card = (await alice.SayAsync($"{Marker} partnership name")).Card!;
        var refused = (await alice.SayAsync(new string('x', 20_000) + Marker)).Card!;
        Assert.Contains("characters", CardInspector.AllText(refused), StringComparison.OrdinalIgnoreCase);
        card = refused;

        for (var n = 0; StepCard.IsQuestion(card); n++)
        {
            Assert.True(n < 100, "The journey never reached the review.");
            var answers = StepCard.ValidAnswers(card);
            foreach (var key in answers.Keys.Where(k => answers[k].StartsWith("Answer for", StringComparison.Ordinal)).ToList())
            {
                answers[key] = $"{Marker} {n} {key}";
            }

            card = await alice.ClickAsync(card, "Next", answers);
        }

        Assert.True(StepCard.IsReview(card));
        var submitted = await alice.ClickAsync(card, "Submit");
        Assert.Contains("NP-", CardInspector.AllText(submitted), StringComparison.Ordinal);
        await alice.SayAsync($"register {Marker}");
        await alice.InvokeAsync("step.next", new JsonObject { ["verb"] = "step.next", ["draftId"] = "nope", ["revision"] = 1, ["stepId"] = Marker });

        Assert.Contains(_bot.Logs.Entries, e => e.Level == LogLevel.Debug || e.Level == LogLevel.Trace);
        var leaks = _bot.Logs.Entries
            .Where(e => e.Level > LogLevel.Debug)
            .Where(e => e.Message.Contains(Marker, StringComparison.Ordinal) || (e.Exception?.ToString().Contains(Marker, StringComparison.Ordinal) ?? false))
            .Select(e => $"{e.Level} {e.Category}: {e.Message}")
            .ToList();
        Assert.Empty(leaks);
    }
}
