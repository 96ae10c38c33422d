using System.Text.Json.Nodes;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Storage;
using PartnershipBot.Tests.Harness;
using PartnershipBot.Turns;

namespace PartnershipBot.Tests.Features.Journeys;

/// <summary>
/// Drafts stay bounded (issue 15.5): a repeatable step holds at most its maxItems, the card says how many more fit,
/// a refusal is a clear message (never "Something went wrong") and the draft goes on; history grows linearly.
/// </summary>
public sealed class DraftLimitsTests
{
    private const int MaxRisks = StepDefinition.DefaultMaxItems;

    [Fact]
    public async Task RiskStep_ManyRisksAtMaximumFieldSizes_ClearRefusalAtTheLimitHistoryLinearAndDraftUsable()
    {
        await using var bot = await BotHarness.StartAsync();
        var alice = bot.User("Alice");
        var card = (await alice.SayAsync("new partnership")).Card!;
        while (StepCard.StepId(card) != "risks")
        {
            card = await alice.ClickAsync(card, "Next", StepCard.ValidAnswers(card));
        }

        var draftId = StepCard.DraftId(card);
        Assert.Contains($"{MaxRisks} more entries can be added (at most {MaxRisks})", CardInspector.AllText(card), StringComparison.Ordinal);
        var stored = new Dictionary<int, int>();
        for (var i = 1; i <= MaxRisks; i++)
        {
            card = await alice.ClickAsync(card, "Add another", Risk(i));
            Assert.Equal(i, Stored(bot, draftId).AnswerTo("risks")!.Items.Count);
            stored[i] = StoredJsonLength(bot, draftId);
        }

        var text = CardInspector.AllText(card);
        Assert.Contains("No more entries fit here", text, StringComparison.Ordinal);

        // One more: refused with the reason, what was typed stays on the card, nothing stored.
        var refused = await alice.ClickAsync(card, "Add another", Risk(MaxRisks + 1));
        var refusedText = CardInspector.AllText(refused);
        Assert.Contains($"This question holds at most {MaxRisks} entries", refusedText, StringComparison.Ordinal);
        Assert.DoesNotContain("Something went wrong", refusedText, StringComparison.Ordinal);
        Assert.Equal(Risk(MaxRisks + 1)["description"], StepCard.Prefilled(refused, "description"));
        Assert.Equal(MaxRisks, Stored(bot, draftId).AnswerTo("risks")!.Items.Count);
        Assert.True(refused.ToJsonString().Length < 40 * 1024, "The card must stay under Teams' 40 KB.");

        // Each risk costs about the same whatever came before: linear, not a copy of every earlier risk per add.
        var first = stored[10] - stored[1];
        var last = stored[MaxRisks] - stored[MaxRisks - 9];
        Assert.True(last < first * 1.2, $"Stored size grew from {first} to {last} bytes per 9 risks.");

        // The draft goes on: Next with the inputs cleared finishes the step.
        var review = await alice.ClickAsync(refused, "Next", Blank(refused));
        Assert.True(StepCard.IsReview(review), CardInspector.AllText(review));
    }

    [Fact]
    public async Task Answer_RepeatedEditsOfALongAnswer_HistoryGrowsByTheChangedValueOnly()
    {
        await using var bot = await BotHarness.StartAsync();
        var alice = bot.User("Alice");
        var card = (await alice.SayAsync("new partnership")).Card!;
        var stepId = StepCard.StepId(card);
        var draftId = StepCard.DraftId(card);
        var sizes = new List<int>();
        for (var edit = 0; edit < 6; edit++)
        {
            var answers = StepCard.ValidAnswers(card);
            var field = answers.Keys.First();
            answers[field] = $"{edit} " + new string('n', 150);
            var next = await alice.ClickAsync(card, "Next", answers);
            sizes.Add(StoredJsonLength(bot, draftId));
            card = await alice.ClickAsync(next, "Back");
            Assert.Equal(stepId, StepCard.StepId(card));
        }

        var steps = sizes.Zip(sizes.Skip(1), (a, b) => b - a).ToList();
        Assert.All(steps, s => Assert.InRange(s, 1, 2 * (steps[0] + 50)));
    }

    [Fact]
    public void Engine_DraftOverTheCharacterLimit_RefusesTheChangeWithTheReasonAndKeepsTheDraft()
    {
        var definition = QuestionnaireParser.Parse("limits.json", """
            {"id": "limits", "title": "Limits", "version": 1, "groups": [], "steps": [
              {"id": "notes", "section": "S", "text": "Notes?", "repeatable": true, "maxItems": 100,
               "fields": [{"id": "note", "label": "Note", "kind": "longText", "required": true, "maxLength": 10000}]}]}
            """);
        var alice = new Actor("aad-alice", "Alice");
        var now = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        var draft = QuestionnaireEngine.Start(definition, alice.Id, alice.Name, null, now, "d1");
        var step = definition.Steps[0];
        var note = new Dictionary<string, string> { ["note"] = new string('x', 10_000) };
        var added = 0;
        while (QuestionnaireEngine.ItemsLeft(draft, step) > 0)
        {
            // Whatever the card says fits, fits.
            draft = Assert.IsType<StepResult.Saved>(QuestionnaireEngine.AddItem(draft, definition, "notes", note, draft.Revision, alice, now)).Draft;
            added++;
        }

        Assert.InRange(added, 40, step.MaxItems - 1);
        StepResult result;
        for (var guard = 0; (result = QuestionnaireEngine.AddItem(draft, definition, "notes", note, draft.Revision, alice, now)) is StepResult.Saved saved; guard++)
        {
            Assert.True(guard < 3, "Far more fitted than the card said.");
            draft = saved.Draft;
        }

        var refused = Assert.IsType<StepResult.Invalid>(result);
        Assert.Equal(QuestionnaireEngine.TooBigText, Assert.Single(refused.Errors).Message);
        Assert.Same(draft, refused.Draft);
        Assert.Equal(note["note"], refused.Values["note"]);
        Assert.True(QuestionnaireEngine.TextSize(draft) <= QuestionnaireEngine.MaxDraftCharacters);
    }

    private static Dictionary<string, string> Risk(int i) => new()
    {
        ["description"] = $"Risk {i} " + new string('r', 1000 - $"Risk {i} ".Length),
        ["likelihood"] = "3",
        ["impact"] = "4",
        ["mitigation"] = new string('m', FieldDefinition.DefaultMaxLength),
        ["owner"] = new string('o', 200),
    };

    private static Dictionary<string, string> Blank(JsonObject card) =>
        StepCard.Inputs(card).ToDictionary(i => i["id"]!.GetValue<string>(), _ => "");

    private static Draft Stored(BotHarness bot, string draftId) => bot.Get<IDraftStore>().GetAsync(draftId, default).GetAwaiter().GetResult()!;

    private static int StoredJsonLength(BotHarness bot, string draftId) =>
        bot.Get<LiteDbStore>().Collection("drafts").FindById(draftId)["json"].AsString.Length;
}
