namespace PartnershipBot.Features.Approvals;

/// <summary>
/// A submitted proposal as its readers see it (issue 16.1): every answer grouped as the questionnaire groups them,
/// the section 3.1 self-checks, the risk assessment, earlier stages' decisions and comments, and what changed since
/// the version before. Built by <see cref="ProposalQueries"/>; rendered as chat cards, e-mail, and (later) the tab
/// and Word documents. Officers' text is carried as typed: each renderer escapes it.
/// </summary>
internal sealed record Proposal(
    string Id,
    string Reference,
    string Title,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    int Version,
    int LatestVersion,
    SubmissionStatus Status,
    string StatusText,
    IReadOnlyList<ProposalSection> Sections,
    IReadOnlyList<ProposalCheck> Checks,
    IReadOnlyList<ProposalRisk> Risks,
    IReadOnlyList<ProposalRisk>? PreviousRisks,
    IReadOnlyList<ProposalEvent> Decisions,
    ProposalFlags Flags,
    int? ComparedWithVersion)
{
    /// <summary>The reader may name or change its Divisional Head now (the submitter or the PPM, before the Divisional Head decides).</summary>
    public bool MayNameDivisionalHead { get; init; }
}

/// <summary>One group of questions (the questionnaire's section), in question order.</summary>
internal sealed record ProposalSection(string Title, IReadOnlyList<ProposalAnswer> Answers);

/// <summary>
/// One question and its answer. <see cref="Fields"/> holds each field's value, null for "Not answered";
/// <see cref="Changed"/> is true when it differs from the version compared with, whose text is <see cref="Previous"/>.
/// </summary>
internal sealed record ProposalAnswer(
    string StepId,
    string Question,
    IReadOnlyList<ProposalField> Fields,
    bool NotApplicable,
    bool Changed,
    IReadOnlyList<ProposalField>? Previous);

/// <summary>A labelled value; null value = not answered.</summary>
internal sealed record ProposalField(string Label, string? Value);

/// <summary>A section 3.1 self-check: the criterion, the officer's rating (Met, Partly, Not met; null if not answered) and comment.</summary>
internal sealed record ProposalCheck(string StepId, string Criterion, string? Rating, string? Comment, bool Changed, ProposalCheck? Previous = null);

/// <summary>One risk of the assessment with its rating.</summary>
internal sealed record ProposalRisk(
    int Number,
    string Description,
    int Likelihood,
    int Impact,
    int Score,
    Questionnaires.RiskBand Band,
    string? Mitigation,
    string? Owner);

/// <summary>A decision or comment of an earlier (or the current) stage: who, in what role, what, when, and why.</summary>
internal sealed record ProposalEvent(string By, string Role, string What, DateTimeOffset At, int ProposalVersion, string? Comment);

/// <summary>What an approver should notice before deciding (issue 16.2).</summary>
internal sealed record ProposalFlags(int NotMet, int Partly, Questionnaires.RiskBand? HighestRisk, IReadOnlyList<string> NotApplicable)
{
    /// <summary>One line for the card: "2 self-checks Not met, 1 Partly; highest risk rating High; marked Not applicable: ...".</summary>
    public string Text()
    {
        var parts = new List<string>
        {
            NotMet == 0 && Partly == 0 ? "All six self-checks (section 3.1) Met" : $"Self-checks (section 3.1): {NotMet} Not met, {Partly} Partly",
            HighestRisk is { } band ? $"highest risk rating {band}" : "no risks recorded",
        };
        if (NotApplicable.Count > 0)
        {
            parts.Add("marked Not applicable: " + string.Join("; ", NotApplicable));
        }

        return string.Join("; ", parts) + ".";
    }
}

/// <summary>The answer to a proposal query.</summary>
internal abstract record ProposalResult
{
    public sealed record Found(Proposal Proposal) : ProposalResult;

    public sealed record NotFound : ProposalResult;

    /// <summary>The caller is not its submitter, one of its approvers or the PPM.</summary>
    public sealed record NotAllowed : ProposalResult;
}
