using PartnershipBot.Features.Questionnaires;
using static PartnershipBot.Tests.Features.Questionnaires.TestQuestionnaires;

namespace PartnershipBot.Tests.Features.Questionnaires;

/// <summary>Grouped questionnaires (the hallmarks): progress per group and "skip this hallmark".</summary>
public sealed class QuestionnaireEngineGroupTests
{
    private static readonly QuestionnaireDefinition Hallmarks = Shipped.Get(QuestionnaireIds.Hallmarks);

    [Fact]
    public void SkipGroup_AfterTwoAnswers_RecordsTheOther12SkippedAndOpensNextHallmark()
    {
        var draft = Start().Answered(Hallmarks, ("rating", "Yes")).Answered(Hallmarks, ("rating", "no"), ("actionWhat", "Invite the police"));

        var skipped = Saved(QuestionnaireEngine.SkipGroup(draft, Hallmarks, "leadership", draft.Revision, Alice, T0));

        var leadership = Hallmarks.StepsIn("leadership");
        Assert.Equal(["Yes", "No"], leadership.Take(2).Select(s => skipped.AnswerTo(s.Id)!.Value("rating")));
        Assert.All(leadership.Skip(2), s => Assert.True(skipped.AnswerTo(s.Id)!.Skipped));
        Assert.Equal(12, skipped.History.Count(h => h.Action == HistoryAction.Skipped));
        Assert.DoesNotContain(QuestionnaireEngine.Missing(skipped, Hallmarks), s => s.Group == "leadership");
        Assert.Equal("intelligence-01", skipped.CurrentStepId);
        Assert.Equal(draft.Revision + 1, skipped.Revision);
        Assert.Null(skipped.AnswerTo("intelligence-01"));
    }

    [Fact]
    public void SkipGroup_GroupOtherThanTheOpenStep_StaleAndUnchanged()
    {
        var draft = Start();

        var result = QuestionnaireEngine.SkipGroup(draft, Hallmarks, "skills", draft.Revision, Alice, T0);

        Assert.Equal(StaleReason.StepNotOpen, Assert.IsType<StepResult.Stale>(result).Reason);
        Assert.Empty(result.Draft.Answers);
    }

    [Fact]
    public void SkipGroup_LastGroup_OpensReviewAndSubmitStillNeedsEarlierGroups()
    {
        var draft = Start() with { CurrentStepId = "skills-01" };

        var skipped = Saved(QuestionnaireEngine.SkipGroup(draft, Hallmarks, "skills", draft.Revision, Alice, T0));

        Assert.True(skipped.IsOnReview);
        Assert.Equal(67 - 16, QuestionnaireEngine.Missing(skipped, Hallmarks).Count);
        Assert.IsType<StepResult.Invalid>(QuestionnaireEngine.Submit(skipped, Hallmarks, skipped.Revision, T0));
    }

    [Fact]
    public void Progress_InsideAHallmark_ReportsPositionOverallAndWithinTheGroup()
    {
        var draft = Start();
        for (var i = 0; i < 15; i++)
        {
            draft = draft.Answered(Hallmarks, ("rating", "Partly"));
        }

        var progress = QuestionnaireEngine.Progress(draft, Hallmarks);
        var groups = QuestionnaireEngine.GroupsProgress(draft, Hallmarks);

        Assert.Equal(new StepPosition(16, 67, 15), progress.Overall);
        Assert.Equal("Intelligence-led Business Processes", progress.Group!.Title);
        Assert.Equal(new StepPosition(2, 16, 1), progress.WithinGroup);
        Assert.Equal([(14, 14), (16, 1), (6, 0), (6, 0), (9, 0), (16, 0)], groups.Select(g => (g.Total, g.Completed)));
    }

    private static Draft Start() => QuestionnaireEngine.Start(Hallmarks, Alice.Id, Alice.Name, "partnership-3", T0, "assessment-1", "Community Safety Partnership");
}
