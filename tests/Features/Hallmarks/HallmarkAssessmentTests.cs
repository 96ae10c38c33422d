using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Hallmarks;

/// <summary>The hallmark self-assessment as officers live it, through the real HTTP pipeline, journey engine and LiteDB (or PostgreSQL).</summary>
public partial class HallmarkAssessmentTests : IAsyncLifetime
{
    /// <summary>Where the bot stores its data; the …OnPostgreSql subclass runs the same dialogues on PostgreSQL.</summary>
    protected virtual BotStorage Storage => BotStorage.LiteDb;

    private static readonly PartnershipRef Safety = new("p-csp", "Community Safety Partnership", "aad-alice");
    private static readonly PartnershipRef Roads = new("p-roads", "Safer Roads Partnership", "aad-alice");
    private static readonly PartnershipRef Health = new("p-health", "Health and Wellbeing Board", "aad-dave");
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(o =>
    {
        o.Storage = Storage;
        o.Time = _time;
        o.Services = services =>
        {
            services.RemoveAll<IPartnershipLookup>();
            services.AddSingleton<IPartnershipLookup>(new FakePartnershipLookup("aad-pat", Safety, Roads, Health));
        };
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private QuestionnaireDefinition Hallmarks => _bot.Get<QuestionnaireCatalog>().Get(QuestionnaireIds.Hallmarks);

    private static Task<JsonObject> AnswerAsync(TeamsUser user, JsonObject card, string rating, string action = "") =>
        user.ClickAsync(card, "Next", new Dictionary<string, string> { ["rating"] = rating, ["actionWhat"] = action });

    /// <summary>Answers every open question with what <paramref name="rating"/> gives for its hallmark; returns the review card.</summary>
    private async Task<JsonObject> AnswerAllAsync(TeamsUser user, JsonObject card, Func<string, string> rating, List<string>? progressTexts = null)
    {
        for (var guard = 0; StepCard.IsQuestion(card); guard++)
        {
            Assert.True(guard < 100, "The assessment never reached the review.");
            progressTexts?.AddRange(CardInspector.Texts(card));
            var group = Hallmarks.FindStep(StepCard.StepId(card))!.Group!;
            card = await AnswerAsync(user, card, rating(group), rating(group) == "Partly" ? "Agree a data-sharing protocol" : "");
        }

        return card;
    }

    private static JsonObject? Image(JsonObject card) =>
        card["body"]!.AsArray().OfType<JsonObject>().FirstOrDefault(e => e["type"]?.GetValue<string>() == "Image");

    [GeneratedRegex(@"^(?<group>.+): question (?<n>\d+) of (?<total>\d+)$")]
    private static partial Regex GroupProgress();

    [Fact]
    public async Task FullAssessment_AnsweredAndSubmitted_ShowsScoresChartPlanAndNotifiesPpmNotTheAssessorAgain()
    {
        var alice = _bot.User("Alice");
        var card = await alice.AssessAsync("assess community safety partnership");
        Assert.Contains("Question 1 of 67", CardInspector.AllText(card));
        var draftId = StepCard.DraftId(card);

        var review = await AnswerAllAsync(alice, card, group => group switch
        {
            "intelligence" => "Partly",
            "delivery" => "No",
            "communities" => "Not applicable",
            _ => "Yes",
        });

        // The review has a line per hallmark (67 questions would not fit a card) and the answers of one of them, each
        // with an Edit button: the hallmark answered last, with a Show button for each of the other five.
        Assert.True(StepCard.IsReview(review));
        Assert.Equal(16, CardInspector.ButtonTitles(review).Count(t => t.StartsWith("Edit: ", StringComparison.Ordinal)));
        Assert.Equal(5, CardInspector.ButtonTitles(review).Count(t => t == "Show"));
        Assert.True(review.ToJsonString().Length < 40 * 1024);
        Assert.Contains("14 of 14 answered: Yes 14", CardInspector.AllText(review));

        var results = await alice.ClickAsync(review, "Submit");
        var text = CardInspector.AllText(results);

        // Leadership 28/28, intelligence 16/32, delivery 0/12, communities all N/A, accountability 18/18, skills 32/32: 94/122.
        Assert.Contains("77%", text);
        Assert.Contains("Overall rating: Strong", text);
        Assert.Contains("50%", text);
        Assert.Contains("Rating: Developing", text);
        Assert.Contains("0%", text);
        Assert.Contains("Rating: Weak", text);
        Assert.Contains("Rating: Not assessed", text);
        Assert.Contains("First assessment", text);
        // 16 Partly + 6 No: the card shows the first few, says how many there are and offers the whole plan.
        var shownCount = Regex.Matches(text, "Answered (Partly|No)\\.").Count;
        Assert.InRange(shownCount, 5, HallmarkResults.MaxImprovementsShown);
        Assert.Contains($"Improvement plan: 22 items, the first {shownCount} shown here", text);
        Assert.Contains("Show full improvement plan", CardInspector.ButtonTitles(results));
        Assert.Contains("Action: Agree a data-sharing protocol.", text);

        var image = Image(results)!;
        var url = image["url"]!.GetValue<string>();
        Assert.StartsWith("data:image/png;base64,", url);
        Assert.True(url.Length < 24 * 1024, $"The chart is {url.Length} bytes.");
        Assert.Equal(PngSignature, Convert.FromBase64String(url["data:image/png;base64,".Length..])[..8]);
        Assert.Contains("Engaged Communities Not assessed", image["altText"]!.GetValue<string>());

        var stored = await _bot.Get<IDraftStore>().GetAsync(draftId, default);
        Assert.Equal((DraftStatus.Submitted, "p-csp"), (stored!.Status, stored.SubjectId));
        // A summary for the PPM, stored in the outbox for delivery; the lead officer assessed it herself and already
        // has the results card, so it is not posted to her a second time.
        var outbox = _bot.Get<IOutboxStore>();
        Assert.Null(await outbox.FindAsync($"hallmarks:{draftId}:aad-alice", default));
        foreach (var recipient in new[] { "aad-pat" })
        {
            var message = await outbox.FindAsync($"hallmarks:{draftId}:{recipient}", default);
            Assert.Equal((OutboxKind.ChatCard, recipient), (message!.Kind, message.RecipientId));
            Assert.Contains("Overall 77% (Strong)", message.Body);
            Assert.Equal(16 + 6, Regex.Matches(message.Body!, "Answered (Partly|No)\\.").Count);
        }

        // The Audit Committee report reads the same stored answers; the not-assessed hallmark is left out, not 0%.
        var latest = await _bot.Get<PartnershipBot.Features.AuditReport.IHallmarkScores>().LatestAsync("p-csp", default);
        Assert.Equal(new DateOnly(2026, 3, 20), latest!.AssessedOn);
        Assert.Equal([("Empowered and Effective Leadership", "100%"), ("Intelligence-led Business Processes", "50%"), ("Effective and Responsive Delivery Systems", "0%"),
            ("Visible and Constructive Accountability", "100%"), ("Appropriate Skills and Knowledge", "100%")], latest.Scores.Select(h => (h.Hallmark, h.Text)));
    }

    [Fact]
    public async Task StepCards_WholeAssessment_ShowTheQuestionCountOfEachHallmark()
    {
        var alice = _bot.User("Alice");
        var texts = new List<string>();

        await AnswerAllAsync(alice, await alice.AssessAsync("assess Community Safety Partnership"), _ => "Yes", texts);

        var seen = texts.Select(t => GroupProgress().Match(t)).Where(m => m.Success)
            .GroupBy(m => m.Groups["group"].Value)
            .ToDictionary(g => g.Key, g => (Asked: g.Count(), Total: int.Parse(g.First().Groups["total"].Value)));
        Assert.Equal(
            [("Empowered and Effective Leadership", 14), ("Intelligence-led Business Processes", 16), ("Effective and Responsive Delivery Systems", 6),
             ("Engaged Communities", 6), ("Visible and Constructive Accountability", 9), ("Appropriate Skills and Knowledge", 16)],
            seen.Select(kv => (kv.Key, kv.Value.Total)));
        Assert.All(seen.Values, v => Assert.Equal(v.Total, v.Asked));
        Assert.Equal(67, seen.Values.Sum(v => v.Asked));
    }

    [Fact]
    public async Task SkipHallmark_Confirmed_RecordsItsQuestionsAsSkippedNotNotApplicable()
    {
        var alice = _bot.User("Alice");
        var first = await alice.AssessAsync("assess community safety partnership");
        var second = await AnswerAsync(alice, first, "No");

        var confirm = await alice.ClickAsync(second, "Skip this hallmark");
        Assert.Contains("13 unanswered questions", CardInspector.AllText(confirm));
        Assert.Contains("recorded as skipped", CardInspector.AllText(confirm));
        var next = await alice.ClickAsync(confirm, "Yes, skip it");

        Assert.Contains("Intelligence-led Business Processes: question 1 of 16", CardInspector.AllText(next));
        var review = await AnswerAllAsync(alice, next, _ => "Yes");
        var text = CardInspector.AllText(await alice.ClickAsync(review, "Submit"));

        // One No and thirteen skipped: leadership is scored on the one question answered; none is "Not applicable".
        Assert.Contains("Empowered and Effective Leadership\n0%\nRating: Weak", text);
        var stored = (await _bot.Get<IDraftStore>().ListBySubjectAsync("p-csp", default)).Single();
        Assert.Equal(13, Hallmarks.StepsIn("leadership").Count(s => stored.AnswerTo(s.Id) is { Skipped: true }));
        Assert.DoesNotContain(Hallmarks.StepsIn("leadership"), s => stored.AnswerTo(s.Id)?.Value("rating") == "Not applicable");
    }

    [Fact]
    public async Task SkipHallmark_FromItsFirstQuestion_ShowsNotAssessedNeverZero()
    {
        var alice = _bot.User("Alice");
        var first = await alice.AssessAsync("assess community safety partnership");

        var next = await alice.ClickAsync(await alice.ClickAsync(first, "Skip this hallmark"), "Yes, skip it");
        var review = await AnswerAllAsync(alice, next, _ => "Partly");
        var results = await alice.ClickAsync(review, "Submit");
        var text = CardInspector.AllText(results);

        // 53 Partly answers: the card still fits (the improvement plan is capped), so the results are shown.
        Assert.True(results.ToJsonString().Length < 40_000);
        Assert.Contains("Empowered and Effective Leadership\nSkipped\nRating: Skipped", text);
        Assert.Contains("Overall\n50%", text);
        // Stored with the assessment: the skipped hallmark by number, apart from the scores of the others.
        var summary = Assert.Single(await _bot.Get<IAssessmentSummaryStore>().OfPartnershipAsync("p-csp", default));
        Assert.Equal([1], summary.SkippedHallmarks);
        Assert.Equal((null, 50), (summary.Score().Hallmarks[0].Percent, summary.Score().Overall.Percent));
        // The Audit Committee report's scores say skipped too: neither left out as not assessed nor 0%.
        var latest = await _bot.Get<PartnershipBot.Features.AuditReport.IHallmarkScores>().LatestAsync("p-csp", default);
        Assert.Equal(("Empowered and Effective Leadership", "skipped"), (latest!.Scores[0].Hallmark, latest.Scores[0].Text));
        Assert.StartsWith("Empowered and Effective Leadership skipped; Intelligence-led Business Processes 50%", PartnershipBot.Features.AuditReport.AuditReportBuilder.Describe(latest));
    }

    [Fact]
    public async Task SecondAssessment_OfTheSamePartnership_ShowsTheChangePerHallmark()
    {
        var alice = _bot.User("Alice");
        var review = await AnswerAllAsync(alice, await alice.AssessAsync("assess community safety partnership"), _ => "Yes");
        await alice.ClickAsync(review, "Submit");

        // Alice assessed it herself: the results card in front of her is the only copy (no second one from the outbox).
        Assert.Null(await _bot.Get<IOutboxStore>().FindAsync($"hallmarks:{StepCard.DraftId(review)}:aad-alice", default));

        _time.Advance(TimeSpan.FromDays(365));
        var again = await alice.AssessAsync("assess community safety partnership");
        Assert.Contains("Question 1 of 67", CardInspector.AllText(again));
        review = await AnswerAllAsync(alice, again, group => group == "leadership" ? "Partly" : group == "skills" ? "Not applicable" : "Yes");
        var results = await alice.ClickAsync(review, "Submit");
        var text = CardInspector.AllText(results);

        Assert.Contains("Down 50 points since 20 March 2026", text);
        Assert.Contains("Not assessed this time", text);
        Assert.Equal(4, Regex.Matches(text, "No change since 20 March 2026").Count);
        Assert.Contains("100% (previous 100%)", text);
        Assert.Contains("50% (previous 100%)", text);
        Assert.Contains("this assessment beside the previous one", Image(results)!["altText"]!.GetValue<string>());
    }

    [Fact]
    public async Task Assessment_InProgress_SurvivesARestartAndResumes()
    {
        var alice = _bot.User("Alice");
        var card = await alice.AssessAsync("assess community safety partnership");
        var draftId = StepCard.DraftId(card);
        for (var i = 0; i < 3; i++)
        {
            card = await AnswerAsync(alice, card, "Yes");
        }

        await _bot.RestartAsync();
        var resumed = (await alice.SayAsync("assess community safety partnership")).Card!;

        Assert.Equal(draftId, StepCard.DraftId(resumed));
        Assert.Contains("Question 4 of 67", CardInspector.AllText(resumed));
        Assert.Contains("Question 5 of 67", CardInspector.AllText(await AnswerAsync(alice, resumed, "No")));
    }

    [Fact]
    public async Task Assess_ByNeitherLeadNorPpm_IsNotAllowedAndStartsNothing()
    {
        var bob = _bot.User("Bob");

        var call = await bob.SayAsync("assess community safety partnership");

        Assert.Contains("Not allowed", CardInspector.AllText(call.Card));
        Assert.Empty(await _bot.Get<IDraftStore>().ListBySubjectAsync("p-csp", default));
    }

    [Fact]
    public async Task Assess_WhileSomeoneElseIsAssessing_SaysWhoAndSinceWhenAndStartsNothing()
    {
        var alice = _bot.User("Alice");
        var pat = _bot.User("Pat");
        await alice.AssessAsync("assess community safety partnership");
        _time.Advance(TimeSpan.FromHours(2));

        var text = CardInspector.AllText((await pat.SayAsync("assess Community Safety Partnership")).Card);

        Assert.Contains("Already being assessed", text);
        Assert.Contains("Alice has been assessing Community Safety Partnership since 20 March 2026, 09:00", text);
        Assert.Single(await _bot.Get<IDraftStore>().ListBySubjectAsync("p-csp", default));
        Assert.Empty(await _bot.Get<IDraftStore>().ListByOwnerAsync("aad-pat", default));

        // The PPM may assess any partnership that nobody else is assessing.
        Assert.Contains("Question 1 of 67", CardInspector.AllText(await pat.AssessAsync("assess health and wellbeing board")));
    }

    [Fact]
    public async Task StartAsync_TwoPeopleAtOnce_OnlyOneDraftIsStartedAndBothGetIt()
    {
        var store = _bot.Get<IAssessmentStore>();
        var now = _time.GetUtcNow();
        var drafts = Enumerable.Range(0, 8)
            .Select(i => QuestionnaireEngine.Start(Hallmarks, $"aad-user{i}", $"User {i}", "p-csp", now, $"draft{i}"))
            .ToList();

        var started = await Task.WhenAll(drafts.Select(d => Task.Run(() => store.StartAsync(d, default))));

        Assert.Single(started.Select(d => d.Id).Distinct());
        Assert.Single(await _bot.Get<IDraftStore>().ListBySubjectAsync("p-csp", default));
    }

    [Fact]
    public async Task Assess_AmbiguousName_ListsTheMatchesToChooseFrom()
    {
        var text = CardInspector.AllText((await _bot.User("Alice").SayAsync("assess partnership")).Card);

        Assert.Contains("Which partnership?", text);
        Assert.Contains("2 partnerships you may assess match what you typed", text);
        Assert.Contains("Community Safety Partnership", text);
        Assert.Contains("Safer Roads Partnership", text);
    }

    [Fact]
    public async Task WelcomeButton_LeadOfOnePartnership_IntroducesItsAssessmentAndStartBeginsIt()
    {
        var dave = _bot.User("Dave");
        var welcome = (await dave.SayAsync("help")).Card!;

        var intro = await dave.ClickAsync(welcome, "Hallmark self-assessment");
        Assert.Contains("Health and Wellbeing Board", CardInspector.AllText(intro));
        var card = await dave.StartFromIntroAsync(intro);

        Assert.Contains("Empowered and Effective Leadership: question 1 of 14", CardInspector.AllText(card));
        Assert.Equal("p-health", (await _bot.Get<IDraftStore>().GetAsync(StepCard.DraftId(card), default))!.SubjectId);
    }

    [Fact]
    public async Task WelcomeButton_LeadOfTwoPartnerships_AsksWhichOne()
    {
        var alice = _bot.User("Alice");

        var card = await alice.ClickAsync((await alice.SayAsync("help")).Card!, "Hallmark self-assessment");

        Assert.Contains("Community Safety Partnership", CardInspector.AllText(card));
        Assert.Contains("Safer Roads Partnership", CardInspector.AllText(card));
        Assert.DoesNotContain("Health and Wellbeing Board", CardInspector.AllText(card));
    }
}
