using System.Globalization;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Approvals;

/// <summary>What someone asked for from an approval card.</summary>
internal enum ApprovalRequestKind
{
    Approve,
    Reject,
    RequestChanges,
    Refer,
    Comment,
    RecordExecutive,
    NotMine,
}

/// <summary>A click on an approval card: who (from the turn, never the card), what, the comment and where it came from.</summary>
internal sealed record ApprovalRequest(
    Actor By,
    ApprovalRequestKind Kind,
    string? Comment,
    string? FromActivityId,
    bool? ExecutiveApproved = null,
    DateOnly? MeetingDate = null,
    int? SeenProposalVersion = null,
    int NotMetChecks = 0,
    bool BlockWhenNotMet = false,
    DivisionalHeadAssessment? Assessment = null);

/// <summary>The result of applying a request to a submission.</summary>
internal abstract record ApprovalResult
{
    /// <summary>The change to store.</summary>
    public sealed record Recorded(Submission Submission, DecisionRecord? Decision) : ApprovalResult;

    /// <summary>The person may not do this; nothing changes.</summary>
    public sealed record NotAllowed(string Message) : ApprovalResult;

    /// <summary>The card was of an older version of the proposal (or the click was already recorded): show the current one.</summary>
    public sealed record Stale(string Message) : ApprovalResult;

    /// <summary>Someone decided first.</summary>
    public sealed record AlreadyDecided(DecisionRecord Decision) : ApprovalResult;

    /// <summary>The request is incomplete (e.g. a missing comment); nothing changes.</summary>
    public sealed record Invalid(string Message) : ApprovalResult;
}

/// <summary>The approval rules as pure functions: who may do what at each stage, and what the result is.</summary>
internal static class ApprovalRules
{
    /// <summary>The most characters a comment, reasoning or conclusions may have (said on the card, checked here).</summary>
    public const int MaxTextLength = 2000;

    public const string CommentRequired = "Please give a comment: it is required for every decision except Approve.";
    public const string MeetingDateRequired = "Please give the date of the Executive meeting and its decision.";
    public const string ChangedSinceCard = "This proposal has changed since this card: here is the current one. Nothing has been changed.";
    public const string AlreadyRecorded = "That was already recorded: here is the proposal as it is now.";
    public static string NotMetNeedsComment(int n) =>
        $"{n} of the section 3.1 self-checks {(n == 1 ? "is" : "are")} rated Not met. To approve anyway, give a comment confirming why: it is kept with your decision in the audit trail.";

    public static string NotMetBlocks(int n) =>
        $"{n} of the section 3.1 self-checks {(n == 1 ? "is" : "are")} rated Not met, and the council's settings do not allow approving such a proposal. Request changes or reject it, with a comment.";

    public const string NotMineNeedsReason = "Please say why you are not the right Divisional Head (for example, who is): the submitter is told.";
    public const string WithdrawnText = "Withdrawn by the submitter";

    public const string OwnProposal = "You submitted this proposal, so someone else must decide on it. Nothing has been changed.";

    /// <summary>
    /// The status a new submission starts in: with the Divisional Head stage on, waiting for the DH, or (no DH
    /// known) Submitted until the submitter names one; otherwise straight to SMT.
    /// </summary>
    public static SubmissionStatus FirstStatus(bool divisionalHeadStage, string? divisionalHeadId) =>
        !divisionalHeadStage ? SubmissionStatus.UnderReview
        : divisionalHeadId is { Length: > 0 } ? SubmissionStatus.AwaitingDivisionalHead
        : SubmissionStatus.Submitted;

    /// <summary>The submitter names their Divisional Head when the directory has no manager for them.</summary>
    public static ApprovalResult AssignDivisionalHead(Submission s, Actor by, string divisionalHeadId, string ppmId, DateTimeOffset now)
    {
        // The PPM may name or change it too: the submitter may not know who it is, or be away (issue 16.5).
        if (!Same(s.Submitter.Id, by.Id) && !(ppmId.Length > 0 && Same(ppmId, by.Id)))
        {
            return NotAllowed("Only the person who submitted the proposal, or the People and Policy Manager, can name its Divisional Head. Nothing has been changed.");
        }

        // While the Divisional Head has not decided, the submitter may name someone else (the wrong person was chosen).
        if (s.Status is not (SubmissionStatus.Submitted or SubmissionStatus.AwaitingDivisionalHead))
        {
            return new ApprovalResult.Invalid("This proposal's Divisional Head has already decided, so it cannot be changed now.");
        }

        if (s.DivisionalHeadId is { } current && Same(current, divisionalHeadId))
        {
            return new ApprovalResult.Invalid("That person is already this proposal's Divisional Head.");
        }

        if (Same(divisionalHeadId, s.Submitter.Id))
        {
            return new ApprovalResult.Invalid(Same(by.Id, s.Submitter.Id)
                ? "You cannot endorse your own proposal: name your Divisional Head."
                : "The submitter cannot endorse their own proposal: name their Divisional Head.");
        }

        var audit = new AuditEntry(by.Id, now, s.Status, SubmissionStatus.AwaitingDivisionalHead,
            s.DivisionalHeadId is null ? "DivisionalHeadNamed" : $"Divisional Head changed from {s.DivisionalHeadId} to {divisionalHeadId}", null);
        // Replacing someone: the earlier Divisional Head's card copies are re-rendered without buttons in the background.
        return new ApprovalResult.Recorded(s with
        {
            DivisionalHeadId = divisionalHeadId,
            Status = SubmissionStatus.AwaitingDivisionalHead,
            Audit = [.. s.Audit, audit],
            OutcomeToPublish = s.OutcomeToPublish || s.DivisionalHeadId is not null,
        }, null);
    }

    /// <summary>The submitter withdraws a proposal not yet decided: it closes, every card copy becomes "Withdrawn", reminders stop.</summary>
    public static ApprovalResult Withdraw(Submission s, Actor by, string? reason, string? fromActivityId, DateTimeOffset now)
    {
        var request = new ApprovalRequest(by, ApprovalRequestKind.Comment, reason, fromActivityId);
        if (AlreadyApplied(s, request))
        {
            return new ApprovalResult.Stale(AlreadyRecorded);
        }

        if (!Same(s.Submitter.Id, by.Id))
        {
            return NotAllowed("Only the person who submitted the proposal can withdraw it. Nothing has been changed.");
        }

        if (s.IsClosed)
        {
            return new ApprovalResult.AlreadyDecided(s.Final!);
        }

        var comment = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        return Decide(s, request, ApproverRole.Submitter, DecisionKind.Withdrawn, comment, SubmissionStatus.Withdrawn, now);
    }

    public const string ReassignNeedsReason = "Please say why you are handing this decision on (for example, on leave until the 20th): it is kept in the history.";

    /// <summary>
    /// Hands a pending decision from <paramref name="fromId"/> to <paramref name="toId"/> (a person the directory knows):
    /// the approver hands on their own, the PPM anyone's. The reason is kept as a comment, the change in the audit trail.
    /// </summary>
    public static ApprovalResult Reassign(Submission s, Actor by, string fromId, string toId, string? reason, string ppmId, string? fromActivityId, DateTimeOffset now)
    {
        var request = new ApprovalRequest(by, ApprovalRequestKind.Comment, reason, fromActivityId);
        if (AlreadyApplied(s, request))
        {
            return new ApprovalResult.Stale(AlreadyRecorded);
        }

        if (s.IsClosed)
        {
            return new ApprovalResult.AlreadyDecided(s.Final!);
        }

        var isPpm = ppmId.Length > 0 && Same(by.Id, ppmId);
        var pending = ApprovalReminders.Recipients(s, ppmId).Where(id => !Same(id, ppmId)).ToList();
        if (!pending.Any(p => Same(p, fromId)) || (!isPpm && !Same(by.Id, fromId)))
        {
            return NotAllowed("Only an approver whose decision is pending (or the People and Policy Manager) can hand it to someone else. Nothing has been changed.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return new ApprovalResult.Invalid(ReassignNeedsReason);
        }

        if (Same(toId, s.Submitter.Id) || Same(toId, fromId) || s.SmtIds.Any(m => Same(m, toId)) || (ppmId.Length > 0 && Same(toId, ppmId)))
        {
            return new ApprovalResult.Invalid("That person cannot take this decision: choose someone who is not the submitter, the People and Policy Manager or already an approver.");
        }

        var changed = s.Status == SubmissionStatus.AwaitingDivisionalHead
            ? s with { DivisionalHeadId = toId }
            : s with { SmtIds = s.SmtIds.Select(m => Same(m, fromId) ? toId : m).ToList() };
        var audit = new AuditEntry(by.Id, now, s.Status, s.Status, $"Reassigned {fromId} to {toId}", fromActivityId);
        var comment = new GuidanceComment(by, "Handed the decision on: " + reason.Trim(), now, fromActivityId);
        return new ApprovalResult.Recorded(changed with { Audit = [.. s.Audit, audit], Comments = [.. s.Comments, comment] }, null);
    }

    /// <summary>The people who may act on the submission now (the card's refresh userIds).</summary>
    public static IReadOnlyList<string> ActorsNow(Submission s, string ppmId) => s.Status switch
    {
        SubmissionStatus.AwaitingDivisionalHead when s.DivisionalHeadId is { } dh && !Same(dh, s.Submitter.Id) => [dh],
        SubmissionStatus.UnderReview => [.. Deciders(s).Where(m => !ApprovalsOf(s).Any(a => Same(a, m))), .. Some(ppmId).Where(p => !Same(p, s.Submitter.Id))],
        SubmissionStatus.ReferredToExecutive => Some(ppmId).Where(p => !Same(p, s.Submitter.Id)).ToList(),
        _ => [],
    };

    /// <summary>The SMT members who may decide on it: everyone but the submitter (nobody decides on their own proposal).</summary>
    public static IReadOnlyList<string> Deciders(Submission s) => s.SmtIds.Where(m => !Same(m, s.Submitter.Id)).ToList();

    /// <summary>Applies a request. Identity is the turn's user id, compared with configured ids only.</summary>
    public static ApprovalResult Apply(Submission s, ApprovalRequest request, ApprovalRule rule, string ppmId, DateTimeOffset now)
    {
        if (AlreadyApplied(s, request))
        {
            // A redelivery (even after a restart): the click's activity id is stored with what it did.
            return new ApprovalResult.Stale(AlreadyRecorded);
        }

        if (s.IsClosed)
        {
            return new ApprovalResult.AlreadyDecided(s.Final!);
        }

        var id = request.By.Id;
        var isPpm = ppmId.Length > 0 && Same(id, ppmId);
        var isSmt = s.SmtIds.Any(m => Same(m, id));
        var isDh = s.DivisionalHeadId is { } dh && Same(dh, id);
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        var mayAct = (isPpm || isSmt || isDh) && s.Status switch
        {
            SubmissionStatus.AwaitingDivisionalHead => isDh || request.Kind == ApprovalRequestKind.Comment,
            SubmissionStatus.UnderReview => isSmt || isPpm,
            SubmissionStatus.ReferredToExecutive => isPpm || request.Kind == ApprovalRequestKind.Comment,
            _ => false,
        };

        if (request.Kind != ApprovalRequestKind.Comment && Same(id, s.Submitter.Id))
        {
            return NotAllowed(OwnProposal);
        }

        if (mayAct && request.SeenProposalVersion is { } seen && seen != s.ProposalVersion)
        {
            return new ApprovalResult.Stale(ChangedSinceCard);
        }

        // Over-long text is refused whole, never cut (the card says the limit; a client may not enforce it).
        if ((isPpm || isSmt || isDh) && TooLong(request) is { } tooLong)
        {
            return new ApprovalResult.Invalid(tooLong);
        }

        if (request.Kind == ApprovalRequestKind.Comment)
        {
            if (!isPpm && !isSmt && !isDh)
            {
                return NotAllowed();
            }

            return comment is null
                ? new ApprovalResult.Invalid("Please write the comment first.")
                : new ApprovalResult.Recorded(s with { Comments = [.. s.Comments, new GuidanceComment(request.By, comment, now, request.FromActivityId)] }, null);
        }

        return s.Status switch
        {
            SubmissionStatus.AwaitingDivisionalHead => isDh ? DivisionalHead(s, request, comment, now) : NotAllowed(),
            SubmissionStatus.UnderReview => isSmt ? Smt(s, request, comment, rule, now) : NotAllowed(isPpm
                ? "SMT decides on new partnerships. As People and Policy Manager you can add a comment without deciding."
                : null),
            SubmissionStatus.ReferredToExecutive => isPpm ? Executive(s, request, comment, now) : NotAllowed(
                "This proposal is with the Executive. Only the People and Policy Manager can record the Executive's decision."),
            _ => NotAllowed(),
        };
    }

    /// <summary>"Comment is too long: 2,345 characters, the limit is 2,000 ..." for the first text over the limit, else null.</summary>
    public static string? TooLong(ApprovalRequest request)
    {
        var texts = new (string Label, string? Text)[]
        {
            ("Comment", request.Comment?.Trim()),
            ("Your reasoning", request.Assessment?.Reasoning),
            ("Your conclusions", request.Assessment?.Conclusions),
        };
        return texts.FirstOrDefault(t => t.Text?.Length > MaxTextLength) is { Text: { } text } over
            ? string.Create(CultureInfo.InvariantCulture,
                $"{over.Label} is too long: {text.Length:N0} characters, the limit is {MaxTextLength:N0}. Nothing was recorded: shorten it and try again.")
            : null;
    }

    /// <summary>Approving despite a "Not met" self-check: refused when configured, else only with a confirming comment.</summary>
    private static ApprovalResult.Invalid? NotMetCheck(ApprovalRequest r, string? comment) =>
        r.NotMetChecks <= 0 ? null
        : r.BlockWhenNotMet ? new ApprovalResult.Invalid(NotMetBlocks(r.NotMetChecks))
        : comment is null ? new ApprovalResult.Invalid(NotMetNeedsComment(r.NotMetChecks))
        : null;

    private static string ApproveWhat(ApprovalRequest r, DecisionKind kind) =>
        r.NotMetChecks > 0 ? $"{kind}, confirmed with {r.NotMetChecks} self-check(s) Not met" : kind.ToString();

    private static ApprovalResult DivisionalHead(Submission s, ApprovalRequest r, string? comment, DateTimeOffset now) => r.Kind switch
    {
        ApprovalRequestKind.Approve when NotMetCheck(r, comment) is { } invalid => invalid,
        ApprovalRequestKind.Approve when r.Assessment is null => new ApprovalResult.Invalid(DivisionalHeadAssessment.Incomplete),
        ApprovalRequestKind.Approve => Decide(s, r, ApproverRole.DivisionalHead, DecisionKind.Endorse, comment, SubmissionStatus.UnderReview, now,
            ApproveWhat(r, DecisionKind.Endorse) + "; " + r.Assessment.AuditText()),
        ApprovalRequestKind.NotMine when comment is null => new ApprovalResult.Invalid(NotMineNeedsReason),
        ApprovalRequestKind.NotMine => NotMine(s, r, comment, now),
        ApprovalRequestKind.RequestChanges or ApprovalRequestKind.Reject when comment is null => new ApprovalResult.Invalid(CommentRequired),
        ApprovalRequestKind.RequestChanges or ApprovalRequestKind.Reject =>
            Decide(s, r, ApproverRole.DivisionalHead, DecisionKind.SendBack, comment, SubmissionStatus.ChangesRequested, now),
        _ => NotAllowed("As Divisional Head you can endorse the proposal, send it back, or say it is not yours to endorse."),
    };

    /// <summary>
    /// "Not mine": the named Divisional Head is not the right person. The proposal waits for the submitter (or the PPM)
    /// to name the right one; the refusal and its reason stay in the decisions and the audit trail.
    /// </summary>
    private static ApprovalResult NotMine(Submission s, ApprovalRequest r, string comment, DateTimeOffset now)
    {
        var recorded = Decide(s, r, ApproverRole.DivisionalHead, DecisionKind.NotTheDivisionalHead, comment, SubmissionStatus.Submitted, now);
        return recorded with { Submission = recorded.Submission with { DivisionalHeadId = null } };
    }

    private static ApprovalResult Smt(Submission s, ApprovalRequest r, string? comment, ApprovalRule rule, DateTimeOffset now)
    {
        if (r.Kind != ApprovalRequestKind.Approve && comment is null)
        {
            return new ApprovalResult.Invalid(CommentRequired);
        }

        switch (r.Kind)
        {
            case ApprovalRequestKind.Approve when NotMetCheck(r, comment) is { } invalid:
                return invalid;
            case ApprovalRequestKind.Approve:
                var approvedBy = ApprovalsOf(s).Append(r.By.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                if (ApprovalsOf(s).Any(a => Same(a, r.By.Id)))
                {
                    return new ApprovalResult.Invalid("You have already approved this proposal; it is waiting for the other SMT members.");
                }

                var complete = rule == ApprovalRule.AnyOne || Deciders(s).All(m => approvedBy.Any(a => Same(a, m)));
                return Decide(s, r, ApproverRole.Smt, DecisionKind.Approve, comment, complete ? SubmissionStatus.Approved : SubmissionStatus.UnderReview, now,
                    ApproveWhat(r, DecisionKind.Approve));
            case ApprovalRequestKind.Reject:
                return Decide(s, r, ApproverRole.Smt, DecisionKind.Reject, comment, SubmissionStatus.Rejected, now);
            case ApprovalRequestKind.RequestChanges:
                return Decide(s, r, ApproverRole.Smt, DecisionKind.RequestChanges, comment, SubmissionStatus.ChangesRequested, now);
            case ApprovalRequestKind.Refer:
                return Decide(s, r, ApproverRole.Smt, DecisionKind.ReferToExecutive, comment, SubmissionStatus.ReferredToExecutive, now);
            default:
                return NotAllowed("Only the People and Policy Manager records the Executive's decision.");
        }
    }

    private static ApprovalResult Executive(Submission s, ApprovalRequest r, string? comment, DateTimeOffset now)
    {
        if (r.Kind != ApprovalRequestKind.RecordExecutive)
        {
            return new ApprovalResult.Invalid("The proposal is with the Executive: record the Executive's decision and the meeting date.");
        }

        if (r.ExecutiveApproved is not { } approved || r.MeetingDate is null)
        {
            return new ApprovalResult.Invalid(MeetingDateRequired);
        }

        return Decide(s, r, ApproverRole.Ppm, approved ? DecisionKind.ExecutiveApproved : DecisionKind.ExecutiveRejected, comment,
            approved ? SubmissionStatus.Approved : SubmissionStatus.Rejected, now);
    }

    private static ApprovalResult.Recorded Decide(Submission s, ApprovalRequest r, ApproverRole role, DecisionKind kind, string? comment,
        SubmissionStatus to, DateTimeOffset now, string? what = null)
    {
        var decision = new DecisionRecord(r.By, role, kind, comment, now, r.FromActivityId, s.ProposalVersion, r.MeetingDate,
            kind == DecisionKind.Endorse ? r.Assessment : null);
        var audit = new AuditEntry(r.By.Id, now, s.Status, to, what ?? kind.ToString(), r.FromActivityId);
        return new ApprovalResult.Recorded(s with { Status = to, Decisions = [.. s.Decisions, decision], Audit = [.. s.Audit, audit] }, decision);
    }

    /// <summary>Whether this person's click (by activity id) is already recorded as a decision, comment or state change.</summary>
    private static bool AlreadyApplied(Submission s, ApprovalRequest r) =>
        r.FromActivityId is { Length: > 0 } activity
        && (s.Decisions.Any(d => d.FromActivityId == activity && Same(d.By.Id, r.By.Id))
            || s.Comments.Any(c => c.FromActivityId == activity && Same(c.By.Id, r.By.Id))
            || s.Audit.Any(a => a.FromActivityId == activity && Same(a.ById, r.By.Id)));

    /// <summary>SMT approvals of the current version.</summary>
    private static IEnumerable<string> ApprovalsOf(Submission s) =>
        s.Decisions.Where(d => d.ProposalVersion == s.ProposalVersion && d.Kind == DecisionKind.Approve).Select(d => d.By.Id);

    private static ApprovalResult.NotAllowed NotAllowed(string? message = null) =>
        new(message ?? "Only the people asked to decide on this proposal can act on it. Nothing has been changed.");

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<string> Some(string id) => id.Length > 0 ? [id] : [];
}
