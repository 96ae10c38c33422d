using PartnershipBot.Cards;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.Audit;
using PartnershipBot.Features.AuditReport;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Features.Welcome;
using PartnershipBot.Notifications;
using PartnershipBot.Turns;

namespace PartnershipBot.Hosting;

/// <summary>Every command and card verb the bot understands, and the feature that handles it: the bot's table of contents.</summary>
internal static class TurnRoutes
{
    public static TurnRouter Build() => new TurnRouter()
        // Welcome and help
        .Welcome((turn, ct) => turn.Get<WelcomeHandler>().ShowAsync(turn, ct))
        .Command("help", "What you can do and type, by role", (turn, _, ct) => turn.Get<WelcomeHandler>().HelpAsync(turn, ct))
        .Verb(CardVerbs.MenuHelp, (turn, _, ct) => turn.Get<WelcomeHandler>().HelpCardAsync(turn, ct))
        .Verb(CardVerbs.MenuShow, (turn, _, ct) => turn.Get<WelcomeHandler>().CardAsync(turn, ct))

        // Questionnaire journeys (one engine for all of them)
        .Command("new partnership", "Propose a new partnership: the Questions for New Partnerships and a risk assessment",
            (turn, _, ct) => turn.Get<JourneyHandler>().NewPartnershipCommandAsync(turn, ct))
        .Command("resume", "Carry on with a draft", (turn, _, ct) => turn.Get<JourneyHandler>().ResumeCommandAsync(turn, ct))
        .Command("cancel", "Cancel the draft you have open (it is kept)", (turn, _, ct) => turn.Get<JourneyHandler>().CancelCommandAsync(turn, ct))
        .Verb(CardVerbs.MenuNewPartnership, (turn, _, ct) => turn.Get<JourneyHandler>().StartAsync(turn, Features.Questionnaires.QuestionnaireIds.NewPartnership, null, null, ct))
        .Verb(CardVerbs.StepNext, (turn, a, ct) => turn.Get<JourneyHandler>().NextAsync(turn, a, ct))
        .Verb(CardVerbs.StepBack, (turn, a, ct) => turn.Get<JourneyHandler>().BackAsync(turn, a, ct))
        .Verb(CardVerbs.StepSkip, (turn, a, ct) => turn.Get<JourneyHandler>().SkipAsync(turn, a, ct))
        .Verb(CardVerbs.StepAddItem, (turn, a, ct) => turn.Get<JourneyHandler>().AddItemAsync(turn, a, ct))
        .Verb(CardVerbs.StepSkipGroup, (turn, a, ct) => turn.Get<JourneyHandler>().SkipGroupAsync(turn, a, ct))
        .Verb(CardVerbs.StepSkipGroupConfirm, (turn, a, ct) => turn.Get<JourneyHandler>().SkipGroupConfirmAsync(turn, a, ct))
        .Verb(CardVerbs.StepSaveExit, (turn, a, ct) => turn.Get<JourneyHandler>().SaveAndExitAsync(turn, a, ct))
        .Verb(CardVerbs.ReviewEdit, (turn, a, ct) => turn.Get<JourneyHandler>().EditAsync(turn, a, ct))
        .Verb(CardVerbs.ReviewSubmit, (turn, a, ct) => turn.Get<JourneyHandler>().SubmitAsync(turn, a, ct))
        .Verb(CardVerbs.ReviewGroup, (turn, a, ct) => turn.Get<JourneyHandler>().ReviewGroupAsync(turn, a, ct))
        .Verb(CardVerbs.DraftResume, (turn, a, ct) => turn.Get<JourneyHandler>().ResumeAsync(turn, a, ct))
        .Verb(CardVerbs.DraftCancel, (turn, a, ct) => turn.Get<JourneyHandler>().CancelAsync(turn, a, ct))
        .Verb(CardVerbs.DraftCancelConfirm, (turn, a, ct) => turn.Get<JourneyHandler>().CancelConfirmAsync(turn, a, ct))
        // "No" on a confirmation goes back to what was being confirmed: the partnership, or the draft's question.
        .Verb(CardVerbs.ConfirmCancel, (turn, a, ct) => a.GetString("kind") == Cards.Views.ConfirmView.EndPartnershipKind
            ? turn.Get<RegisterHandler>().KeepAsync(turn, a, ct)
            : turn.Get<JourneyHandler>().ResumeAsync(turn, a, ct))
        // Hallmarks of Effective Partnerships self-assessment (the journey above runs its questions)
        .Command("assess", "Hallmarks of Effective Partnerships self-assessment of a partnership",
            (turn, args, ct) => turn.Get<HallmarkHandler>().AssessCommandAsync(turn, args, ct))
        .Verb(CardVerbs.MenuAssess, (turn, a, ct) => turn.Get<HallmarkHandler>().MenuAsync(turn, a, ct))
        .Verb(CardVerbs.AssessStart, (turn, a, ct) => turn.Get<HallmarkHandler>().StartChosenAsync(turn, a, ct))
        .Verb(CardVerbs.AssessBegin, (turn, a, ct) => turn.Get<HallmarkHandler>().BeginAsync(turn, a, ct))
        .Verb(CardVerbs.AssessDismiss, (turn, a, ct) => turn.Get<HallmarkHandler>().DismissAsync(turn, a, ct))
        .Verb(CardVerbs.AssessTakeOver, (turn, a, ct) => turn.Get<HallmarkTakeOver>().TakeOverAsync(turn, a, ct))
        .Verb(CardVerbs.AssessCancelIdle, (turn, a, ct) => turn.Get<HallmarkTakeOver>().CancelAsync(turn, a, ct))
        .Verb(CardVerbs.AssessPlan, (turn, a, ct) => turn.Get<HallmarkPlanHandler>().PageAsync(turn, a, ct))
        .Text((turn, text, ct) => turn.Get<JourneyHandler>().TypedAnswerAsync(turn, text, ct))

        // Partnerships register, annual cycle and Audit Committee report
        .Command("my partnerships", "The partnerships you lead, with what is due", (turn, _, ct) => turn.Get<RegisterHandler>().MyPartnershipsAsync(turn, ct))
        .Command("register", "The key partnerships register; filter with e.g. \"register overdue\", \"register role HCS\"",
            (turn, args, ct) => turn.Get<RegisterHandler>().RegisterCommandAsync(turn, args, ct))
        .Command("audit report", "The Audit Committee report for a year (People and Policy Manager, Audit & Performance Management)",
            (turn, args, ct) => turn.Get<AuditReportHandler>().CommandAsync(turn, args, ct))
        .Verb(CardVerbs.MenuRegister, (turn, a, ct) => turn.Get<RegisterHandler>().MenuRegisterAsync(turn, a, ct))
        .Verb(CardVerbs.MenuAuditReport, (turn, a, ct) => turn.Get<AuditReportHandler>().MenuAsync(turn, a, ct))
        .Verb(CardVerbs.MenuMyPartnerships, (turn, a, ct) => turn.Get<RegisterHandler>().MenuMyPartnershipsAsync(turn, a, ct))
        .Verb(CardVerbs.RegisterFilter, (turn, a, ct) => turn.Get<RegisterHandler>().FilterAsync(turn, a, ct))
        .Verb(CardVerbs.PartnershipOpen, (turn, a, ct) => turn.Get<RegisterHandler>().OpenAsync(turn, a, ct))
        .Verb(CardVerbs.PartnershipStage, (turn, a, ct) => turn.Get<RegisterHandler>().ChangeStageAsync(turn, a, ct))
        .Verb(CardVerbs.PartnershipEdit, (turn, a, ct) => turn.Get<RegisterHandler>().EditFormAsync(turn, a, ct))
        .Verb(CardVerbs.PartnershipSave, (turn, a, ct) => turn.Get<RegisterHandler>().SaveAsync(turn, a, ct))
        .Verb(CardVerbs.PartnershipEnd, (turn, a, ct) => turn.Get<RegisterHandler>().EndAsync(turn, a, ct))
        .Verb(CardVerbs.PartnershipEndConfirm, (turn, a, ct) => turn.Get<RegisterHandler>().EndConfirmAsync(turn, a, ct))
        .Verb(CardVerbs.AnnualStart, (turn, a, ct) => turn.Get<ReviewStart>().StartAsync(turn, a, ct))
        // The annual digest's other buttons (issue 17.7): remind me in a week, not my partnership (to the PPM), delegate
        .Verb(CardVerbs.AnnualSnooze, (turn, a, ct) => turn.Get<AnnualPromptActions>().SnoozeAsync(turn, a, ct))
        .Verb(CardVerbs.AnnualNotMine, (turn, a, ct) => turn.Get<AnnualPromptActions>().NotMineFormAsync(turn, a, ct))
        .Verb(CardVerbs.AnnualNotMineSend, (turn, a, ct) => turn.Get<AnnualPromptActions>().NotMineAsync(turn, a, ct))
        .Verb(CardVerbs.AnnualDelegate, (turn, a, ct) => turn.Get<AnnualPromptActions>().DelegateFormAsync(turn, a, ct))
        .Verb(CardVerbs.AnnualDelegateSend, (turn, a, ct) => turn.Get<AnnualPromptActions>().DelegateAsync(turn, a, ct))
        .Verb(CardVerbs.AnnualReassign, (turn, a, ct) => turn.Get<AnnualReassignment>().ReassignAsync(turn, a, ct))
        // SMT's decisions on submitted reviews, the lead officer's answers, contingent liabilities after disengagement
        .Verb(CardVerbs.SmtReviewOpen, (turn, a, ct) => turn.Get<ReviewDecisionHandler>().OpenAsync(turn, a, ct))
        .Verb(CardVerbs.SmtReviewDecide, (turn, a, ct) => turn.Get<ReviewDecisionHandler>().DecideAsync(turn, a, ct))
        .Verb(CardVerbs.SmtReviewAnswer, (turn, a, ct) => turn.Get<ReviewDecisionHandler>().AnswerAsync(turn, a, ct))
        .Verb(CardVerbs.LiabilitiesStart, (turn, a, ct) => turn.Get<ContingentLiabilities>().StartAsync(turn, a, ct))
        // The Audit & Performance Management team: committee comments and recommendations (4.4-4.6)
        .Command("committee", "A partnership's Audit Committee and Review Committee comments and recommendations, e.g. \"committee Community Safety\"",
            (turn, args, ct) => turn.Get<CommitteeRecords>().CommandAsync(turn, args, ct))
        .Verb(CardVerbs.CommitteeOpen, (turn, a, ct) => turn.Get<CommitteeRecords>().OpenAsync(turn, a, ct))
        .Verb(CardVerbs.CommitteeSave, (turn, a, ct) => turn.Get<CommitteeRecords>().SaveAsync(turn, a, ct))
        .Verb(CardVerbs.CommitteeDone, (turn, a, ct) => turn.Get<CommitteeRecords>().DoneAsync(turn, a, ct))
        // ... the audit of each cycle's annual reviews: coverage computed, content assessed (4.4)
        .Command("audit reviews", "The A&PM audit of a year's annual reviews: coverage and content, e.g. \"audit reviews 2027\"",
            (turn, args, ct) => turn.Get<ReviewAuditHandler>().CommandAsync(turn, args, ct))
        .Verb(CardVerbs.MenuAuditReviews, (turn, a, ct) => turn.Get<ReviewAuditHandler>().MenuAsync(turn, a, ct))
        .Verb(CardVerbs.AuditAssess, (turn, a, ct) => turn.Get<ReviewAuditHandler>().AssessAsync(turn, a, ct))
        // ... and specific partnership reviews with the division's input and the lead officer's recommendation to SMT (4.5)
        .Command("specific reviews", "The A&PM team's specific partnership reviews; open one on any partnership",
            (turn, args, ct) => turn.Get<SpecificReviewList>().CommandAsync(turn, args, ct))
        .Verb(CardVerbs.MenuSpecificReviews, (turn, a, ct) => turn.Get<SpecificReviewList>().MenuAsync(turn, a, ct))
        .Verb(CardVerbs.SpecificOpen, (turn, a, ct) => turn.Get<SpecificReviews>().OpenAsync(turn, a, ct))
        .Verb(CardVerbs.SpecificShow, (turn, a, ct) => turn.Get<SpecificReviews>().ShowAsync(turn, a, ct))
        .Verb(CardVerbs.SpecificInput, (turn, a, ct) => turn.Get<SpecificReviews>().InputAsync(turn, a, ct))
        .Verb(CardVerbs.SpecificReport, (turn, a, ct) => turn.Get<SpecificReviews>().ReportAsync(turn, a, ct))
        .Verb(CardVerbs.SpecificRecommend, (turn, a, ct) => turn.Get<SpecificReviews>().RecommendAsync(turn, a, ct))
        // The rolling three-yearly programme (People and Policy Manager)
        .Command("review programme", "Plan each partnership's three-yearly review cycle (People and Policy Manager)",
            (turn, args, ct) => turn.Get<ReviewProgrammeHandler>().CommandAsync(turn, args, ct))
        .Verb(CardVerbs.ProgrammeSave, (turn, a, ct) => turn.Get<ReviewProgrammeHandler>().SaveAsync(turn, a, ct))

        // Notifications: dead letters (People and Policy Manager)
        .Command("outbox", "Undelivered notifications; \"outbox retry <id>\" sends one again (People and Policy Manager only)",
            (turn, arguments, ct) => turn.Get<OutboxCommands>().HandleAsync(turn, arguments, ct))
        // Operations: an online backup of the LiteDB file (operators)
        .Command("backup", "Take an online backup of the bot's database (People and Policy Manager and operators only)",
            (turn, _, ct) => turn.Get<Operations.BackupCommand>().HandleAsync(turn, ct))
        // Approval of new partnerships (Divisional Head, SMT, Executive via the PPM)
        .Verb(CardVerbs.ApprovalApprove, (turn, a, ct) => turn.Get<ApprovalHandler>().ActAsync(turn, a, ApprovalRequestKind.Approve, ct))
        .Verb(CardVerbs.ApprovalReject, (turn, a, ct) => turn.Get<ApprovalHandler>().ActAsync(turn, a, ApprovalRequestKind.Reject, ct))
        .Verb(CardVerbs.ApprovalRequestChanges, (turn, a, ct) => turn.Get<ApprovalHandler>().ActAsync(turn, a, ApprovalRequestKind.RequestChanges, ct))
        .Verb(CardVerbs.ApprovalRefer, (turn, a, ct) => turn.Get<ApprovalHandler>().ActAsync(turn, a, ApprovalRequestKind.Refer, ct))
        .Verb(CardVerbs.ApprovalComment, (turn, a, ct) => turn.Get<ApprovalHandler>().ActAsync(turn, a, ApprovalRequestKind.Comment, ct))
        .Verb(CardVerbs.ApprovalRecordExecutive, (turn, a, ct) => turn.Get<ApprovalHandler>().ActAsync(turn, a, ApprovalRequestKind.RecordExecutive, ct))
        .Verb(CardVerbs.ApprovalRefresh, (turn, a, ct) => turn.Get<ApprovalHandler>().RefreshAsync(turn, a, ct))
        .Verb(CardVerbs.ProposalOpen, (turn, a, ct) => turn.Get<ProposalHandler>().OpenAsync(turn, a, ct))
        .Verb(CardVerbs.ProposalReopen, (turn, a, ct) => turn.Get<ReopenProposal>().ReopenFromCardAsync(turn, a, ct))
        .Verb(CardVerbs.ApprovalReassign, (turn, a, ct) => turn.Get<ApprovalReassignment>().ReassignAsync(turn, a, ct))
        .Verb(CardVerbs.ApprovalNotMine, (turn, a, ct) => turn.Get<ApprovalHandler>().ActAsync(turn, a, ApprovalRequestKind.NotMine, ct))
        .Verb(CardVerbs.ProposalHistory, (turn, a, ct) => turn.Get<ProposalLists>().HistoryAsync(turn, a, ct))
        .Verb(CardVerbs.ProposalWithdraw, (turn, a, ct) => turn.Get<ProposalWithdrawal>().WithdrawFromCardAsync(turn, a, ct))
        .Verb(CardVerbs.ProposalDueDate, (turn, a, ct) => turn.Get<DecisionDueDate>().SetAsync(turn, a, ct))
        .Verb(CardVerbs.ProposalDivisionalHead, (turn, a, ct) => turn.Get<DivisionalHeads>().NameFromCardAsync(turn, a, ct))
        .Command("approvals", "Proposals waiting for your decision, oldest first",
            (turn, _, ct) => turn.Get<ProposalLists>().ApprovalsCommandAsync(turn, ct))
        .Command("my proposals", "Your new partnership proposals: where each is and who has still to decide",
            (turn, _, ct) => turn.Get<ProposalLists>().MyProposalsCommandAsync(turn, ct))
        .Command("withdraw", "Withdraw your proposal that is waiting for a decision",
            (turn, _, ct) => turn.Get<ProposalWithdrawal>().WithdrawCommandAsync(turn, ct))
        .Command("divisional head", "Name your Divisional Head when the directory has none for you",
            (turn, args, ct) => turn.Get<DivisionalHeads>().NameAsync(turn, args, ct))
        .Command("reopen", "Edit a proposal sent back for changes and submit it again",
            (turn, _, ct) => turn.Get<ReopenProposal>().ReopenCommandAsync(turn, ct))

        // Word papers (proposal, review report, Audit Committee summary): a one-use link for whoever may read it
        .Verb(CardVerbs.DocumentDownload, (turn, a, ct) => turn.Get<DownloadHandler>().DownloadAsync(turn, a, ct))

        // Anything else gets the menu, with "did you mean" when it is close to a command, never silence
        .Unknown((turn, text, ct) => turn.Get<WelcomeHandler>().UnknownAsync(turn, text, ct));
}
