namespace PartnershipBot.Cards.Views;

/// <summary>
/// One specific partnership review (4.5): where it has got to, and what the viewer may do next: the lead officer gives
/// the division's input and, once the report is written, reaffirms or recommends disengagement to SMT; A&amp;PM writes
/// the report; whoever may read it downloads it as Word.
/// </summary>
internal sealed record SpecificReviewView(
    string ReviewId,
    string PartnershipId,
    [property: UserText] string PartnershipName,
    string StatusText,
    [property: UserText] string? Message,
    IReadOnlyList<FactView> Facts,
    bool CanGiveInput,
    bool CanWriteReport,
    bool CanRecommend,
    bool CanDownload);
