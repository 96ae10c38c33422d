using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Ux;

/// <summary>A proposed start date in the past is questioned before it is saved, never silently accepted (issue 18, item 10).</summary>
public sealed class PastStartDateTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2027, 1, 10, 10, 0, 0, TimeSpan.Zero);
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(o => o.Time = new FakeTimeProvider(Now));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static async Task<JsonObject> ToStartDateAsync(TeamsUser user)
    {
        var card = (await user.SayAsync("new partnership")).Card!;
        while (StepCard.StepId(card) != "start-date")
        {
            card = await user.ClickAsync(card, "Next", StepCard.ValidAnswers(card));
        }

        return card;
    }

    private async Task<string?> StoredStartDateAsync(JsonObject card) =>
        (await _bot.Get<IDraftStore>().GetAsync(StepCard.DraftId(card), default))!.AnswerTo("start-date")?.Value("startDate");

    [Fact]
    public async Task Next_StartDateInThePast_AsksFirstAndSavesNothing()
    {
        var alice = _bot.User("Alice");
        var card = await ToStartDateAsync(alice);

        var question = await alice.ClickAsync(card, "Next", new Dictionary<string, string> { ["startDate"] = "2026-04-01" });

        Assert.Contains("Is that date right?", CardInspector.AllText(question));
        Assert.Contains("1 April 2026 is in the past (today is 10 January 2027)", CardInspector.AllText(question));
        Assert.Equal(["Yes, keep this date", "No, change it"], CardInspector.ButtonTitles(question));
        Assert.Null(await StoredStartDateAsync(card));
    }

    [Fact]
    public async Task YesKeepThisDate_AfterAPastStartDate_SavesItAndMovesOn()
    {
        var alice = _bot.User("Alice");
        var card = await ToStartDateAsync(alice);
        var question = await alice.ClickAsync(card, "Next", new Dictionary<string, string> { ["startDate"] = "1 April 2026" });

        var next = await alice.ClickAsync(question, "Yes, keep this date");

        Assert.NotEqual("start-date", StepCard.StepId(next));
        Assert.Equal("2026-04-01", await StoredStartDateAsync(card));
    }

    [Fact]
    public async Task NoChangeIt_AfterAPastStartDate_AsksTheQuestionAgain()
    {
        var alice = _bot.User("Alice");
        var card = await ToStartDateAsync(alice);
        var question = await alice.ClickAsync(card, "Next", new Dictionary<string, string> { ["startDate"] = "2026-04-01" });

        var again = await alice.ClickAsync(question, "No, change it");
        var next = await alice.ClickAsync(again, "Next", new Dictionary<string, string> { ["startDate"] = "2027-04-01" });

        Assert.Equal("start-date", StepCard.StepId(again));
        Assert.NotEqual("start-date", StepCard.StepId(next));
        Assert.Equal("2027-04-01", await StoredStartDateAsync(card));
    }

    [Fact]
    public async Task TypedStartDate_UkFormInThePast_IsQuestioned_FutureOneIsSaved()
    {
        var alice = _bot.User("Alice");
        var card = await ToStartDateAsync(alice);

        var question = await alice.SayAsync("1st March 2025");
        Assert.Contains("1 March 2025 is in the past", CardInspector.AllText(question.Card));
        Assert.Null(await StoredStartDateAsync(card));

        var next = await alice.SayAsync("1 April 2027");
        Assert.NotEqual("start-date", StepCard.StepId(next.Card!));
        Assert.Equal("2027-04-01", await StoredStartDateAsync(card));
    }
}
