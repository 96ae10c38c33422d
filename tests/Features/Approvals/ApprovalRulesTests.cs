using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>The approval rules as pure functions: who may do what at each stage, and the resulting state.</summary>
public sealed class ApprovalRulesTests
{
    private const string Ppm = "ppm";
    private static readonly DateTimeOffset Now = new(2026, 3, 19, 10, 12, 0, TimeSpan.Zero);
    private static readonly Actor Sam = new("smt-1", "Sam");
    private static readonly Actor Sue = new("smt-2", "Sue");
    private static readonly Actor Pat = new(Ppm, "Pat");

    private static Submission UnderReview(SubmissionStatus status = SubmissionStatus.UnderReview, string? dh = null) =>
        new("s1", "s1", 1, new Actor("alice", "Alice"), "Food Partnership", status, dh, ["smt-1", "smt-2"], [], [], [], [], Now, 3);

    private static ApprovalResult Apply(Submission s, Actor by, ApprovalRequestKind kind, string? comment = null, ApprovalRule rule = ApprovalRule.AnyOne,
        bool? executiveApproved = null, DateOnly? meeting = null, string activity = "activity-1") =>
        ApprovalRules.Apply(s, new ApprovalRequest(by, kind, comment, activity, executiveApproved, meeting), rule, Ppm, Now);

    [Fact]
    public void Apply_SmtApproveAnyOne_ApprovesWithDecisionAndAudit()
    {
        var recorded = Assert.IsType<ApprovalResult.Recorded>(Apply(UnderReview(), Sam, ApprovalRequestKind.Approve));
        Assert.Equal(SubmissionStatus.Approved, recorded.Submission.Status);
        var decision = Assert.Single(recorded.Submission.Decisions);
        Assert.Equal((Sam, ApproverRole.Smt, DecisionKind.Approve, "activity-1"), (decision.By, decision.Role, decision.Kind, decision.FromActivityId));
        var audit = Assert.Single(recorded.Submission.Audit);
        Assert.Equal((SubmissionStatus.UnderReview, SubmissionStatus.Approved, "smt-1"), (audit.From!.Value, audit.To, audit.ById));
    }

    [Fact]
    public void Apply_RuleAllFirstApproval_StaysUnderReviewUntilEveryMemberApproves()
    {
        var first = Assert.IsType<ApprovalResult.Recorded>(Apply(UnderReview(), Sam, ApprovalRequestKind.Approve, rule: ApprovalRule.All));
        Assert.Equal(SubmissionStatus.UnderReview, first.Submission.Status);
        Assert.IsType<ApprovalResult.Invalid>(Apply(first.Submission, Sam, ApprovalRequestKind.Approve, rule: ApprovalRule.All, activity: "activity-2"));
        Assert.IsType<ApprovalResult.Stale>(Apply(first.Submission, Sam, ApprovalRequestKind.Approve, rule: ApprovalRule.All));

        var second = Assert.IsType<ApprovalResult.Recorded>(Apply(first.Submission, Sue, ApprovalRequestKind.Approve, rule: ApprovalRule.All, activity: "activity-3"));
        Assert.Equal(SubmissionStatus.Approved, second.Submission.Status);
        Assert.Equal(2, second.Submission.Decisions.Count);
    }

    [Theory]
    [InlineData("Reject")]
    [InlineData("RequestChanges")]
    [InlineData("Refer")]
    public void Apply_DecisionOtherThanApproveWithoutComment_IsInvalid(string kind)
    {
        var result = Assert.IsType<ApprovalResult.Invalid>(Apply(UnderReview(), Sam, Enum.Parse<ApprovalRequestKind>(kind), comment: "  "));
        Assert.Equal(ApprovalRules.CommentRequired, result.Message);
    }

    [Fact]
    public void Apply_NotAnApprover_IsNotAllowed()
    {
        Assert.IsType<ApprovalResult.NotAllowed>(Apply(UnderReview(), new Actor("mallory", "Sam"), ApprovalRequestKind.Approve));
        Assert.IsType<ApprovalResult.NotAllowed>(Apply(UnderReview(), new Actor("mallory", "Sam"), ApprovalRequestKind.Comment, "hi"));
    }

    [Fact]
    public void Apply_PpmDecides_IsNotAllowed_ButCanComment()
    {
        Assert.IsType<ApprovalResult.NotAllowed>(Apply(UnderReview(), Pat, ApprovalRequestKind.Approve));
        var commented = Assert.IsType<ApprovalResult.Recorded>(Apply(UnderReview(), Pat, ApprovalRequestKind.Comment, "Check the exit terms"));
        Assert.Equal(SubmissionStatus.UnderReview, commented.Submission.Status);
        Assert.Equal("Check the exit terms", Assert.Single(commented.Submission.Comments).Text);
        Assert.Null(commented.Decision);
    }

    [Fact]
    public void Apply_AfterDecision_ReportsWhoDecidedFirst()
    {
        var approved = Assert.IsType<ApprovalResult.Recorded>(Apply(UnderReview(), Sam, ApprovalRequestKind.Approve)).Submission;
        var late = Assert.IsType<ApprovalResult.AlreadyDecided>(Apply(approved, Sue, ApprovalRequestKind.Reject, "no"));
        Assert.Equal(Sam, late.Decision.By);
    }

    [Fact]
    public void Apply_Referred_OnlyPpmRecordsExecutiveDecisionWithMeetingDate()
    {
        var referred = Assert.IsType<ApprovalResult.Recorded>(Apply(UnderReview(), Sam, ApprovalRequestKind.Refer, "Needs Executive")).Submission;
        Assert.Equal(SubmissionStatus.ReferredToExecutive, referred.Status);
        Assert.IsType<ApprovalResult.NotAllowed>(Apply(referred, Sue, ApprovalRequestKind.Approve));
        Assert.IsType<ApprovalResult.Invalid>(Apply(referred, Pat, ApprovalRequestKind.RecordExecutive, executiveApproved: true));

        var meeting = new DateOnly(2026, 4, 2);
        var done = Assert.IsType<ApprovalResult.Recorded>(Apply(referred, Pat, ApprovalRequestKind.RecordExecutive, executiveApproved: false, meeting: meeting));
        Assert.Equal(SubmissionStatus.Rejected, done.Submission.Status);
        Assert.Equal((DecisionKind.ExecutiveRejected, meeting), (done.Decision!.Kind, done.Decision.MeetingDate!.Value));
    }

    [Fact]
    public void Apply_DivisionalHeadStage_OnlyTheDivisionalHeadEndorsesOrSendsBack()
    {
        var waiting = UnderReview(SubmissionStatus.AwaitingDivisionalHead, dh: "dana");
        Assert.IsType<ApprovalResult.NotAllowed>(Apply(waiting, Sam, ApprovalRequestKind.Approve));
        Assert.Equal(["dana"], ApprovalRules.ActorsNow(waiting, Ppm));

        // Endorsing needs the s.4.1 assessment; sending back does not.
        Assert.Equal(DivisionalHeadAssessment.Incomplete, Assert.IsType<ApprovalResult.Invalid>(Apply(waiting, new Actor("dana", "Dana"), ApprovalRequestKind.Approve)).Message);
        var assessment = new DivisionalHeadAssessment(AimsFit.Complements, "Fills a gap in youth provision", "Worth doing", ReportToExecutive: true);
        var endorsed = Assert.IsType<ApprovalResult.Recorded>(ApprovalRules.Apply(waiting,
            new ApprovalRequest(new Actor("dana", "Dana"), ApprovalRequestKind.Approve, null, "activity-1", Assessment: assessment), ApprovalRule.AnyOne, Ppm, Now));
        Assert.Equal(assessment, endorsed.Decision!.Assessment);
        Assert.Contains("assessment: Complements; report to the Executive: yes", endorsed.Submission.Audit[^1].What);
        Assert.Equal((SubmissionStatus.UnderReview, DecisionKind.Endorse), (endorsed.Submission.Status, endorsed.Decision!.Kind));
        Assert.Equal(["smt-1", "smt-2", Ppm], ApprovalRules.ActorsNow(endorsed.Submission, Ppm));

        var sentBack = Assert.IsType<ApprovalResult.Recorded>(Apply(waiting, new Actor("dana", "Dana"), ApprovalRequestKind.RequestChanges, "More on costs"));
        Assert.Equal(SubmissionStatus.ChangesRequested, sentBack.Submission.Status);
    }

    [Theory]
    [InlineData(false, null, "UnderReview")]
    [InlineData(true, "dana", "AwaitingDivisionalHead")]
    [InlineData(true, null, "Submitted")]
    public void FirstStatus_DependsOnStageAndManager(bool stage, string? dh, string expected) =>
        Assert.Equal(Enum.Parse<SubmissionStatus>(expected), ApprovalRules.FirstStatus(stage, dh));

    [Fact]
    public void AssignDivisionalHead_BySubmitterOrPpm_WaitsForThem_ByOthersOrSelf_Refused()
    {
        var submitted = UnderReview(SubmissionStatus.Submitted);
        Assert.IsType<ApprovalResult.NotAllowed>(ApprovalRules.AssignDivisionalHead(submitted, Sam, "dana", Ppm, Now));
        var byPpm = Assert.IsType<ApprovalResult.Recorded>(ApprovalRules.AssignDivisionalHead(submitted, Pat, "dana", Ppm, Now));
        Assert.False(byPpm.Submission.OutcomeToPublish);
        var changed = Assert.IsType<ApprovalResult.Recorded>(ApprovalRules.AssignDivisionalHead(byPpm.Submission, Pat, "dave", Ppm, Now));
        Assert.Equal("dave", changed.Submission.DivisionalHeadId);
        Assert.True(changed.Submission.OutcomeToPublish);
        Assert.IsType<ApprovalResult.Invalid>(ApprovalRules.AssignDivisionalHead(submitted, submitted.Submitter, "alice", "", Now));
        var named = Assert.IsType<ApprovalResult.Recorded>(ApprovalRules.AssignDivisionalHead(submitted, submitted.Submitter, "dana", "", Now));
        Assert.Equal(("dana", SubmissionStatus.AwaitingDivisionalHead), (named.Submission.DivisionalHeadId, named.Submission.Status));
    }

    [Fact]
    public void Apply_SubmitterIsSmtOrPpm_CannotDecideAndIsNotAskedTo()
    {
        var own = UnderReview() with { Submitter = Sam };
        Assert.Equal(ApprovalRules.OwnProposal, Assert.IsType<ApprovalResult.NotAllowed>(Apply(own, Sam, ApprovalRequestKind.Approve)).Message);
        Assert.DoesNotContain(Sam.Id, ApprovalRules.ActorsNow(own, Ppm));
        var referred = UnderReview(SubmissionStatus.ReferredToExecutive) with { Submitter = Pat };
        Assert.IsType<ApprovalResult.NotAllowed>(Apply(referred, Pat, ApprovalRequestKind.RecordExecutive, executiveApproved: true, meeting: new DateOnly(2026, 4, 1)));
        Assert.Empty(ApprovalRules.ActorsNow(referred, Ppm));
    }

    [Fact]
    public void Apply_CardOfAnOlderProposalVersion_IsStaleAndChangesNothing()
    {
        var v2 = UnderReview() with { ProposalVersion = 2 };
        var result = ApprovalRules.Apply(v2, new ApprovalRequest(Sam, ApprovalRequestKind.Approve, null, "a-9", SeenProposalVersion: 1), ApprovalRule.AnyOne, Ppm, Now);
        Assert.Equal(ApprovalRules.ChangedSinceCard, Assert.IsType<ApprovalResult.Stale>(result).Message);
        var current = ApprovalRules.Apply(v2, new ApprovalRequest(Sam, ApprovalRequestKind.Approve, null, "a-9", SeenProposalVersion: 2), ApprovalRule.AnyOne, Ppm, Now);
        Assert.IsType<ApprovalResult.Recorded>(current);
    }
}
