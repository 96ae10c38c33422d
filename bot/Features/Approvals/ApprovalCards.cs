using System.Globalization;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Approvals;

/// <summary>The approval feature's cards: the approval request (per viewer), the decision outcome, the submitted card.</summary>
internal sealed class ApprovalCards(CardRenderer renderer, QuestionnaireCatalog catalog)
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The approval card as <paramref name="viewerId"/> should see it: their own actions when they may act now, else the status.</summary>
    public JsonObject Request(Submission s, Draft draft, string ppmId, string? viewerId, string? message = null, IReadOnlyDictionary<string, string>? names = null,
        IReadOnlyDictionary<string, string>? typed = null)
    {
        var actors = ApprovalRules.ActorsNow(s, ppmId);
        var canAct = viewerId is not null && actors.Contains(viewerId, StringComparer.OrdinalIgnoreCase);
        var isPpm = viewerId is not null && ppmId.Length > 0 && string.Equals(viewerId, ppmId, StringComparison.OrdinalIgnoreCase);
        var guidanceOnly = canAct && isPpm && s.Status == SubmissionStatus.UnderReview && !s.SmtIds.Contains(viewerId!, StringComparer.OrdinalIgnoreCase);
        var role = s.Status switch
        {
            SubmissionStatus.AwaitingDivisionalHead => "You are asked to endorse this proposal, or send it back, as the submitter's Divisional Head.",
            SubmissionStatus.ReferredToExecutive => "As People and Policy Manager, record the Executive's decision and the date of its meeting.",
            _ when guidanceOnly => "As People and Policy Manager you are made aware of this proposal so you can give guidance: SMT decides. Your comment is shown to SMT and the submitter.",
            _ => "You are asked to decide as a member of the Senior Management Team.",
        };
        if (s.Status == SubmissionStatus.UnderReview && !guidanceOnly && Assessment(s) is { ReportToExecutive: true })
        {
            // s.4.1: the Divisional Head's recommendation carries through to SMT, who refer it (the PPM then records the outcome).
            role += " The Divisional Head recommends reporting this proposal to the Executive: use Refer to Executive to do so.";
        }

        var flags = Flags(s, draft);

        // An approver hands on their own pending decision; the PPM anyone's (choosing whose), e.g. for someone on leave.
        var pending = ApprovalReminders.Recipients(s, ppmId).Where(id => !string.Equals(id, ppmId, StringComparison.OrdinalIgnoreCase)).ToList();
        var canReassign = canAct && s.Status is SubmissionStatus.AwaitingDivisionalHead or SubmissionStatus.UnderReview
            && (isPpm ? pending.Count > 0 : pending.Contains(viewerId!, StringComparer.OrdinalIgnoreCase));
        var reassignFrom = canReassign && isPpm
            ? pending.Select(id => new ChoiceView(names?.GetValueOrDefault(id) ?? ApprovalNames.Unnamed(id), id)).ToList()
            : null;
        return renderer.Render(new ApprovalRequestView(
            s.Id, s.Version, s.Id, s.Title, "New partnership proposal", s.Submitter.Name, When(s.SubmittedAt),
            Summary(draft, s), actors, role, canAct,
            CanRefer: s.Status == SubmissionStatus.UnderReview,
            IsReferredToExecutive: s.Status == SubmissionStatus.ReferredToExecutive,
            IsDivisionalHeadStage: s.Status == SubmissionStatus.AwaitingDivisionalHead,
            StatusText(s),
            message,
            s.ProposalVersion,
            flags.Text(),
            flags.NotMet > 0 || flags.HighestRisk == RiskBand.High ? "attention" : "default",
            guidanceOnly,
            canReassign,
            reassignFrom)
        {
            // What was typed comes back whole (a refused over-long text too, without the client's limit, so it can be
            // edited down rather than cut); beyond twice the limit it is shown cut, to keep the card under 40 KB.
            CommentValue = Typed(typed, "comment"),
            ReasoningValue = Typed(typed, "aimsReasoning"),
            ConclusionsValue = Typed(typed, "conclusions"),
            CommentMaxLength = Limit(typed, "comment"),
            ReasoningMaxLength = Limit(typed, "aimsReasoning"),
            ConclusionsMaxLength = Limit(typed, "conclusions"),
            LimitText = ApprovalRules.MaxTextLength.ToString("N0", CultureInfo.InvariantCulture),
        });
    }

    private static string Typed(IReadOnlyDictionary<string, string>? typed, string id) =>
        CardText.Shorten(typed?.GetValueOrDefault(id) ?? "", 2 * ApprovalRules.MaxTextLength);

    private static int? Limit(IReadOnlyDictionary<string, string>? typed, string id) =>
        (typed?.GetValueOrDefault(id)?.Length ?? 0) > ApprovalRules.MaxTextLength ? null : ApprovalRules.MaxTextLength;

    /// <summary>What an approver should notice before deciding: the 3.1 checks not met, the highest risk, questions marked Not applicable.</summary>
    public ProposalFlags Flags(Submission s, Draft draft) =>
        ProposalQueries.Build(s, draft, null, s.ProposalVersion, catalog.Get(QuestionnaireIds.NewPartnership)).Flags;

    /// <summary>The read-only outcome every copy of the approval card becomes once decided.</summary>
    public JsonObject Outcome(Submission s, DecisionRecord d) => renderer.Render(new DecisionOutcomeView(
        s.Id, s.Title, DecisionText(d.Kind) + (d.MeetingDate is { } meeting ? $" at its meeting on {UkDate.Day(meeting)}" : ""), $"{d.By.Name} ({RoleText(d.Role)})", When(d.At), d.Comment,
        RegisterId: s.Status == SubmissionStatus.Approved && d.Kind is DecisionKind.Approve or DecisionKind.ExecutiveApproved
            ? PartnershipRegister.IdForSubmission(s.Id)
            : null,
        CanReopen: s.Status == SubmissionStatus.ChangesRequested && d.ProposalVersion == s.ProposalVersion,
        NeedsDivisionalHead: d.Kind == DecisionKind.NotTheDivisionalHead && s.Status == SubmissionStatus.Submitted));

    public JsonObject Submitted(Submission s, string nextSteps) => renderer.Render(new SubmittedView(
        "New partnership proposal", s.Id, s.Title, Reference(s.Id), When(s.SubmittedAt), nextSteps, IsProposal: true,
        DownloadKind: ProposalDocumentSource.DocumentKind, DownloadSubject: s.Id,
        NeedsDivisionalHead: s.Status == SubmissionStatus.Submitted,
        MayChangeDivisionalHead: s.Status == SubmissionStatus.AwaitingDivisionalHead));

    /// <summary>The reference officers quote, as the journey shows it: NP- and the first draft id's start.</summary>
    public static string Reference(string submissionId) => "NP-" + submissionId[..Math.Min(6, submissionId.Length)].ToUpperInvariant();

    public JsonObject Error(string title, string message) => renderer.Render(new ErrorView(title, message));

    public static string StatusText(Submission s) => s.Status switch
    {
        SubmissionStatus.AwaitingDivisionalHead => "Waiting for the submitter's Divisional Head to endorse the proposal.",
        SubmissionStatus.UnderReview => "Awaiting a decision by the Senior Management Team." + ApprovalsSoFar(s),
        SubmissionStatus.ReferredToExecutive => "Referred to the Executive: waiting for the People and Policy Manager to record its decision.",
        _ when s.Final is { Kind: DecisionKind.Withdrawn } d => $"Withdrawn by {d.By.Name} on {When(d.At)}.",
        _ when s.Final is { } d => $"{DecisionText(d.Kind)} by {d.By.Name} on {When(d.At)}.",
        _ => "Submitted: waiting for the submitter (or the People and Policy Manager) to name the Divisional Head.",
    };

    /// <summary>"already approved by X at T" and the like.</summary>
    public static string AlreadyDecidedText(DecisionRecord d) =>
        $"This proposal has already been {PastTense(d.Kind)} by {d.By.Name} at {When(d.At)}. Nothing has been changed.";

    public static string DecisionText(DecisionKind kind) => kind switch
    {
        DecisionKind.Approve => "Approved",
        DecisionKind.Reject => "Rejected",
        DecisionKind.RequestChanges => "Changes requested",
        DecisionKind.ReferToExecutive => "Referred to the Executive",
        DecisionKind.Endorse => "Endorsed by the Divisional Head",
        DecisionKind.SendBack => "Sent back by the Divisional Head",
        DecisionKind.ExecutiveApproved => "Approved by the Executive",
        DecisionKind.Withdrawn => ApprovalRules.WithdrawnText,
        DecisionKind.NotTheDivisionalHead => "Not the right Divisional Head",
        _ => "Rejected by the Executive",
    };

    public static string When(DateTimeOffset at) => UkDate.Format(at);

    private static string PastTense(DecisionKind kind) => kind switch
    {
        DecisionKind.Approve or DecisionKind.ExecutiveApproved => "approved",
        DecisionKind.Reject or DecisionKind.ExecutiveRejected => "rejected",
        DecisionKind.Withdrawn => "withdrawn",
        _ => "sent back for changes",
    };

    public static string RoleText(ApproverRole role) => role switch
    {
        ApproverRole.DivisionalHead => "Divisional Head",
        ApproverRole.Smt => "Senior Management Team",
        ApproverRole.Submitter => "submitter",
        _ => "People and Policy Manager",
    };

    private static string ApprovalsSoFar(Submission s)
    {
        var names = s.Decisions.Where(d => d.ProposalVersion == s.ProposalVersion && d.Kind == DecisionKind.Approve).Select(d => d.By.Name).ToList();
        return names.Count == 0 ? "" : " Approved so far by " + string.Join(", ", names) + ".";
    }

    /// <summary>Name, lead, partners, start date and the overall risk rating, from the frozen answers.</summary>
    public static IReadOnlyList<FactView> Summary(Draft draft, Submission s)
    {
        var risks = draft.AnswerTo("risks") is { Skipped: false } r ? RiskRating.Assess(r.Items) : null;
        var facts = new List<FactView>
        {
            new("Lead officer", Answer(draft, "lead-officer", "leadOfficer")),
            new("Proposed partners", ApprovedEntry.PartnersAnswer(draft) is { Length: > 0 } partners ? CardText.Shorten(partners, 300) : "Not given"),
            new("Start date", UkDate.Display(Answer(draft, "start-date", "startDate"))),
            new("Risk assessment", risks is null || risks.Risks.Count == 0
                ? "No risks recorded"
                : $"{risks.Risks.Count} {(risks.Risks.Count == 1 ? "risk" : "risks")} recorded; overall rating {risks.Overall}"),
            new("Proposal version", s.ProposalVersion.ToString(CultureInfo.InvariantCulture)),
        };
        if (s.DecisionNeededBy is { } due)
        {
            facts.Add(new FactView("Decision needed by", DecisionDueDate.Text(due)));
        }

        // Earlier stages' decisions (the Divisional Head's, earlier versions') and their comments, so SMT decides knowing them.
        foreach (var d in s.Decisions)
        {
            facts.Add(new FactView($"{DecisionText(d.Kind)}: {d.By.Name} ({RoleText(d.Role)}), {When(d.At)}, version {d.ProposalVersion.ToString(CultureInfo.InvariantCulture)}",
                d.Assessment is { } a ? CardText.Shorten(a.Text() + (d.Comment is null ? "" : " Comment: " + d.Comment), 900)
                : d.Comment is null ? "No comment." : CardText.Shorten(d.Comment, 300)));
        }

        facts.AddRange(s.Comments.Select(c => new FactView("Comment from " + c.By.Name, CardText.Shorten(c.Text, 300))));
        return facts;
    }

    /// <summary>The Divisional Head's assessment of the current version, if endorsed.</summary>
    public static DivisionalHeadAssessment? Assessment(Submission s) =>
        s.Decisions.LastOrDefault(d => d.ProposalVersion == s.ProposalVersion && d.Kind == DecisionKind.Endorse)?.Assessment;

    private static string Answer(Draft draft, string stepId, string fieldId) =>
        draft.AnswerTo(stepId)?.Value(fieldId) is { Length: > 0 } v ? CardText.Shorten(v, 300) : "Not given";
}
