namespace PartnershipBot.Cards.Views;

/// <summary>
/// One page of a submitted review for SMT (3.8, 4.3): the recommendation, every answer, SMT's record so far, and the
/// buttons the viewer may use (decide, answer SMT's question, record the contingent liabilities), and the review report
/// as a Word paper (<see cref="PaperSubject"/>: "partnershipId/cycle", the review document's subject; null for a
/// specific review, whose report is for A&amp;PM, the PPM and the lead officer only).
/// </summary>
internal sealed record ReviewDecisionView(
    string PartnershipId,
    string DraftId,
    string? PaperSubject,
    string Title,
    [property: UserText] string PartnershipName,
    [property: UserText] string CompletedBy,
    string CompletedOnText,
    string RecommendationText,
    [property: UserText] string StatusText,
    [property: UserText] string? Message,
    string PageText,
    IReadOnlyList<ProposalItemView> Items,
    int PreviousPage,
    int NextPage,
    bool HasPreviousPage,
    bool HasNextPage,
    bool CanDecide,
    bool CanAnswer,
    bool CanRecordLiabilities);
