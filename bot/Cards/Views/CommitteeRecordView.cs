namespace PartnershipBot.Cards.Views;

/// <summary>
/// A partnership's committee comments and recommendations (4.4-4.6), with Mark done for those the viewer may close and,
/// for the A&amp;PM team and the PPM, the form to record another (typed values kept when it is sent back).
/// </summary>
internal sealed record CommitteeRecordView(
    string PartnershipId,
    [property: UserText] string PartnershipName,
    [property: UserText] string? Message,
    IReadOnlyList<CommitteeEntryView> Entries,
    bool CanRecord,
    IReadOnlyList<ChoiceView> Committees,
    string Committee,
    string MeetingDate,
    [property: UserText] string Comments,
    [property: UserText] string Recommendation,
    [property: UserText] string OwnerAddress,
    string DueDate);

/// <summary>One meeting's record: "Audit Committee, 12 March 2027", the comments, the recommendation and its owner and state.</summary>
internal sealed record CommitteeEntryView(
    string RecordId,
    string Heading,
    [property: UserText] string Comments,
    [property: UserText] string? Recommendation,
    [property: UserText] string? OwnerText,
    bool CanMarkDone);
