using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Cards;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Hallmarks;

/// <summary>
/// Issue 18, item 18: an assessment left idle (no answer for Hallmarks:IdleAfter, here 10 days) does not lock the
/// partnership's lead officer or the PPM out: they may take it over or cancel it, and the assessor is told. Before
/// that only the assessor carries on. Through the real HTTP pipeline, with a fake clock to pass the idle period.
/// </summary>
public class HallmarkTakeOverTests : IAsyncLifetime
{
    private static readonly PartnershipRef Safety = new("p-csp", "Community Safety Partnership", "aad-alice");
    private static readonly PartnershipRef Health = new("p-health", "Health and Wellbeing Board", "aad-dave");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
    private BotHarness _bot = null!;

    // One TeamsUser per person for the whole test: activity ids count per instance, and a repeated id is a redelivery.
    private TeamsUser _alice = null!;
    private TeamsUser _pat = null!;

    /// <summary>Where the bot stores its data; the …OnPostgreSql subclass runs the same dialogues on PostgreSQL.</summary>
    protected virtual BotStorage Storage => BotStorage.LiteDb;

    public async Task InitializeAsync()
    {
        _bot = await BotHarness.StartAsync(o =>
        {
            o.Storage = Storage;
            o.Time = _time;
            o.Settings["Hallmarks:IdleAfter"] = "10.00:00:00";
            o.Services = services =>
            {
                services.RemoveAll<IPartnershipLookup>();
                services.AddSingleton<IPartnershipLookup>(new FakePartnershipLookup("aad-pat", Safety, Health));
            };
        });
        _alice = _bot.User("Alice");
        _pat = _bot.User("Pat");
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<Draft> DraftAsync() =>
        Assert.Single(await _bot.Get<IDraftStore>().ListBySubjectAsync(Safety.Id, default), d => d.Status == DraftStatus.InProgress);

    /// <summary>Alice starts assessing her partnership and answers the first three questions; returns her card at question 4.</summary>
    private async Task<JsonObject> AliceAnswersThreeAsync()
    {
        var card = await _alice.AssessAsync("assess community safety partnership");
        for (var i = 0; i < 3; i++)
        {
            card = await _alice.ClickAsync(card, "Next", new Dictionary<string, string> { ["rating"] = "Yes" });
        }

        return card;
    }

    [Fact]
    public async Task Assess_SomeoneElsesAssessmentBeforeTheIdlePeriod_SaysWhoAndSinceWhenAndOffersNoTakeOver()
    {
        await AliceAnswersThreeAsync();
        _time.Advance(TimeSpan.FromDays(9));

        var card = (await _pat.SayAsync("assess community safety partnership")).Card!;
        var text = CardInspector.AllText(card);

        Assert.Equal("Already being assessed", CardInspector.Texts(card)[0]);
        Assert.Contains("Alice has been assessing Community Safety Partnership since 20 March 2026, 09:00 (last answer 20 March 2026, 09:00)", text);
        Assert.Contains("If it is left with no answer for 10 days", text);
        Assert.DoesNotContain("Take over", CardInspector.ButtonTitles(card));
        Assert.Equal("aad-alice", (await DraftAsync()).OwnerId);
    }

    [Fact]
    public async Task Assess_IdleAssessmentByThePpm_OffersTakeOverAndCancelNamingTheAssessor()
    {
        await AliceAnswersThreeAsync();
        _time.Advance(TimeSpan.FromDays(10));

        var card = (await _pat.SayAsync("assess community safety partnership")).Card!;
        var text = CardInspector.AllText(card);

        Assert.Equal("Assessment left idle", CardInspector.Texts(card)[0]);
        Assert.Contains("Alice started assessing this partnership on 20 March 2026, 09:00 and has not answered since 20 March 2026, 09:00 (3 of 67 questions answered)", text);
        Assert.Equal(["Take over", "Cancel the assessment", "Leave it"], CardInspector.ButtonTitles(card));
    }

    [Fact]
    public async Task TakeOver_IdleAssessmentByThePpm_KeepsTheAnswersWithHistoryAndTellsTheAssessor()
    {
        var aliceCard = await AliceAnswersThreeAsync();
        var before = await DraftAsync();
        _time.Advance(TimeSpan.FromDays(12));
        
        var idle = (await _pat.SayAsync("assess community safety partnership")).Card!;

        var question = await _pat.ClickAsync(idle, "Take over");

        Assert.Contains("Question 4 of 67", CardInspector.AllText(question));
        var after = await DraftAsync();
        Assert.Equal((before.Id, "aad-pat", "Pat"), (after.Id, after.OwnerId, after.OwnerName));
        Assert.Equal(before.Answers.Keys.Order(), after.Answers.Keys.Order());
        Assert.All(after.Answers.Values, a => Assert.Equal(("aad-alice", "Yes"), (a.AnsweredBy.Id, a.Value("rating"))));
        var entry = after.History[^1];
        Assert.Equal((HistoryAction.TakenOver, "aad-pat", _time.GetUtcNow()), (entry.Action, entry.By.Id, entry.At));
        Assert.Equal(("aad-alice", "aad-pat"), (entry.OldValue(QuestionnaireEngine.OwnerIdChange), entry.Changes!.Single(c => c.Field == QuestionnaireEngine.OwnerIdChange).New));

        // Alice is told in chat; her old question card no longer changes the assessment.
        var told = Assert.Single(await _bot.Get<IOutboxStore>().ByTopicAsync($"hallmarks:{after.Id}", default));
        Assert.Equal((OutboxKind.ChatCard, "aad-alice"), (told.Kind, told.RecipientId));
        Assert.Contains("Pat took over your self-assessment of Community Safety Partnership on 1 April 2026, 10:00", told.Body);
        Assert.Contains("Your 3 of 67 questions answered are kept", told.Body);
        Assert.Contains("Your hallmark assessment was taken over", CardInspector.AllText(told.Payload));
        var stale = await _alice.ClickAsync(aliceCard, "Next", new Dictionary<string, string> { ["rating"] = "No" });
        Assert.Equal("Taken over", CardInspector.Texts(stale)[0]);
        Assert.Contains("Pat took over \"Hallmarks self-assessment: Community Safety Partnership\" on 1 April 2026, 10:00", CardInspector.AllText(stale));
        Assert.Null((await DraftAsync()).AnswerTo(StepCard.StepId(aliceCard)));

        // Pat carries on from question 4.
        var next = await _pat.ClickAsync(question, "Next", new Dictionary<string, string> { ["rating"] = "Partly" });
        Assert.Contains("Question 5 of 67", CardInspector.AllText(next));
    }

    [Fact]
    public async Task CancelAssessment_IdleAssessmentByTheLeadOfficer_KeepsItAsCancelledTellsTheAssessorAndFreesThePartnership()
    {
        // The PPM started it and left it; the lead officer finds it idle.
        
        var card = await _pat.AssessAsync("assess community safety partnership");
        await _pat.ClickAsync(card, "Next", new Dictionary<string, string> { ["rating"] = "No" });
        var started = await DraftAsync();
        _time.Advance(TimeSpan.FromDays(11));
        
        var idle = (await _alice.SayAsync("assess community safety partnership")).Card!;

        var done = await _alice.ClickAsync(idle, "Cancel the assessment");

        Assert.Equal("Assessment cancelled", CardInspector.Texts(done)[0]);
        Assert.Contains("Pat's assessment (started 20 March 2026, 09:00, 1 of 67 questions answered) is cancelled and kept", CardInspector.AllText(done));
        var cancelled = await _bot.Get<IDraftStore>().GetAsync(started.Id, default);
        Assert.Equal((DraftStatus.Cancelled, "aad-pat", 1), (cancelled!.Status, cancelled.OwnerId, cancelled.Answers.Count));
        Assert.Equal((HistoryAction.Cancelled, "aad-alice"), (cancelled.History[^1].Action, cancelled.History[^1].By.Id));
        var told = Assert.Single(await _bot.Get<IOutboxStore>().ByTopicAsync($"hallmarks:{started.Id}", default));
        Assert.Equal("aad-pat", told.RecipientId);
        Assert.Contains("Alice cancelled your self-assessment of Community Safety Partnership", told.Body);

        // Nothing is in progress now: the lead officer is offered a new assessment.
        Assert.Equal(["Start", "Cancel"], CardInspector.ButtonTitles((await _alice.SayAsync("assess community safety partnership")).Card!));
    }

    [Fact]
    public async Task TakeOver_AfterTheAssessorCameBack_IsRefusedSayingWhoIsAssessing()
    {
        var aliceCard = await AliceAnswersThreeAsync();
        _time.Advance(TimeSpan.FromDays(10));
        
        var idle = (await _pat.SayAsync("assess community safety partnership")).Card!;
        await _alice.ClickAsync(aliceCard, "Next", new Dictionary<string, string> { ["rating"] = "No" });

        var card = await _pat.ClickAsync(idle, "Take over");
        var cancel = await _pat.ClickAsync(idle, "Cancel the assessment");

        Assert.Equal("Already being assessed", CardInspector.Texts(card)[0]);
        Assert.Equal("Already being assessed", CardInspector.Texts(cancel)[0]);
        var draft = await DraftAsync();
        Assert.Equal(("aad-alice", 4), (draft.OwnerId, draft.Answers.Count));
        Assert.Empty(await _bot.Get<IOutboxStore>().ByTopicAsync($"hallmarks:{draft.Id}", default));
    }

    [Fact]
    public async Task TakeOver_ClickedTwice_TakesOverOnceAndResumes()
    {
        await AliceAnswersThreeAsync();
        _time.Advance(TimeSpan.FromDays(10));
        
        var idle = (await _pat.SayAsync("assess community safety partnership")).Card!;

        var first = await _pat.ClickAsync(idle, "Take over");
        var second = await _pat.ClickAsync(idle, "Take over");

        Assert.Equal(StepCard.DraftId(first), StepCard.DraftId(second));
        Assert.Contains("Question 4 of 67", CardInspector.AllText(second));
        var draft = await DraftAsync();
        Assert.Single(draft.History, h => h.Action == HistoryAction.TakenOver);
        Assert.Single(await _bot.Get<IOutboxStore>().ByTopicAsync($"hallmarks:{draft.Id}", default));
    }

    [Theory]
    [InlineData("Bob")]
    [InlineData("Dave")]
    public async Task TakeOver_ForgedByNeitherLeadOfficerNorPpm_IsNotAllowedAndChangesNothing(string who)
    {
        await AliceAnswersThreeAsync();
        var user = _bot.User(who);
        _time.Advance(TimeSpan.FromDays(15));
        var draft = await DraftAsync();
        var forged = new JsonObject { ["draftId"] = draft.Id, ["revision"] = draft.Revision };

        var takeOver = await user.InvokeAsync(CardVerbs.AssessTakeOver, forged);
        var cancel = await user.InvokeAsync(CardVerbs.AssessCancelIdle, forged.DeepClone().AsObject());

        Assert.Equal("Not allowed", CardInspector.Texts(takeOver)[0]);
        Assert.Equal("Not allowed", CardInspector.Texts(cancel)[0]);
        Assert.Equal((draft.Revision, "aad-alice", DraftStatus.InProgress), ((await DraftAsync()).Revision, (await DraftAsync()).OwnerId, (await DraftAsync()).Status));
    }

    [Fact]
    public async Task LeaveIt_OnTheIdleCard_ChangesNothingAndSaysSo()
    {
        await AliceAnswersThreeAsync();
        _time.Advance(TimeSpan.FromDays(10));
        var before = await DraftAsync();
        

        var card = await _pat.ClickAsync((await _pat.SayAsync("assess community safety partnership")).Card!, "Leave it");

        Assert.Equal("Nothing changed", CardInspector.Texts(card)[0]);
        Assert.Equal((before.Revision, "aad-alice"), ((await DraftAsync()).Revision, (await DraftAsync()).OwnerId));
    }
}
