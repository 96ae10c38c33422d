using System.Text.Json.Nodes;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Ux;

/// <summary>
/// Issue 18.14-15: a new partnership says where a question is by the guidance's parts, asks the partners and the
/// Council's inputs once, and is reviewed one part at a time with each Edit named for its question.
/// </summary>
public sealed class ProposalPartsTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static async Task<(JsonObject Review, List<JsonObject> Questions)> AnswerAllAsync(TeamsUser user)
    {
        var card = (await user.SayAsync("new partnership")).Card!;
        var questions = new List<JsonObject>();
        for (var guard = 0; StepCard.IsQuestion(card); guard++)
        {
            Assert.True(guard < 100, "The journey never reached the review.");
            questions.Add(card);
            card = await user.ClickAsync(card, "Next", StepCard.ValidAnswers(card));
        }

        return (card, questions);
    }

    [Fact]
    public async Task QuestionCards_SayThePartAndThePlaceInIt_AndAskThePartnersOnce()
    {
        var (_, questions) = await AnswerAllAsync(_bot.User("Alice"));
        var texts = questions.Select(CardInspector.AllText).ToList();

        Assert.Equal(29, questions.Count); // 4 + 18 + 6 + the risks
        Assert.Contains("Part 1 of 4 · About the partnership · 1 of 4", texts[0]);
        Assert.Contains("Part 2 of 4 · Questions for New Partnerships (Appendix 3) · 2 of 18", texts[5]);
        Assert.Contains("Who are the main potential partners?", texts[5]);
        Assert.Contains("Part 4 of 4 · Risk assessment (section 3.3) · 1 of 1", texts[^1]);
        Assert.DoesNotContain(texts, t => t.Contains("Who are the proposed partners?", StringComparison.Ordinal));
        Assert.Single(texts, t => t.Contains("partners?", StringComparison.Ordinal) && t.Contains("Who are", StringComparison.Ordinal));
        Assert.Single(texts, t => t.Contains("inputs", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(texts, t => t.Contains("Question 1 of", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Review_ShowsOnePartAtATime_EachEditNamedForItsQuestion_ShowSwitchesPart()
    {
        var alice = _bot.User("Alice");
        var (review, _) = await AnswerAllAsync(alice);

        var text = CardInspector.AllText(review);
        foreach (var part in new[] { "About the partnership", "Questions for New Partnerships (Appendix 3)", "Self-check (section 3.1)", "Risk assessment (section 3.3)" })
        {
            Assert.Contains(part, text);
        }

        var edits = CardInspector.ButtonTitles(review).Where(t => t.StartsWith("Edit: ", StringComparison.Ordinal)).ToList();
        Assert.InRange(edits.Count, 1, 18);
        Assert.Equal(edits.Count, edits.Distinct().Count());
        Assert.Equal(3, CardInspector.ButtonTitles(review).Count(t => t == "Show"));

        var first = await alice.ClickAsync(review, "Show");
        var firstEdits = CardInspector.ButtonTitles(first).Where(t => t.StartsWith("Edit: ", StringComparison.Ordinal)).ToList();
        Assert.NotEqual(edits, firstEdits);
        Assert.Contains("Submit", CardInspector.ButtonTitles(first));

        var edit = await alice.ClickAsync(first, firstEdits[0]);
        Assert.True(StepCard.IsQuestion(edit));
    }

    [Fact]
    public async Task Resume_DraftStartedOnVersion1AtARemovedStep_GoesOnWithoutAnError()
    {
        var definition = _bot.Get<QuestionnaireCatalog>().Get(QuestionnaireIds.NewPartnership);
        var now = DateTimeOffset.UtcNow;
        var alice = _bot.User("Alice");
        var actor = new Actor(alice.AadObjectId, alice.Name);
        var started = QuestionnaireEngine.Start(definition, alice.AadObjectId, alice.Name, null, now, "oldv1draft", null);
        var old = started with
        {
            QuestionnaireVersion = 1,
            CurrentStepId = "proposed-partners",
            Answers = new Dictionary<string, StepAnswer>
            {
                ["partnership-name"] = new(new Dictionary<string, string> { ["name"] = "Rochford Food Partnership" }, [], false, 1, actor, now),
                ["lead-officer"] = new(new Dictionary<string, string> { ["leadOfficer"] = "Alice" }, [], false, 1, actor, now),
            },
        };
        Assert.True(await _bot.Get<IDraftStore>().SaveAsync(old, open: true, default));

        var resumed = (await alice.SayAsync("resume")).Card!;
        var text = CardInspector.AllText(resumed);

        Assert.DoesNotContain("not found", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("out of date", text, StringComparison.OrdinalIgnoreCase);
        var next = StepCard.IsQuestion(resumed)
            ? await alice.ClickAsync(resumed, "Next", StepCard.ValidAnswers(resumed))
            : await alice.ClickAsync(resumed, CardInspector.ButtonTitles(resumed).First(t => t.StartsWith("Edit: ", StringComparison.Ordinal)));
        Assert.DoesNotContain("out of date", CardInspector.AllText(next), StringComparison.OrdinalIgnoreCase);
        Assert.True(StepCard.IsQuestion(next) || StepCard.IsReview(next));
    }
}
