using System.Text.Json.Serialization;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// A new-partnership proposal on its way through approval. Id = the submitted draft's id of the first version;
/// <see cref="Version"/> is the stored version for optimistic concurrency (every change bumps it).
/// </summary>
internal sealed record Submission(
    string Id,
    string DraftId,
    int ProposalVersion,
    Actor Submitter,
    string Title,
    SubmissionStatus Status,
    string? DivisionalHeadId,
    IReadOnlyList<string> SmtIds,
    IReadOnlyList<DecisionRecord> Decisions,
    IReadOnlyList<GuidanceComment> Comments,
    IReadOnlyList<AuditEntry> Audit,
    IReadOnlyList<string> PreviousDraftIds,
    DateTimeOffset SubmittedAt,
    int Version)
{
    /// <summary>
    /// Set in the same write as a closing decision (or a stage change, whose earlier cards must lose their buttons); cleared
    /// once the register entry and every card update are done, so a restart in between leaves the work to the background
    /// step at start (<see cref="ApprovalCardUpdates"/>).
    /// </summary>
    public bool OutcomeToPublish { get; init; }

    /// <summary>The date the submitter needs a decision by, if they gave one (issue 16.4): reminders say it, lateness escalates.</summary>
    public DateOnly? DecisionNeededBy { get; init; }

    /// <summary>Whether no further decision can be made on this version.</summary>
    [JsonIgnore]
    public bool IsClosed => Status is SubmissionStatus.Approved or SubmissionStatus.Rejected or SubmissionStatus.ChangesRequested or SubmissionStatus.Withdrawn;

    /// <summary>The decision that closed it, if any.</summary>
    [JsonIgnore]
    public DecisionRecord? Final => IsClosed ? Decisions.LastOrDefault(d => d.ProposalVersion == ProposalVersion) : null;
}

/// <summary>Where a submission is in its approval.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SubmissionStatus>))]
internal enum SubmissionStatus
{
    Submitted,
    AwaitingDivisionalHead,
    UnderReview,
    ReferredToExecutive,
    Approved,
    Rejected,
    ChangesRequested,
    Withdrawn,
}

/// <summary>What an approver decided.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DecisionKind>))]
internal enum DecisionKind
{
    Approve,
    Reject,
    RequestChanges,
    ReferToExecutive,
    Endorse,
    SendBack,
    ExecutiveApproved,
    ExecutiveRejected,
    Withdrawn,
    NotTheDivisionalHead,
}

/// <summary>The role a person acted in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApproverRole>))]
internal enum ApproverRole
{
    DivisionalHead,
    Smt,
    Ppm,
    Submitter,
}

/// <summary>
/// One decision: who, in which role, what, why, when, from which card activity; the meeting date for the Executive's,
/// the Divisional Head's assessment with an endorsement.
/// </summary>
internal sealed record DecisionRecord(
    Actor By,
    ApproverRole Role,
    DecisionKind Kind,
    string? Comment,
    DateTimeOffset At,
    string? FromActivityId,
    int ProposalVersion,
    DateOnly? MeetingDate = null,
    DivisionalHeadAssessment? Assessment = null);

/// <summary>Guidance from the PPM (or an approver) given without deciding.</summary>
internal sealed record GuidanceComment(Actor By, string Text, DateTimeOffset At, string? FromActivityId);

/// <summary>Every state change: who, when, from what to what, from which card activity.</summary>
internal sealed record AuditEntry(
    string ById,
    DateTimeOffset At,
    SubmissionStatus? From,
    SubmissionStatus To,
    string What,
    string? FromActivityId);
