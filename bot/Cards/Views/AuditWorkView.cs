namespace PartnershipBot.Cards.Views;

/// <summary>
/// A list of the A&amp;PM team's work with a partnership choice: the audit of a cycle's reviews (<see cref="IsContentAudit"/>:
/// each partnership's computed coverage and content assessment, Assess) or the specific reviews (each with Open, and
/// Open a specific review of the partnership chosen).
/// </summary>
internal sealed record AuditWorkView(
    string Title,
    string Intro,
    bool IsContentAudit,
    int Year,
    [property: UserText] string? Message,
    IReadOnlyList<AuditWorkRowView> Rows,
    IReadOnlyList<ChoiceView> Partnerships);

/// <summary>One row: a partnership (or review) and its state; Open when it is a specific review.</summary>
internal sealed record AuditWorkRowView([property: UserText] string Name, [property: UserText] string Summary, string? ReviewId = null);
