namespace PartnershipBot.Cards;

/// <summary>
/// Verbs of the card buttons, shared by the templates in cards/ and the turn router. Every Action.Execute's
/// data carries {"verb": same verb} plus the ids its handler needs; a test keeps this list and the templates in step.
/// </summary>
internal static class CardVerbs
{
    public const string MenuNewPartnership = "menu.new-partnership";
    public const string MenuAssess = "menu.assess";
    public const string MenuMyPartnerships = "menu.my-partnerships";
    public const string MenuRegister = "menu.register";
    public const string MenuHelp = "menu.help";
    public const string MenuShow = "menu.show";

    public const string DraftResume = "draft.resume";
    public const string DraftCancel = "draft.cancel";
    public const string DraftCancelConfirm = "draft.cancel-confirm";

    public const string StepNext = "step.next";
    public const string StepBack = "step.back";
    public const string StepSkip = "step.skip";
    public const string StepSaveExit = "step.save-exit";
    public const string StepAddItem = "step.add-item";
    public const string StepSkipGroup = "step.skip-group";
    public const string StepSkipGroupConfirm = "step.skip-group-confirm";

    public const string ReviewEdit = "review.edit";
    public const string ReviewSubmit = "review.submit";
    public const string ReviewGroup = "review.group";

    public const string ApprovalApprove = "approval.approve";
    public const string ApprovalReject = "approval.reject";
    public const string ApprovalRequestChanges = "approval.request-changes";
    public const string ApprovalRefer = "approval.refer";
    public const string ApprovalComment = "approval.comment";
    public const string ApprovalRecordExecutive = "approval.record-executive";
    public const string ApprovalRefresh = "approval.refresh";
    public const string ProposalOpen = "proposal.open";
    public const string ProposalReopen = "proposal.reopen";
    public const string ApprovalNotMine = "approval.not-mine";
    public const string ProposalHistory = "proposal.history";
    public const string ProposalWithdraw = "proposal.withdraw";
    public const string ProposalDueDate = "proposal.due-date";
    public const string ProposalDivisionalHead = "proposal.divisional-head";
    public const string ApprovalReassign = "approval.reassign";

    public const string PartnershipOpen = "partnership.open";
    public const string PartnershipEdit = "partnership.edit";
    public const string PartnershipStage = "partnership.stage";
    public const string PartnershipEnd = "partnership.end";
    public const string PartnershipEndConfirm = "partnership.end-confirm";
    public const string PartnershipSave = "partnership.save";

    public const string RegisterFilter = "register.filter";
    public const string AnnualStart = "annual.start";
    public const string AnnualSnooze = "annual.snooze";
    public const string AnnualNotMine = "annual.notmine";
    public const string AnnualNotMineSend = "annual.notmine-send";
    public const string AnnualDelegate = "annual.delegate";
    public const string AnnualDelegateSend = "annual.delegate-send";
    public const string AnnualReassign = "annual.reassign";
    public const string SmtReviewOpen = "smt-review.open";
    public const string SmtReviewDecide = "smt-review.decide";
    public const string SmtReviewAnswer = "smt-review.answer";
    public const string LiabilitiesStart = "liabilities.start";
    public const string ProgrammeSave = "programme.save";
    public const string AssessStart = "assess.start";
    public const string AssessPlan = "assess.plan";
    public const string AssessBegin = "assess.begin";
    public const string AssessDismiss = "assess.dismiss";
    public const string AssessTakeOver = "assess.take-over";
    public const string AssessCancelIdle = "assess.cancel-idle";
    public const string ConfirmCancel = "confirm.cancel";

    public const string DocumentDownload = "document.download";

    // The Audit & Performance Management team (4.4-4.6)
    public const string MenuAuditReport = "menu.audit-report";
    public const string CommitteeOpen = "committee.open";
    public const string CommitteeSave = "committee.save";
    public const string CommitteeDone = "committee.done";
    public const string MenuAuditReviews = "menu.audit-reviews";
    public const string AuditAssess = "audit.assess";
    public const string MenuSpecificReviews = "menu.specific-reviews";
    public const string SpecificOpen = "specific.open";
    public const string SpecificShow = "specific.show";
    public const string SpecificInput = "specific.input";
    public const string SpecificReport = "specific.report";
    public const string SpecificRecommend = "specific.recommend";

    /// <summary>Every verb above.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(CardVerbs)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();
}
