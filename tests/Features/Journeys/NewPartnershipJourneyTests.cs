using System.Text.Json.Nodes;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Journeys;

/// <summary>The new-partnership journey as officers live it, through the real HTTP pipeline and LiteDB (or PostgreSQL).</summary>
public class NewPartnershipJourneyTests : IAsyncLifetime
{
    /// <summary>Where the bot stores its data; the …OnPostgreSql subclass runs the same dialogues on PostgreSQL.</summary>
    protected virtual BotStorage Storage => BotStorage.LiteDb;

    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(o => o.Storage = Storage);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<JsonObject> StartAsync(TeamsUser user) => (await user.SayAsync("new partnership")).Card!;

    private Task<Draft?> StoredAsync(string draftId) => _bot.Get<IDraftStore>().GetAsync(draftId, default);

    /// <summary>Answers the open question with valid values (and <paramref name="overrides"/>), returning the next card.</summary>
    private static Task<JsonObject> AnswerAsync(TeamsUser user, JsonObject card, IDictionary<string, string>? overrides = null)
    {
        var answers = StepCard.ValidAnswers(card);
        foreach (var (k, v) in overrides ?? new Dictionary<string, string>())
        {
            answers[k] = v;
        }

        return user.ClickAsync(card, "Next", answers);
    }

    private static async Task<JsonObject> AnswerAllAsync(TeamsUser user, JsonObject card)
    {
        for (var guard = 0; StepCard.IsQuestion(card); guard++)
        {
            Assert.True(guard < 100, "The journey never reached the review.");
            card = await AnswerAsync(user, card);
        }

        return card;
    }

    [Fact]
    public async Task HappyPath_EveryStepAnsweredThenSubmit_StoresAFrozenSubmission()
    {
        var alice = _bot.User("Alice");
        var card = await StartAsync(alice);
        var draftId = StepCard.DraftId(card);
        Assert.Contains("Part 1 of 4 · About the partnership · 1 of 4", CardInspector.AllText(card));

        var review = await AnswerAllAsync(alice, card);
        Assert.True(StepCard.IsReview(review));
        Assert.Contains("Submit", CardInspector.ButtonTitles(review));

        var submitted = await alice.ClickAsync(review, "Submit");
        Assert.Contains("NP-" + draftId[..6].ToUpperInvariant(), CardInspector.AllText(submitted));

        var stored = await StoredAsync(draftId);
        var definition = _bot.Get<QuestionnaireCatalog>().Get(QuestionnaireIds.NewPartnership);
        Assert.Equal(DraftStatus.Submitted, stored!.Status);
        Assert.Equal(definition.Steps.Count, stored.Answers.Count);
        Assert.All(stored.Answers.Values, a => Assert.Equal(definition.Version, a.QuestionnaireVersion));
        Assert.Equal("Answer for name", stored.Title);

        // Frozen: a click on the last question card changes nothing.
        var late = await alice.InvokeAsync("step.next", new JsonObject { ["verb"] = "step.next", ["draftId"] = draftId, ["revision"] = stored.Revision, ["stepId"] = "risks" });
        Assert.Contains("Already submitted", CardInspector.AllText(late));
        Assert.Equal(stored.Revision, (await StoredAsync(draftId))!.Revision);
    }

    [Fact]
    public async Task Submit_WhileRequiredAnswersMissing_IsRefusedAndNothingIsSubmitted()
    {
        var alice = _bot.User("Alice");
        var card = await AnswerAsync(alice, await StartAsync(alice));
        var draftId = StepCard.DraftId(card);
        var revision = (await StoredAsync(draftId))!.Revision;
        var shown = await alice.InvokeAsync("review.submit", new JsonObject { ["verb"] = "review.submit", ["draftId"] = draftId, ["revision"] = revision });
        Assert.DoesNotContain("NP-", CardInspector.AllText(shown));
        Assert.Equal(DraftStatus.InProgress, (await StoredAsync(draftId))!.Status);
    }

    [Fact]
    public async Task LeadOfficer_DefaultsToTheUser()
    {
        var alice = _bot.User("Alice Smith");
        var second = await AnswerAsync(alice, await StartAsync(alice));
        Assert.Equal("lead-officer", StepCard.StepId(second));
        Assert.Equal("Alice Smith", StepCard.Prefilled(second, "leadOfficer"));
    }

    [Fact]
    public async Task Back_ShowsPreviousQuestionWithSavedAnswer_AndNextKeepsPlace()
    {
        var alice = _bot.User("Alice");
        var first = await StartAsync(alice);
        var second = await AnswerAsync(alice, first, new Dictionary<string, string> { ["name"] = "Rochford Food Partnership" });
        var back = await alice.ClickAsync(second, "Back");
        Assert.Equal("partnership-name", StepCard.StepId(back));
        Assert.Equal("Rochford Food Partnership", StepCard.Prefilled(back, "name"));
    }

    [Fact]
    public async Task Skip_OptionalStep_RecordsSkipAndMovesOn_RequiredStepOffersNoSkip()
    {
        var alice = _bot.User("Alice");
        var card = await StartAsync(alice);
        Assert.DoesNotContain("Skip", CardInspector.ButtonTitles(card));
        while (StepCard.StepId(card) != "background")
        {
            card = await AnswerAsync(alice, card);
        }

        var next = await alice.ClickAsync(card, "Skip");
        Assert.NotEqual("background", StepCard.StepId(next));
        var stored = await StoredAsync(StepCard.DraftId(next));
        Assert.True(stored!.AnswerTo("background")!.Skipped);
    }

    [Fact]
    public async Task EditFromReview_ChangesAnswer_KeepsPreviousInHistory_ReturnsToReview()
    {
        var alice = _bot.User("Alice");
        var review = await AnswerAllAsync(alice, await StartAsync(alice));
        review = await alice.ClickAsync(review, "Show"); // the review shows one part at a time: the first part
        var edit = CardInspector.FindExecuteAction(review, "Edit: Partnership name")!; // the first question: the partnership's name
        var step = await alice.InvokeAsync("review.edit", edit["data"]!.DeepClone().AsObject());
        Assert.Equal("partnership-name", StepCard.StepId(step));
        var back = await AnswerAsync(alice, step, new Dictionary<string, string> { ["name"] = "Renamed Partnership" });
        Assert.True(StepCard.IsReview(back));
        Assert.Contains("Renamed Partnership", CardInspector.AllText(back));

        var stored = await StoredAsync(StepCard.DraftId(back));
        var edits = stored!.History.Where(h => h.StepId == "partnership-name").ToList();
        Assert.Equal(2, edits.Count);
        Assert.Equal("Answer for name", edits[1].OldValue("name"));
        Assert.Equal(alice.AadObjectId, edits[1].By.Id);
    }

    [Fact]
    public async Task SaveAndExit_ThenResume_ContinuesAtTheSameStep()
    {
        var alice = _bot.User("Alice");
        var card = await StartAsync(alice);
        for (var i = 0; i < 3; i++)
        {
            card = await AnswerAsync(alice, card);
        }

        var stepId = StepCard.StepId(card);
        var menu = await alice.ClickAsync(card, "Save and exit");
        Assert.Contains("Resume", CardInspector.ButtonTitles(menu));

        // Once saved and exited, typed text is not taken as an answer.
        var help = await alice.SayAsync("what now?");
        Assert.Contains("New partnership", help.Shown);

        var resumed = (await alice.SayAsync("resume")).Card!;
        Assert.Equal(stepId, StepCard.StepId(resumed));
    }

    [Fact]
    public async Task Restart_MidJourney_ResumesAtSameStepWithEveryAnswer()
    {
        var alice = _bot.User("Alice");
        var card = await StartAsync(alice);
        for (var i = 0; i < 5; i++)
        {
            card = await AnswerAsync(alice, card);
        }

        var stepId = StepCard.StepId(card);
        var draftId = StepCard.DraftId(card);
        await _bot.RestartAsync();

        var resumed = (await alice.SayAsync("resume")).Card!;
        Assert.Equal(stepId, StepCard.StepId(resumed));
        var stored = await StoredAsync(draftId);
        Assert.Equal(5, stored!.Answers.Count);

        // And the open question still takes a typed answer after the restart.
        var typed = await alice.SayAsync("Typed after restart");
        Assert.NotNull(typed.Card);
    }

    [Fact]
    public async Task TwoOfficers_Interleaving_DoNotInterfere()
    {
        var alice = _bot.User("Alice");
        var bob = _bot.User("Bob");
        var a = await StartAsync(alice);
        var b = await StartAsync(bob);
        a = await AnswerAsync(alice, a, new Dictionary<string, string> { ["name"] = "Alice's partnership" });
        b = await AnswerAsync(bob, b, new Dictionary<string, string> { ["name"] = "Bob's partnership" });
        a = await AnswerAsync(alice, a);
        b = await AnswerAsync(bob, b);

        var aliceDraft = await StoredAsync(StepCard.DraftId(a));
        var bobDraft = await StoredAsync(StepCard.DraftId(b));
        Assert.Equal("Alice's partnership", aliceDraft!.Title);
        Assert.Equal("Bob's partnership", bobDraft!.Title);
        Assert.Equal(alice.AadObjectId, aliceDraft.OwnerId);
        Assert.Equal(bob.AadObjectId, bobDraft.OwnerId);
    }

    [Fact]
    public async Task StaleCardClick_DoesNotOverwriteNewerAnswer()
    {
        var alice = _bot.User("Alice");
        var first = await StartAsync(alice);
        var second = await AnswerAsync(alice, first, new Dictionary<string, string> { ["name"] = "Current name" });

        var shown = await AnswerAsync(alice, first, new Dictionary<string, string> { ["name"] = "Old card name" });
        Assert.Contains(JourneyHandler.StaleMessage, CardInspector.AllText(shown));
        Assert.Equal(StepCard.StepId(second), StepCard.StepId(shown));
        var stored = await StoredAsync(StepCard.DraftId(first));
        Assert.Equal("Current name", stored!.AnswerTo("partnership-name")!.Value("name"));
    }

    [Fact]
    public async Task AnotherUsersDraft_CannotBeSeenOrChanged()
    {
        var alice = _bot.User("Alice");
        var card = await StartAsync(alice);
        var draftId = StepCard.DraftId(card);
        var before = await StoredAsync(draftId);

        var mallory = _bot.User("Mallory");
        var next = CardInspector.FindExecuteAction(card, "Next")!["data"]!.DeepClone().AsObject();
        next["name"] = "Hijacked";
        var answer = await mallory.InvokeAsync("step.next", next);
        Assert.Contains("Not allowed", CardInspector.AllText(answer));
        Assert.DoesNotContain("Question 1", CardInspector.AllText(answer));
        var resume = await mallory.InvokeAsync("draft.resume", new JsonObject { ["verb"] = "draft.resume", ["draftId"] = draftId });
        Assert.Contains("Not allowed", CardInspector.AllText(resume));

        var after = await StoredAsync(draftId);
        Assert.Equal(before!.Revision, after!.Revision);
        Assert.Empty(after.Answers);
    }

    [Fact]
    public async Task EmptyRequiredAnswer_ShowsMessage_AndSavesNothing()
    {
        var alice = _bot.User("Alice");
        var card = await StartAsync(alice);
        var again = await AnswerAsync(alice, card, new Dictionary<string, string> { ["name"] = "   " });
        Assert.Equal("partnership-name", StepCard.StepId(again));
        Assert.Contains("Please check", CardInspector.AllText(again));
        Assert.Empty((await StoredAsync(StepCard.DraftId(card)))!.Answers);
    }

    [Fact]
    public async Task OverLongAnswer_ShowsMessage_AndKeepsWhatWasTypedOnTheCard()
    {
        var alice = _bot.User("Alice");
        var card = await StartAsync(alice);
        while (StepCard.StepId(card) != "main-partners")
        {
            card = await AnswerAsync(alice, card);
        }

        var tooLong = new string('p', 4001);
        var again = await AnswerAsync(alice, card, new Dictionary<string, string> { ["answer"] = tooLong });
        Assert.Equal("main-partners", StepCard.StepId(again));
        Assert.Contains("4,001 characters, the limit is 4,000", CardInspector.AllText(again));
        Assert.Equal(tooLong, StepCard.Prefilled(again, "answer"));
    }

    [Fact]
    public async Task BadDate_ShowsMessage()
    {
        var alice = _bot.User("Alice");
        var card = await StartAsync(alice);
        while (StepCard.StepId(card) != "start-date")
        {
            card = await AnswerAsync(alice, card);
        }

        var again = await AnswerAsync(alice, card, new Dictionary<string, string> { ["startDate"] = "31/02/2027" });
        Assert.Equal("start-date", StepCard.StepId(again));
        Assert.Contains("Please check", CardInspector.AllText(again));
    }

    [Theory]
    [InlineData("likelihood", "6")]
    [InlineData("impact", "0")]
    [InlineData("likelihood", "three")]
    public async Task RiskScoreOutsideOneToFive_ShowsMessage_AndAddsNoRisk(string field, string value)
    {
        var alice = _bot.User("Alice");
        var card = await StartAsync(alice);
        while (StepCard.StepId(card) != "risks")
        {
            card = await AnswerAsync(alice, card);
        }

        var again = await AnswerAsync(alice, card, new Dictionary<string, string> { [field] = value });
        Assert.Equal("risks", StepCard.StepId(again));
        Assert.Contains("Please check", CardInspector.AllText(again));
        Assert.Null((await StoredAsync(StepCard.DraftId(card)))!.AnswerTo("risks"));
    }

    [Fact]
    public async Task RiskStep_AddAnother_KeepsEachRiskAndStaysOnTheStep()
    {
        var alice = _bot.User("Alice");
        var card = await StartAsync(alice);
        while (StepCard.StepId(card) != "risks")
        {
            card = await AnswerAsync(alice, card);
        }

        var answers = StepCard.ValidAnswers(card);
        answers["description"] = "Partner withdraws funding";
        var again = await alice.ClickAsync(card, "Add another", answers);
        Assert.Equal("risks", StepCard.StepId(again));
        Assert.Contains("Partner withdraws funding", CardInspector.AllText(again));
        var review = await AnswerAsync(alice, again, new Dictionary<string, string> { ["description"] = "Second risk" });
        Assert.True(StepCard.IsReview(review));
        Assert.Equal(2, (await StoredAsync(StepCard.DraftId(card)))!.AnswerTo("risks")!.Items.Count);
    }

    [Fact]
    public async Task TypedMessage_WhileQuestionOpen_IsTheAnswer()
    {
        var alice = _bot.User("Alice");
        var card = await StartAsync(alice);
        var reply = await alice.SayAsync("Castle Point and Rochford Food Network");
        Assert.Equal("lead-officer", StepCard.StepId(reply.Card!));
        Assert.Equal("Castle Point and Rochford Food Network", (await StoredAsync(StepCard.DraftId(card)))!.Title);
    }

    [Fact]
    public async Task Cancel_AfterConfirmation_KeepsDraftAsCancelled()
    {
        var alice = _bot.User("Alice");
        var card = await AnswerAsync(alice, await StartAsync(alice));
        var confirm = (await alice.SayAsync("cancel")).Card!;
        var done = await alice.ClickAsync(confirm, "Yes, cancel the draft");
        Assert.Contains("cancelled", CardInspector.AllText(done));
        var stored = await StoredAsync(StepCard.DraftId(card));
        Assert.Equal(DraftStatus.Cancelled, stored!.Status);
        Assert.Single(stored.Answers);
    }

    [Fact]
    public async Task SeveralDrafts_AreListedOnTheMenuToResume()
    {
        var alice = _bot.User("Alice");
        await AnswerAsync(alice, await StartAsync(alice), new Dictionary<string, string> { ["name"] = "First idea" });
        await AnswerAsync(alice, await StartAsync(alice), new Dictionary<string, string> { ["name"] = "Second idea" });
        var menu = (await alice.SayAsync("resume")).Card!;
        var text = CardInspector.AllText(menu);
        Assert.Contains("First idea", text);
        Assert.Contains("Second idea", text);
        Assert.Equal(2, CardInspector.ButtonTitles(menu).Count(t => t == "Resume"));
    }
}
