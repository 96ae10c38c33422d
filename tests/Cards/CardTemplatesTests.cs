using System.Text.Json;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;

namespace PartnershipBot.Tests.Cards;

/// <summary>The templates in cards/ against the card rules, the verb list and their sample data.</summary>
public sealed class CardTemplatesTests
{
    public static TheoryData<string> Variants => [.. CardSamples.Variants().Select(v => v.Label)];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Render_EveryTemplateAndBranch_FollowsCardRules(string label)
    {
        var view = CardSamples.Variants().Single(v => v.Label == label).View;

        var card = CardSamples.Render(view);

        Assert.Empty(CardRules.Problems(card));
    }

    [Theory]
    [MemberData(nameof(CardSamples.NameData), MemberType = typeof(CardSamples))]
    public void SampleData_RoundTripsThroughItsView_Unchanged(string name)
    {
        // The sample is exactly what the view serializes to: no missing, extra or misspelt fields.
        var data = CardSamples.Data(name);

        var roundTripped = CardSamples.ToData(CardSamples.View(name));

        Assert.True(JsonNode.DeepEquals(data, roundTripped), $"{name}.data.json differs from its view:\n{roundTripped}");
    }

    [Fact]
    public void Templates_VerbsUsed_AreExactlyCardVerbs()
    {
        var used = CardSamples.Names.SelectMany(n => Verbs(CardSamples.Template(n))).ToHashSet();

        Assert.Equal(CardVerbs.All.Order(), used.Order());
        Assert.All(used, v => Assert.Matches("^[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*$", v));
    }

    [Fact]
    public void Render_QuestionStep_OnlyNextAndAddAnotherValidateInputs()
    {
        var view = CardSamples.View<QuestionStepView>() with { CanGoBack = true, CanSkip = true, CanSkipGroup = true, IsRepeatable = true };

        var actions = CardSamples.Render(view)["actions"]!.AsArray().Select(a => a!.AsObject()).ToList();

        var validating = actions.Where(a => a["associatedInputs"] is null).Select(a => a["verb"]!.GetValue<string>());
        var notValidating = actions.Where(a => a["associatedInputs"]?.GetValue<string>() == "none").Select(a => a["verb"]!.GetValue<string>());
        Assert.Equal([CardVerbs.StepNext, CardVerbs.StepAddItem], validating);
        Assert.Equal([CardVerbs.StepBack, CardVerbs.StepSkip, CardVerbs.StepSkipGroup, CardVerbs.StepSaveExit], notValidating);
    }

    [Fact]
    public void Render_QuestionStepFlagsOff_HidesOptionalButtons()
    {
        var view = CardSamples.View<QuestionStepView>() with { CanGoBack = false, CanSkip = false, CanSkipGroup = false, IsRepeatable = false };

        var verbs = CardSamples.Render(view)["actions"]!.AsArray().Select(a => a!["verb"]!.GetValue<string>());

        Assert.Equal([CardVerbs.StepNext, CardVerbs.StepSaveExit], verbs);
    }

    [Fact]
    public void Render_QuestionStep_OneInputPerFieldOfTheRightKindWithSavedValue()
    {
        var view = CardSamples.View<QuestionStepView>();

        var inputs = Objects(CardSamples.Render(view)).Where(o => o["type"]?.GetValue<string>().StartsWith("Input.") == true).ToList();

        Assert.Equal(view.Fields.Select(f => f.Id), inputs.Select(i => i["id"]!.GetValue<string>()));
        Assert.Equal(["Input.ChoiceSet", "Input.Text", "Input.Number", "Input.Date", "Input.Text"], inputs.Select(i => i["type"]!.GetValue<string>()));
        Assert.True(inputs[1]["isMultiline"]!.GetValue<bool>());
        Assert.Equal(7, inputs[2]["value"]!.GetValue<double>());
        Assert.Equal(view.Fields[3].Value, inputs[3]["value"]!.GetValue<string>());
        Assert.Equal(["Yes", "Partly", "No", "Not applicable"], inputs[0]["choices"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()));
    }

    [Fact]
    public void Render_ReviewIncomplete_HasEditPerQuestionAndNoSubmit()
    {
        var view = CardSamples.View<ReviewView>();

        var card = CardSamples.Render(view);

        var edits = Executes(card).Where(o => o["verb"]!.GetValue<string>() == CardVerbs.ReviewEdit).ToList();
        Assert.Equal(view.Items.Select(i => i.StepId), edits.Select(e => e["data"]!["stepId"]!.GetValue<string>()));
        Assert.All(edits, e => Assert.Equal(view.DraftId, e["data"]!["draftId"]!.GetValue<string>()));
        Assert.DoesNotContain(Objects(card), o => o["verb"]?.GetValue<string>() == CardVerbs.ReviewSubmit);
        Assert.Contains("Still to answer (2)", card.ToJsonString());
    }

    [Fact]
    public void Render_ApprovalRequest_RefreshesForApproversAndShowsButtonsOnlyWhenTheyCanAct()
    {
        var view = CardSamples.View<ApprovalRequestView>();

        var forApprover = CardSamples.Render(view);
        var forOthers = CardSamples.Render(view with { CanAct = false });

        Assert.Equal(view.ApproverIds, forOthers["refresh"]!["userIds"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Equal(CardVerbs.ApprovalRefresh, forOthers["refresh"]!["action"]!["verb"]!.GetValue<string>());
        Assert.Contains(Objects(forApprover), o => o["verb"]?.GetValue<string>() == CardVerbs.ApprovalApprove);
        Assert.DoesNotContain(Objects(forOthers), o => o["type"]?.GetValue<string>() is "Action.Execute" && o["verb"]?.GetValue<string>() is not (CardVerbs.ApprovalRefresh or CardVerbs.ProposalOpen or CardVerbs.ProposalHistory or CardVerbs.DocumentDownload));
        Assert.Contains(view.StatusText, forOthers.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Render_HallmarkResults_RatingIsWordsNotOnlyColour()
    {
        var view = CardSamples.View<HallmarkResultsView>();

        // The colour is the background of the rating's box (text colours good and warning fail contrast on white).
        var texts = Objects(CardSamples.Render(view)).Where(o => o["type"]?.GetValue<string>() == "Container" && o["style"] is not null)
            .Select(o => o["items"]?[0]?["text"]?.GetValue<string>()).Where(t => t is not null).ToList();

        Assert.Equal(view.Hallmarks.Select(h => $"Rating: {h.Rating}"), texts.Where(t => t!.StartsWith("Rating:")));
    }

    [Fact]
    public void Render_ConfirmKinds_UseTheirOwnConfirmVerbAndIds()
    {
        var cancel = CardSamples.Render(ConfirmView.CancelDraft("d1", 3, "m"));
        var skip = CardSamples.Render(ConfirmView.SkipGroup("d1", 3, "s1", "m"));
        var end = CardSamples.Render(ConfirmView.EndPartnership("p1", "m"));

        Assert.Equal("""{"verb":"draft.cancel-confirm","draftId":"d1","revision":3}""", cancel["actions"]![0]!["data"]!.ToJsonString());
        Assert.Equal("""{"verb":"step.skip-group-confirm","draftId":"d1","revision":3,"stepId":"s1"}""", skip["actions"]![0]!["data"]!.ToJsonString());
        Assert.Equal("""{"verb":"partnership.end-confirm","partnershipId":"p1"}""", end["actions"]![0]!["data"]!.ToJsonString());
        Assert.All([cancel, skip, end], c => Assert.Equal(CardVerbs.ConfirmCancel, c["actions"]![1]!["verb"]!.GetValue<string>()));
    }

    internal static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject obj => new[] { obj }.Concat(obj.SelectMany(p => Objects(p.Value))),
        JsonArray array => array.SelectMany(Objects),
        _ => [],
    };

    internal static IEnumerable<JsonObject> Executes(JsonNode? node) =>
        Objects(node).Where(o => o["type"]?.GetValue<string>() == "Action.Execute");

    private static IEnumerable<string> Verbs(JsonNode template) =>
        Objects(template)
            .Select(o => o["verb"])
            .OfType<JsonValue>()
            .Select(v => v.GetValue<string>());
}
