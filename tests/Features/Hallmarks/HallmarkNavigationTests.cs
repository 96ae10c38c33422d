using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnershipBot.Cards;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Hallmarks;

/// <summary>
/// Getting around an assessment through the HTTP pipeline: choosing the partnership, editing any single answer from
/// the review, and reading the whole improvement plan; with the worst-case card sizes.
/// </summary>
public sealed class HallmarkNavigationTests : IAsyncLifetime
{
    private static readonly PartnershipRef Safety = new("p-csp", "Community Safety Partnership", "aad-alice");
    private static readonly PartnershipRef Roads = new("p-roads", "Safer Roads Partnership", "aad-alice");
    private static readonly PartnershipRef Health = new("p-health", "Health and Wellbeing Board", "aad-dave");

    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await StartAsync(Safety, Roads, Health);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static Task<BotHarness> StartAsync(params PartnershipRef[] partnerships) => BotHarness.StartAsync(o => o.Services = services =>
    {
        services.RemoveAll<IPartnershipLookup>();
        services.AddSingleton<IPartnershipLookup>(new FakePartnershipLookup("aad-pat", partnerships));
    });

    private QuestionnaireDefinition Hallmarks => _bot.Get<QuestionnaireCatalog>().Get(QuestionnaireIds.Hallmarks);

    private static Task<JsonObject> ClickAsync(TeamsUser user, JsonObject card, string title, string key, string value)
    {
        var action = Executes(card).Single(a => (a["title"]?.GetValue<string>() == title || a["title"]?.GetValue<string>()?.StartsWith(title + ": ", StringComparison.Ordinal) == true) && a["data"]?[key]?.GetValue<string>() == value);
        return user.InvokeAsync(action["verb"]!.GetValue<string>(), action["data"]!.DeepClone().AsObject());
    }

    private static async Task<JsonObject> AnswerAllAsync(TeamsUser user, JsonObject card, Dictionary<string, string> answer)
    {
        for (var guard = 0; StepCard.IsQuestion(card); guard++)
        {
            Assert.True(guard < 100, "The assessment never reached the review.");
            card = await user.ClickAsync(card, "Next", answer);
        }

        return card;
    }

    private static int Bytes(JsonObject card) => Encoding.UTF8.GetByteCount(card.ToJsonString());

    [Fact]
    public async Task WelcomeButton_LeadOfTwoPartnerships_ChoiceCardStartsTheOneChosen()
    {
        var alice = _bot.User("Alice");

        var choice = await alice.ClickAsync((await alice.SayAsync("help")).Card!, "Hallmark self-assessment");
        Assert.Equal([Safety.Id, Roads.Id], Executes(choice).Where(a => a["verb"]!.GetValue<string>() == CardVerbs.AssessStart)
            .Select(a => a["data"]!["partnershipId"]!.GetValue<string>()));
        var intro = await ClickAsync(alice, choice, "Assess", "partnershipId", Roads.Id);
        Assert.Contains(Roads.Name, CardInspector.AllText(intro));
        var card = await alice.StartFromIntroAsync(intro);

        Assert.Contains("Question 1 of 67", CardInspector.AllText(card));
        Assert.Equal(Roads.Id, (await _bot.Get<IDraftStore>().GetAsync(StepCard.DraftId(card), default))!.SubjectId);
    }

    [Fact]
    public async Task AssessWithoutName_Ppm_ChoiceCardListsEveryPartnership()
    {
        var card = (await _bot.User("Pat").SayAsync("assess")).Card!;

        Assert.Contains("People and Policy Manager", CardInspector.AllText(card));
        Assert.Equal([Safety.Id, Health.Id, Roads.Id], Executes(card).Where(a => a["verb"]!.GetValue<string>() == CardVerbs.AssessStart)
            .Select(a => a["data"]!["partnershipId"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(CardVerbs.AssessStart)]
    [InlineData(CardVerbs.AssessBegin)]
    public async Task AssessStart_NonLeadForgingAPartnershipId_IsNotAllowedAndStartsNothing(string verb)
    {
        var dave = _bot.User("Dave");
        var forged = new JsonObject { ["verb"] = verb, ["partnershipId"] = Safety.Id };

        var card = await dave.InvokeAsync(verb, forged);

        Assert.Contains("Not allowed", CardInspector.AllText(card));
        Assert.Empty(await _bot.Get<IDraftStore>().ListBySubjectAsync(Safety.Id, default));
        Assert.Empty(await _bot.Get<IDraftStore>().ListByOwnerAsync("aad-dave", default));
    }

    [Fact]
    public async Task ReviewEdit_MiddleQuestionOfAHallmark_ChangesOnlyItKeepsHistoryAndReturnsToItsHallmark()
    {
        var alice = _bot.User("Alice");
        var review = await AnswerAllAsync(alice, await alice.AssessAsync("assess community safety partnership"),
            new() { ["rating"] = "Yes" });
        var steps = Hallmarks.StepsIn("intelligence");
        var middle = steps[7];

        var page = await ClickAsync(alice, review, "Show", "groupId", "intelligence");
        Assert.Equal(steps.Select(s => s.Id), Executes(page).Where(a => a["title"]!.GetValue<string>().StartsWith("Edit: ", StringComparison.Ordinal))
            .Select(a => a["data"]!["stepId"]!.GetValue<string>()));
        var step = await ClickAsync(alice, page, "Edit", "stepId", middle.Id);
        Assert.Contains("Intelligence-led Business Processes: question 8 of 16", CardInspector.AllText(step));
        var back = await alice.ClickAsync(step, "Next", new Dictionary<string, string> { ["rating"] = "No", ["actionWhat"] = "Publish the performance data" });

        // Back on the review, showing the hallmark just edited with the changed answer.
        Assert.True(StepCard.IsReview(back));
        var text = CardInspector.AllText(back);
        Assert.Contains("16 of 16 answered: Yes 15 · No 1", text);
        Assert.Contains("No · Publish the performance data", text);
        Assert.Contains("Shown below", text);
        var draft = (await _bot.Get<IDraftStore>().GetAsync(StepCard.DraftId(back), default))!;
        Assert.Equal("No", draft.AnswerTo(middle.Id)!.Value("rating"));
        Assert.All(Hallmarks.Steps.Where(s => s.Id != middle.Id), s => Assert.Equal("Yes", draft.AnswerTo(s.Id)!.Value("rating")));
        var history = draft.History.Where(h => h.StepId == middle.Id).ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal("Yes", history[1].OldValue("rating"));
    }

    [Fact]
    public async Task ResultsPlan_AllPartlyWithLongAnswers_EveryItemReachableAndEveryCardUnder40KB()
    {
        var alice = _bot.User("Alice");
        var review = await AnswerAllAsync(alice, await alice.AssessAsync("assess community safety partnership"), new()
        {
            ["rating"] = "Partly",
            // Every character JSON-escaped (6 bytes each): the worst case for the card size.
            ["evidence"] = new string('é', 4000),
            ["actionWhat"] = string.Concat(Enumerable.Repeat("Agree the protocol ", 60))[..1000],
            ["actionOwner"] = new string('O', 200),
            ["actionDue"] = "2026-09-30",
        });

        // A fully answered hallmark of 16 questions with the longest answers is the largest review page.
        Assert.Equal(16, CardInspector.ButtonTitles(review).Count(t => t.StartsWith("Edit: ", StringComparison.Ordinal)));
        Assert.InRange(Bytes(review), 1, CardRenderer.MaxCardBytes);
        var results = await alice.ClickAsync(review, "Submit");
        Assert.InRange(Bytes(results), 1, CardRenderer.MaxCardBytes);
        Assert.Contains("Improvement plan: 67 items, the first", CardInspector.AllText(results));

        var seen = new List<string>();
        var page = await alice.ClickAsync(results, "Show full improvement plan");
        for (var guard = 0; ; guard++)
        {
            Assert.True(guard < 20, "The plan never ended.");
            Assert.InRange(Bytes(page), 1, CardRenderer.MaxCardBytes);
            Assert.Contains("67 improvement items", CardInspector.AllText(page));
            seen.AddRange(CardInspector.Texts(page).Where(t => t.Contains("Answered Partly.", StringComparison.Ordinal)));
            if (CardInspector.FindExecuteAction(page, "Next page") is null)
            {
                break;
            }

            page = await alice.ClickAsync(page, "Next page");
        }

        Assert.Equal(67, seen.Count);
        Assert.Equal(Hallmarks.Steps.Select(s => s.Text), seen.Select(t => t[..t.IndexOf(" Answered Partly.", StringComparison.Ordinal)]));
        Assert.All(seen, t => Assert.Contains("Target date: 30 September 2026.", t));
    }

    [Fact]
    public async Task ResultsPlan_SomeoneElse_IsNotAllowedToReadIt()
    {
        var alice = _bot.User("Alice");
        var review = await AnswerAllAsync(alice, await alice.AssessAsync("assess community safety partnership"), new() { ["rating"] = "No" });
        var results = await alice.ClickAsync(review, "Submit");
        var show = CardInspector.FindExecuteAction(results, "Show full improvement plan")!;

        var card = await _bot.User("Dave").InvokeAsync(CardVerbs.AssessPlan, show["data"]!.DeepClone().AsObject());

        Assert.Contains("Not allowed", CardInspector.AllText(card));
        Assert.DoesNotContain("Answered No.", CardInspector.AllText(card));
    }

    [Fact]
    public async Task AssessWithoutName_PpmWithFortyLongNamedPartnerships_ChoiceSaysWhatIsLeftOffAndStaysUnder40KB()
    {
        var many = Enumerable.Range(1, 40)
            .Select(i => new PartnershipRef($"p-{i:D2}", $"{i:D2} " + new string('Ü', 200), "aad-someone"))
            .ToArray();
        await using var bot = await StartAsync(many);

        var card = (await bot.User("Pat").SayAsync("assess")).Card!;

        Assert.InRange(Bytes(card), 1, CardRenderer.MaxCardBytes);
        Assert.Equal(HallmarkHandler.MaxChoices, CardInspector.ButtonTitles(card).Count(t => t == "Assess"));
        Assert.Contains($"Showing {HallmarkHandler.MaxChoices} of 40", CardInspector.AllText(card));
    }

    private static IEnumerable<JsonObject> Executes(JsonNode? node) => node switch
    {
        JsonObject o => (o["type"]?.GetValue<string>() == "Action.Execute" ? [o] : Enumerable.Empty<JsonObject>())
            .Concat(o.Where(p => p.Key != "fallback").SelectMany(p => Executes(p.Value))),
        JsonArray a => a.SelectMany(Executes),
        _ => [],
    };
}
