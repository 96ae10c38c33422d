using PartnershipBot.Features.Questionnaires;
using static PartnershipBot.Tests.Features.Questionnaires.TestQuestionnaires;

namespace PartnershipBot.Tests.Features.Questionnaires;

/// <summary>Answering steps: saving, moving on, history, and every kind of bad input.</summary>
public sealed class QuestionnaireEngineAnswerTests
{
    [Fact]
    public void Start_NewDraft_OpensFirstStepInProgressAtRevisionOne()
    {
        var draft = QuestionnaireEngine.Start(Form, "opaque-owner", "Owner", "partnership-7", T0, "draft-9");

        Assert.Equal(("draft-9", "form", 3), (draft.Id, draft.QuestionnaireId, draft.QuestionnaireVersion));
        Assert.Equal(("opaque-owner", "partnership-7"), (draft.OwnerId, draft.SubjectId));
        Assert.Equal(("name", DraftStatus.InProgress, 1), (draft.CurrentStepId, draft.Status, draft.Revision));
        Assert.Empty(draft.Answers);
        Assert.Equal((T0, T0), (draft.CreatedAt, draft.UpdatedAt));
    }

    [Fact]
    public void Answer_ValidValue_SavesTrimmedValueMovesOnAndBumpsRevisionOnce()
    {
        var draft = StartForm();
        var later = T0.AddMinutes(5);

        var saved = Saved(QuestionnaireEngine.Answer(draft, Form, "name", Values(("name", "  Safer Streets  ")), 1, Alice, later));

        Assert.Equal("start", saved.CurrentStepId);
        Assert.Equal(2, saved.Revision);
        Assert.Equal(later, saved.UpdatedAt);
        var answer = saved.AnswerTo("name")!;
        Assert.Equal("Safer Streets", answer.Value("name"));
        Assert.Equal((3, Alice, later), (answer.QuestionnaireVersion, answer.AnsweredBy, answer.AnsweredAt));
        Assert.Equal("Safer Streets", saved.Title);
    }

    [Fact]
    public void Answer_UnknownKeysInPayload_AreNotStored()
    {
        var saved = Saved(QuestionnaireEngine.Answer(StartForm(), Form, "name", Values(("name", "A"), ("verb", "next"), ("draftId", "x")), 1, Alice, T0));

        Assert.Equal(["name"], saved.AnswerTo("name")!.Fields.Keys);
    }

    [Fact]
    public void Answer_StaleRevision_ReturnsStaleWithCurrentDraftUnchanged()
    {
        var draft = StartForm().Answered(Form, ("name", "First"));

        var result = QuestionnaireEngine.Answer(draft, Form, "start", Values(("date", "2025-04-01")), expectedRevision: 1, Alice, T0);

        var stale = Assert.IsType<StepResult.Stale>(result);
        Assert.Equal(StaleReason.RevisionChanged, stale.Reason);
        Assert.Same(draft, stale.Draft);
    }

    [Fact]
    public void Answer_StepThatIsNotOpen_ReturnsStaleAndKeepsNewerAnswer()
    {
        var draft = StartForm().Answered(Form, ("name", "Newer name"));

        // An old card for the first step, clicked with the current revision, must not overwrite it.
        var result = QuestionnaireEngine.Answer(draft, Form, "name", Values(("name", "Old name")), draft.Revision, Alice, T0);

        Assert.Equal(StaleReason.StepNotOpen, Assert.IsType<StepResult.Stale>(result).Reason);
        Assert.Equal("Newer name", result.Draft.AnswerTo("name")!.Value("name"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Answer_EmptyRequired_InvalidNamingTheField(string value)
    {
        var draft = StartForm();

        var invalid = Assert.IsType<StepResult.Invalid>(QuestionnaireEngine.Answer(draft, Form, "name", Values(("name", value)), 1, Alice, T0));

        Assert.Equal([new InputError("name", "Name is required.")], invalid.Errors);
        Assert.Same(draft, invalid.Draft);
    }

    [Fact]
    public void Answer_OverLong_InvalidAndKeepsWhatWasTyped()
    {
        var typed = new string('x', 21);

        var invalid = Assert.IsType<StepResult.Invalid>(QuestionnaireEngine.Answer(StartForm(), Form, "name", Values(("name", typed)), 1, Alice, T0));

        Assert.Equal("Name is too long: 21 characters, the limit is 20.", Assert.Single(invalid.Errors).Message);
        Assert.Equal(typed, invalid.Values["name"]);
    }

    [Fact]
    public void Answer_DefaultLimit_Allows4000AndRefuses4001Characters()
    {
        var definition = Shipped.Get(QuestionnaireIds.NewPartnership);
        var draft = QuestionnaireEngine.Start(definition, Alice.Id, Alice.Name, null, T0, "d") with { CurrentStepId = "why-required" };

        var atLimit = QuestionnaireEngine.Answer(draft, definition, "why-required", Values(("answer", new string('a', 4000))), 1, Alice, T0);
        var overLimit = QuestionnaireEngine.Answer(draft, definition, "why-required", Values(("answer", new string('a', 4001))), 1, Alice, T0);

        Assert.IsType<StepResult.Saved>(atLimit);
        Assert.Contains("the limit is 4,000", Assert.Single(Assert.IsType<StepResult.Invalid>(overLimit).Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-13-01")]
    [InlineData("2025-02-30")]
    [InlineData("31/02/2025")]
    [InlineData("1 Smarch 2025")]
    [InlineData("next week")]
    public void Answer_BadDate_InvalidGivingUkExamples(string date)
    {
        var draft = StartForm().Answered(Form, ("name", "P"));

        var invalid = Assert.IsType<StepResult.Invalid>(QuestionnaireEngine.Answer(draft, Form, "start", Values(("date", date)), 2, Alice, T0));

        Assert.Equal("Start date must be a date, for example 31 March 2025 or 31/03/2025.", Assert.Single(invalid.Errors).Message);
    }

    [Fact]
    public void Answer_UnknownChoice_InvalidListingTheChoices()
    {
        var draft = AtCheck();

        var invalid = Assert.IsType<StepResult.Invalid>(QuestionnaireEngine.Answer(draft, Form, "check", Values(("rating", "Mostly")), draft.Revision, Alice, T0));

        Assert.Equal([new InputError("rating", "Assessment must be one of: Met, Partly, Not met.")], invalid.Errors);
    }

    [Theory]
    [InlineData("Not met")]
    [InlineData("partly")]
    public void Answer_NotMetWithoutComment_InvalidAskingForComment(string rating)
    {
        var draft = AtCheck();

        var invalid = Assert.IsType<StepResult.Invalid>(QuestionnaireEngine.Answer(draft, Form, "check", Values(("rating", rating)), draft.Revision, Alice, T0));

        Assert.Equal("comment", Assert.Single(invalid.Errors).FieldId);
        Assert.StartsWith("Please fill in \"Comment\": it is needed because Assessment is", invalid.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_MetWithoutComment_SavedWithChoiceInDefinedSpelling()
    {
        var draft = AtCheck();

        var saved = Saved(QuestionnaireEngine.Answer(draft, Form, "check", Values(("rating", "  met ")), draft.Revision, Alice, T0));

        Assert.Equal("Met", saved.AnswerTo("check")!.Value("rating"));
        Assert.Equal("risks", saved.CurrentStepId);
    }

    [Fact]
    public void Answer_Edit_HistoryKeepsPreviousValueWithWhoAndWhen()
    {
        var first = StartForm().Answered(Form, ("name", "Original"));
        var back = Saved(QuestionnaireEngine.Back(first, Form, first.Revision, T0));
        var editedAt = T0.AddHours(2);

        var edited = Saved(QuestionnaireEngine.Answer(back, Form, "name", Values(("name", "Renamed")), back.Revision, Bob, editedAt));

        Assert.Equal(2, edited.History.Count);
        var change = edited.History[^1];
        Assert.Equal(("name", HistoryAction.Answered, Bob, editedAt), (change.StepId, change.Action, change.By, change.At));
        Assert.Equal([new FieldChange("name", "Original", "Renamed")], change.Changes!);
        Assert.Equal("Original", change.OldValue("name"));
        // Who gave the replaced value is the entry that recorded it.
        Assert.Equal((Alice, (string?)null, "Original"), (edited.History[0].By, edited.History[0].OldValue("name"), edited.History[0].Changes!.Single().New));
        Assert.Equal("Renamed", edited.Title);
    }

    [Fact]
    public void TypedAnswer_ChoiceTypedInAnyCase_AnswersThePrimaryField()
    {
        var draft = AtCheck();

        var saved = Saved(QuestionnaireEngine.TypedAnswer(draft, Form, "MET", Alice, T0));

        Assert.Equal("Met", saved.AnswerTo("check")!.Value("rating"));
    }

    [Fact]
    public void TypedAnswer_TextNotAChoice_InvalidListingChoices()
    {
        var draft = AtCheck();

        var invalid = Assert.IsType<StepResult.Invalid>(QuestionnaireEngine.TypedAnswer(draft, Form, "I think so", Alice, T0));

        Assert.Contains("must be one of: Met, Partly, Not met", invalid.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypedAnswer_TextStep_AnswersAndKeepsOtherSavedFields()
    {
        var draft = AtCheck().Answered(Form, ("rating", "Partly"), ("comment", "Needs sign-off"));
        draft = Saved(QuestionnaireEngine.Back(draft, Form, draft.Revision, T0));

        var saved = Saved(QuestionnaireEngine.TypedAnswer(draft, Form, "not met", Alice, T0));

        Assert.Equal("Not met", saved.AnswerTo("check")!.Value("rating"));
        Assert.Equal("Needs sign-off", saved.AnswerTo("check")!.Value("comment"));
    }

    [Fact]
    public void TypedAnswer_OnReviewScreen_StaleBecauseNoQuestionIsOpen()
    {
        var draft = Complete();

        var result = QuestionnaireEngine.TypedAnswer(draft, Form, "hello", Alice, T0);

        Assert.Equal(StaleReason.StepNotOpen, Assert.IsType<StepResult.Stale>(result).Reason);
    }

    [Fact]
    public void Draft_JsonRoundTrip_KeepsAnswersItemsAndHistory()
    {
        var draft = Complete();

        var json = System.Text.Json.JsonSerializer.Serialize(draft);
        var copy = System.Text.Json.JsonSerializer.Deserialize<Draft>(json)!;

        Assert.Contains("\"Status\":\"InProgress\"", json, StringComparison.Ordinal);
        Assert.Equal(draft.Revision, copy.Revision);
        Assert.Equal(draft.CurrentStepId, copy.CurrentStepId);
        Assert.Equal(draft.History.Count, copy.History.Count);
        Assert.Equal("4", copy.AnswerTo("risks")!.Items[0]["likelihood"]);
        Assert.Equal(draft.AnswerTo("check")!.Value("rating"), copy.AnswerTo("check")!.Value("rating"));
        Assert.True(QuestionnaireEngine.IsComplete(copy, Form));
    }
}
