using PartnershipBot.Features.Questionnaires;
using static PartnershipBot.Tests.Features.Questionnaires.TestQuestionnaires;

namespace PartnershipBot.Tests.Features.Questionnaires;

/// <summary>Moving through a draft: Back, Skip, Edit, repeatable items, skipping a group, cancelling and submitting.</summary>
public sealed class QuestionnaireEngineFlowTests
{
    [Fact]
    public void HappyPath_FormAnsweredStepByStep_EndsSubmittedAndFrozen()
    {
        var draft = StartForm()
            .Answered(Form, ("name", "Safer Streets"))
            .Answered(Form, ("date", "2025-04-01"))
            .Answered(Form, ("notes", "None"))
            .Answered(Form, ("rating", "Partly"), ("comment", "Awaiting SMT"));
        draft = Saved(QuestionnaireEngine.AddItem(draft, Form, "risks", Values(("description", "Funding"), ("likelihood", "3"), ("impact", "4")), draft.Revision, Alice, T0));
        draft = draft.Answered(Form, ("description", "Staff leave"), ("likelihood", "2"), ("impact", "2"));
        Assert.True(draft.IsOnReview);
        Assert.True(QuestionnaireEngine.IsComplete(draft, Form));
        var submittedAt = T0.AddDays(1);

        var submitted = Saved(QuestionnaireEngine.Submit(draft, Form, draft.Revision, submittedAt));

        Assert.Equal((DraftStatus.Submitted, submittedAt), (submitted.Status, submitted.SubmittedAt));
        Assert.Equal(draft.Revision + 1, submitted.Revision);
        Assert.Equal(2, submitted.AnswerTo("risks")!.Items.Count);
        Assert.Equal(RiskBand.Medium, RiskRating.Assess(submitted.AnswerTo("risks")!.Items).Overall);
    }

    [Fact]
    public void Back_FromSecondStep_OpensFirstWithItsAnswerKept()
    {
        var draft = StartForm().Answered(Form, ("name", "P"));

        var back = Saved(QuestionnaireEngine.Back(draft, Form, draft.Revision, T0));

        Assert.Equal("name", back.CurrentStepId);
        Assert.Equal("P", back.AnswerTo("name")!.Value("name"));
        Assert.Equal(draft.Revision + 1, back.Revision);
    }

    [Fact]
    public void Back_OnFirstStep_InvalidAndUnchanged()
    {
        var draft = StartForm();

        var invalid = Assert.IsType<StepResult.Invalid>(QuestionnaireEngine.Back(draft, Form, 1, T0));

        Assert.Equal("This is the first question.", invalid.Errors[0].Message);
        Assert.Same(draft, invalid.Draft);
    }

    [Fact]
    public void Back_FromReview_OpensLastStep()
    {
        var draft = Complete();

        Assert.Equal("risks", Saved(QuestionnaireEngine.Back(draft, Form, draft.Revision, T0)).CurrentStepId);
    }

    [Fact]
    public void Skip_OptionalStep_RecordsSkipAndMovesOn()
    {
        var draft = StartForm().Answered(Form, ("name", "P")).Answered(Form, ("date", "2025-04-01"));

        var skipped = Saved(QuestionnaireEngine.Skip(draft, Form, "notes", draft.Revision, Alice, T0));

        Assert.True(skipped.AnswerTo("notes")!.Skipped);
        Assert.Equal(HistoryAction.Skipped, skipped.History[^1].Action);
        Assert.Equal("check", skipped.CurrentStepId);
    }

    [Fact]
    public void Skip_RequiredStep_InvalidAndStaysPut()
    {
        var draft = StartForm();

        var invalid = Assert.IsType<StepResult.Invalid>(QuestionnaireEngine.Skip(draft, Form, "name", 1, Alice, T0));

        Assert.Equal("name", invalid.Draft.CurrentStepId);
        Assert.Empty(invalid.Draft.Answers);
    }

    [Fact]
    public void GoTo_AnsweredStepFromReview_EditThenReturnsToReview()
    {
        var draft = Complete();

        var editing = Saved(QuestionnaireEngine.GoTo(draft, Form, "start", draft.Revision, T0));
        var edited = editing.Answered(Form, ("date", "2026-01-31"));

        Assert.Equal("start", editing.CurrentStepId);
        Assert.True(edited.IsOnReview);
        Assert.Equal("2026-01-31", edited.AnswerTo("start")!.Value("date"));
    }

    [Fact]
    public void GoTo_StepNotReachedYet_InvalidAndUnchanged()
    {
        var draft = StartForm().Answered(Form, ("name", "P"));

        var invalid = Assert.IsType<StepResult.Invalid>(QuestionnaireEngine.GoTo(draft, Form, "risks", draft.Revision, T0));

        Assert.Equal("start", invalid.Draft.CurrentStepId);
    }

    [Fact]
    public void GoTo_Review_AllowedOnlyOnceEveryStepIsVisited()
    {
        var partial = StartForm().Answered(Form, ("name", "P"));
        var complete = Saved(QuestionnaireEngine.GoTo(Complete(), Form, "name", Complete().Revision, T0));

        Assert.IsType<StepResult.Invalid>(QuestionnaireEngine.GoTo(partial, Form, QuestionnaireEngine.ReviewStepId, partial.Revision, T0));
        Assert.True(Saved(QuestionnaireEngine.GoTo(complete, Form, QuestionnaireEngine.ReviewStepId, complete.Revision, T0)).IsOnReview);
    }

    [Fact]
    public void AddItem_ValidRisk_AppendsAndStaysOnStep()
    {
        var draft = AtCheck().Answered(Form, ("rating", "Met"));

        var added = Saved(QuestionnaireEngine.AddItem(draft, Form, "risks", Values(("description", "A"), ("likelihood", "5"), ("impact", "1")), draft.Revision, Alice, T0));

        Assert.Equal("risks", added.CurrentStepId);
        Assert.Equal("5", Assert.Single(added.AnswerTo("risks")!.Items)["likelihood"]);
        Assert.Equal(HistoryAction.ItemAdded, added.History[^1].Action);
    }

    [Theory]
    [InlineData("0", "Likelihood must be between 1 and 5.")]
    [InlineData("6", "Likelihood must be between 1 and 5.")]
    [InlineData("2.5", "Likelihood must be a whole number.")]
    [InlineData("high", "Likelihood must be a whole number.")]
    public void AddItem_LikelihoodOutsideOneToFive_InvalidAndNothingAdded(string likelihood, string message)
    {
        var draft = AtCheck().Answered(Form, ("rating", "Met"));

        var result = QuestionnaireEngine.AddItem(draft, Form, "risks", Values(("description", "A"), ("likelihood", likelihood), ("impact", "3")), draft.Revision, Alice, T0);

        var invalid = Assert.IsType<StepResult.Invalid>(result);
        Assert.Equal([new InputError("likelihood", message)], invalid.Errors);
        Assert.Null(invalid.Draft.AnswerTo("risks"));
        Assert.Equal("A", invalid.Values["description"]);
    }

    [Fact]
    public void Answer_RepeatableStepWithoutItems_InvalidUntilOneIsAdded()
    {
        var draft = AtCheck().Answered(Form, ("rating", "Met"));

        var invalid = Assert.IsType<StepResult.Invalid>(QuestionnaireEngine.Answer(draft, Form, "risks", Values(), draft.Revision, Alice, T0));

        Assert.Equal(new InputError(null, "Add at least 1 entry before moving on."), Assert.Single(invalid.Errors));
    }

    [Fact]
    public void Answer_RepeatableStepBlankFormWithItems_MovesOnWithoutAddingOne()
    {
        var draft = AtCheck().Answered(Form, ("rating", "Met"));
        draft = Saved(QuestionnaireEngine.AddItem(draft, Form, "risks", Values(("description", "A"), ("likelihood", "1"), ("impact", "1")), draft.Revision, Alice, T0));

        var next = Saved(QuestionnaireEngine.Answer(draft, Form, "risks", Values(("description", " ")), draft.Revision, Alice, T0));

        Assert.True(next.IsOnReview);
        Assert.Single(next.AnswerTo("risks")!.Items);
    }

    [Fact]
    public void RemoveItem_SecondOfTwo_KeepsTheFirstAndRecordsRemoval()
    {
        var draft = AtCheck().Answered(Form, ("rating", "Met"));
        draft = Saved(QuestionnaireEngine.AddItem(draft, Form, "risks", Values(("description", "Keep"), ("likelihood", "1"), ("impact", "1")), draft.Revision, Alice, T0));
        draft = Saved(QuestionnaireEngine.AddItem(draft, Form, "risks", Values(("description", "Drop"), ("likelihood", "2"), ("impact", "2")), draft.Revision, Alice, T0));

        var removed = Saved(QuestionnaireEngine.RemoveItem(draft, Form, "risks", 1, draft.Revision, Alice, T0));

        Assert.Equal(["Keep"], removed.AnswerTo("risks")!.Items.Select(i => i["description"]));
        Assert.Equal(HistoryAction.ItemRemoved, removed.History[^1].Action);
        // Only the removed item is recorded, with its old values: not a copy of the whole step.
        Assert.Equal(("Drop", (string?)null, 1), (removed.History[^1].OldValue("description", item: 1), removed.History[^1].Changes!.First().New, removed.History[^1].Changes!.First().Item));
        Assert.All(removed.History[^1].Changes!, c => Assert.Equal(1, c.Item));
        Assert.IsType<StepResult.Invalid>(QuestionnaireEngine.RemoveItem(removed, Form, "risks", 5, removed.Revision, Alice, T0));
    }

    [Fact]
    public void SaveAndExit_OpenDraft_SavedWithoutAChange()
    {
        var draft = StartForm().Answered(Form, ("name", "P"));

        var result = Saved(QuestionnaireEngine.SaveAndExit(draft, draft.Revision));

        Assert.Same(draft, result);
    }

    [Fact]
    public void Cancel_OpenDraft_KeptAsCancelledWithAnswersAndFrozen()
    {
        var draft = StartForm().Answered(Form, ("name", "P"));

        var cancelled = Saved(QuestionnaireEngine.Cancel(draft, draft.Revision, T0));

        Assert.Equal(DraftStatus.Cancelled, cancelled.Status);
        Assert.Equal("P", cancelled.AnswerTo("name")!.Value("name"));
        var later = QuestionnaireEngine.Answer(cancelled, Form, "start", Values(("date", "2025-04-01")), cancelled.Revision, Alice, T0);
        Assert.Equal(StaleReason.NotInProgress, Assert.IsType<StepResult.Stale>(later).Reason);
    }

    [Fact]
    public void Submit_RequiredAnswerMissing_InvalidListingItAndStillInProgress()
    {
        var draft = Saved(QuestionnaireEngine.GoTo(Complete(), Form, "risks", Complete().Revision, T0));
        draft = Saved(QuestionnaireEngine.RemoveItem(draft, Form, "risks", 0, draft.Revision, Alice, T0));

        var invalid = Assert.IsType<StepResult.Invalid>(QuestionnaireEngine.Submit(draft, Form, draft.Revision, T0));

        Assert.Equal("Question 5 is not answered yet: What are the risks?", Assert.Single(invalid.Errors).Message);
        Assert.Equal(["risks"], QuestionnaireEngine.Missing(draft, Form).Select(s => s.Id));
        Assert.Equal(DraftStatus.InProgress, invalid.Draft.Status);
    }

    [Fact]
    public void Submit_Submitted_EveryLaterOperationIsStaleNotInProgress()
    {
        var draft = Complete();
        var submitted = Saved(QuestionnaireEngine.Submit(draft, Form, draft.Revision, T0));
        var r = submitted.Revision;

        StepResult[] attempts =
        [
            QuestionnaireEngine.Answer(submitted, Form, "name", Values(("name", "X")), r, Alice, T0),
            QuestionnaireEngine.TypedAnswer(submitted, Form, "X", Alice, T0),
            QuestionnaireEngine.Back(submitted, Form, r, T0),
            QuestionnaireEngine.GoTo(submitted, Form, "name", r, T0),
            QuestionnaireEngine.Skip(submitted, Form, "notes", r, Alice, T0),
            QuestionnaireEngine.AddItem(submitted, Form, "risks", Values(("description", "B")), r, Alice, T0),
            QuestionnaireEngine.Cancel(submitted, r, T0),
            QuestionnaireEngine.SaveAndExit(submitted, r),
            QuestionnaireEngine.Submit(submitted, Form, r, T0),
        ];

        Assert.All(attempts, a => Assert.Equal(StaleReason.NotInProgress, Assert.IsType<StepResult.Stale>(a).Reason));
        Assert.All(attempts, a => Assert.Same(submitted, a.Draft));
    }

    [Fact]
    public void Progress_OnThirdStep_ReportsPositionAndCompletedCount()
    {
        var draft = StartForm().Answered(Form, ("name", "P")).Answered(Form, ("date", "2025-04-01"));

        var progress = QuestionnaireEngine.Progress(draft, Form);

        Assert.Equal(new StepPosition(3, 5, 2), progress.Overall);
        Assert.Null(progress.Group);
        Assert.Equal(0, QuestionnaireEngine.Progress(Complete(), Form).Overall.Number);
    }
}
