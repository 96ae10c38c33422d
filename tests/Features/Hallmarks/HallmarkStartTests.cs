using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Cards;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Hallmarks;

/// <summary>
/// Issue 18, item 18: an assessment begins only from its introduction's Start; Cancel starts nothing; stale and
/// duplicate clicks are safe. Through the real HTTP pipeline and journey engine.
/// </summary>
public class HallmarkStartTests : IAsyncLifetime
{
    private static readonly PartnershipRef Safety = new("p-csp", "Community Safety Partnership", "aad-alice");
    private static readonly PartnershipRef Health = new("p-health", "Health and Wellbeing Board", "aad-dave");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
    private BotHarness _bot = null!;

    /// <summary>Where the bot stores its data; the …OnPostgreSql subclass runs the same dialogues on PostgreSQL.</summary>
    protected virtual BotStorage Storage => BotStorage.LiteDb;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(o =>
    {
        o.Storage = Storage;
        o.Time = _time;
        o.Services = services =>
        {
            services.RemoveAll<IPartnershipLookup>();
            services.AddSingleton<IPartnershipLookup>(new FakePartnershipLookup("aad-pat", Safety, Health));
        };
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Task<IReadOnlyList<Draft>> DraftsOfAsync(string partnershipId) =>
        _bot.Get<IDraftStore>().ListBySubjectAsync(partnershipId, default);

    [Fact]
    public async Task Assess_NothingInProgress_ShowsTheIntroductionAndStartsNothing()
    {
        var alice = _bot.User("Alice");

        var intro = (await alice.SayAsync("assess community safety partnership")).Card!;
        var text = CardInspector.AllText(intro);

        Assert.Equal("Hallmark self-assessment", CardInspector.Texts(intro)[0]);
        Assert.Contains("Community Safety Partnership", text);
        foreach (var hallmark in new[] { "Empowered and Effective Leadership (14 questions)", "Intelligence-led Business Processes (16 questions)",
                     "Effective and Responsive Delivery Systems (6 questions)", "Engaged Communities (6 questions)",
                     "Visible and Constructive Accountability (9 questions)", "Appropriate Skills and Knowledge (16 questions)" })
        {
            Assert.Contains(hallmark, text);
        }

        Assert.Contains("67 questions in all", text);
        Assert.Contains("Save and exit at any time and carry on later", text);
        Assert.Contains("the lead officer and the People and Policy Manager get a summary", text);
        Assert.Equal(["Start", "Cancel"], CardInspector.ButtonTitles(intro));
        Assert.Empty(await DraftsOfAsync(Safety.Id));
    }

    [Fact]
    public async Task IntroStart_Clicked_BeginsTheAssessmentInPlaceOfTheIntroduction()
    {
        var alice = _bot.User("Alice");
        var intro = (await alice.SayAsync("assess community safety partnership")).Card!;

        var (card, inPlace) = await alice.ClickShownAsync(intro, "Start");

        Assert.True(inPlace);
        Assert.Contains("Question 1 of 67", CardInspector.AllText(card));
        var draft = Assert.Single(await DraftsOfAsync(Safety.Id));
        Assert.Equal((StepCard.DraftId(card), "aad-alice"), (draft.Id, draft.OwnerId));
    }

    [Fact]
    public async Task IntroCancel_Clicked_StartsNothingAndSaysSo()
    {
        var alice = _bot.User("Alice");
        var intro = (await alice.SayAsync("assess community safety partnership")).Card!;

        var (card, inPlace) = await alice.ClickShownAsync(intro, "Cancel");

        Assert.True(inPlace);
        Assert.Equal("Assessment not started", CardInspector.Texts(card)[0]);
        Assert.Contains("Nothing was started and nothing is saved", CardInspector.AllText(card));
        Assert.Equal(["Show the menu"], CardInspector.ButtonTitles(card));
        Assert.Empty(await DraftsOfAsync(Safety.Id));
        // Cancelling locks nobody out: the introduction is offered again, and Start still works.
        Assert.Contains("Question 1 of 67", CardInspector.AllText(await alice.AssessAsync("assess community safety partnership")));
    }

    [Fact]
    public async Task IntroStart_ClickedTwiceOrOnTwoCopies_StartsOneAssessmentAndResumesIt()
    {
        var alice = _bot.User("Alice");
        var first = (await alice.SayAsync("assess community safety partnership")).Card!;
        var second = (await alice.SayAsync("assess community safety partnership")).Card!;

        var question = await alice.ClickAsync(first, "Start");
        var answered = await alice.ClickAsync(question, "Next", new Dictionary<string, string> { ["rating"] = "Yes" });
        var again = await alice.ClickAsync(first, "Start");
        var copy = await alice.ClickAsync(second, "Start");

        var draft = Assert.Single(await DraftsOfAsync(Safety.Id));
        Assert.All(new[] { question, answered, again, copy }, c => Assert.Equal(draft.Id, StepCard.DraftId(c)));
        // The answer given is kept: both late Starts open the assessment where it is, at question 2.
        Assert.Contains("Question 2 of 67", CardInspector.AllText(again));
        Assert.Contains("Question 2 of 67", CardInspector.AllText(copy));
    }

    [Fact]
    public async Task IntroStart_AfterAnAssessmentWasClosedSinceItWasShown_ShowsTheIntroductionAgainSayingSo()
    {
        var alice = _bot.User("Alice");
        var old = (await alice.SayAsync("assess community safety partnership")).Card!;
        await alice.AssessAsync("assess community safety partnership");
        _time.Advance(TimeSpan.FromMinutes(5));
        var confirm = (await alice.SayAsync("cancel")).Card!;
        await alice.ClickAsync(confirm, "Yes, cancel the draft");

        var card = await alice.ClickAsync(old, "Start");

        Assert.Contains("Since this card was shown, Alice's assessment of this partnership was cancelled (20 March 2026, 09:05)", CardInspector.AllText(card));
        Assert.Equal(["Start", "Cancel"], CardInspector.ButtonTitles(card));
        Assert.Equal(DraftStatus.Cancelled, Assert.Single(await DraftsOfAsync(Safety.Id)).Status);
        // The introduction shown again is current: its Start begins a new assessment.
        Assert.Contains("Question 1 of 67", CardInspector.AllText(await alice.ClickAsync(card, "Start")));
        Assert.Equal(2, (await DraftsOfAsync(Safety.Id)).Count);
    }

    [Fact]
    public async Task IntroStart_ByNeitherLeadNorPpmOnTheLeadsCard_IsNotAllowedAndStartsNothing()
    {
        var intro = (await _bot.User("Alice").SayAsync("assess community safety partnership")).Card!;

        // Dave leads another partnership; the card's data names Alice's. Who may start is decided from his aadObjectId.
        var card = await _bot.User("Dave").ClickAsync(intro, "Start");

        Assert.Equal("Not allowed", CardInspector.Texts(card)[0]);
        Assert.Empty(await DraftsOfAsync(Safety.Id));
    }

    [Fact]
    public async Task WelcomeButton_LeadOfOnePartnership_IntroductionComesAsANewMessageAndTheMenuStays()
    {
        var dave = _bot.User("Dave");

        var (intro, inPlace) = await dave.ClickShownAsync((await dave.SayAsync("help")).Card!, "Hallmark self-assessment");

        Assert.False(inPlace);
        Assert.Contains("Health and Wellbeing Board", CardInspector.AllText(intro));
        Assert.Equal(["Start", "Cancel"], CardInspector.ButtonTitles(intro));
        Assert.Empty(await DraftsOfAsync(Health.Id));
    }

    [Fact]
    public async Task AssessDismiss_ForgedForAPartnershipNotTheirs_NamesNothingAndChangesNothing()
    {
        var card = await _bot.User("Bob").InvokeAsync(CardVerbs.AssessDismiss, new JsonObject { ["partnershipId"] = Safety.Id });

        Assert.Equal("Assessment not started", CardInspector.Texts(card)[0]);
        Assert.DoesNotContain("Community Safety", CardInspector.AllText(card));
        Assert.Empty(await DraftsOfAsync(Safety.Id));
    }
}
