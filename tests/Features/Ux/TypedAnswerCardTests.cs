using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Ux;

/// <summary>A typed answer marks the question card it answered, so no live stale card is left behind (issue 18, item 4).</summary>
public sealed class TypedAnswerCardTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task TypedAnswer_QuestionCardSentEarlier_IsUpdatedInPlaceAsAnsweredWithNoButtons()
    {
        var alice = _bot.User("Alice");
        var first = await alice.SayAsync("new partnership");
        Assert.Contains("Next", CardInspector.ButtonTitles(first.Card!));

        var next = await alice.SayAsync("Rochford Food Partnership");

        Assert.NotEqual(StepCard.StepId(first.Card!), StepCard.StepId(next.Card!));
        var update = Assert.Single(_bot.Connector.Calls, c => c.Kind == "update" && c.ActivityId == first.ActivityId);
        Assert.Contains("Answered by message", CardInspector.AllText(update.Card));
        Assert.Contains("Rochford Food Partnership", CardInspector.AllText(update.Card));
        Assert.Empty(CardInspector.ButtonTitles(update.Card!));
    }

    [Fact]
    public async Task TypedAnswer_TwiceInARow_MarksEachAnsweredCard()
    {
        var alice = _bot.User("Alice");
        var first = await alice.SayAsync("new partnership");
        var second = await alice.SayAsync("Rochford Food Partnership");

        await alice.SayAsync("To reduce food waste in the district");

        Assert.Contains(_bot.Connector.Calls, c => c.Kind == "update" && c.ActivityId == first.ActivityId);
        Assert.Contains(_bot.Connector.Calls, c => c.Kind == "update" && c.ActivityId == second.ActivityId);
    }
}
