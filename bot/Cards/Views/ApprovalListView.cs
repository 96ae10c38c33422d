namespace PartnershipBot.Cards.Views;

/// <summary>"approvals" (what waits for me) and "my proposals": one row per proposal with Open and History, and what was left off.</summary>
internal sealed record ApprovalListView(
    string Title,
    string IntroText,
    IReadOnlyList<ApprovalListRowView> Rows,
    string? MoreText);

/// <summary>A proposal in a list: its title, where it is, who has still to decide and since when, the due date.</summary>
internal sealed record ApprovalListRowView(
    string SubmissionId,
    [property: UserText] string Name,
    [property: UserText] string DetailText);
