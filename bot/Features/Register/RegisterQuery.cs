namespace PartnershipBot.Features.Register;

/// <summary>How the register list is sorted.</summary>
internal enum RegisterSort
{
    Name,
    Status,
    Stage,
    LeadOfficer,
    Role,
    StartDate,
    LastReview,
    NextReview,
}

/// <summary>A register filter, search and sort as the tab asks for it (null/empty parts do not filter).</summary>
internal sealed record RegisterQuery(
    PartnershipStatus? Status = null,
    LifeCycleStage? Stage = null,
    string? Role = null,
    string? LeadOfficer = null,
    bool OverdueOnly = false,
    string? Search = null,
    RegisterSort Sort = RegisterSort.Name,
    bool Descending = false)
{
    /// <summary>Longest search text taken; longer input is cut, not refused.</summary>
    public const int MaxSearchLength = 100;
}

/// <summary>Red: a review is overdue; amber: one is due now; green: nothing outstanding; none: not Active.</summary>
internal enum Rag
{
    None,
    Green,
    Amber,
    Red,
}

/// <summary>One register row: what the list shows (dates as dates, texts as the officers wrote them).</summary>
internal sealed record RegisterRow(
    string Id,
    string Name,
    PartnershipStatus Status,
    LifeCycleStage Stage,
    string LeadOfficer,
    string LeadRole,
    DateOnly? StartDate,
    DateOnly? LastReview,
    string NextReview,
    DateOnly? NextReviewDate,
    int? ThreeYearlyYear,
    Rag Rag);

/// <summary>The rows a viewer may see that match the query, out of how many they may see.</summary>
internal sealed record RegisterPage(IReadOnlyList<RegisterRow> Rows, int Visible, IReadOnlyList<string> LeadOfficers);

/// <summary>A partnership's page: its details and the register's own events and audit trail (other features add theirs).</summary>
internal sealed record PartnershipDetails(
    RegisterRow Row,
    Partnership Partnership,
    string LeadRoleTitle,
    IReadOnlyList<ReviewOutcome> Reviews,
    IReadOnlyList<PartnershipChange> AuditTrail,
    bool CanEdit,
    bool CanChangeStage);
