namespace PartnershipBot.Cards.Views;

/// <summary>One page of a submitted proposal (issue 16.1): its status and flags, then answers, checks, risks and decisions.</summary>
internal sealed record ProposalPageView(
    string SubmissionId,
    string Reference,
    [property: UserText] string PartnershipName,
    [property: UserText] string SubmittedBy,
    string SubmittedAtText,
    string VersionText,
    string StatusText,
    string FlagsText,
    string PageText,
    IReadOnlyList<ProposalItemView> Items,
    int Version,
    int PreviousPage,
    int NextPage,
    bool HasPreviousPage,
    bool HasNextPage,
    bool HasEarlierVersion,
    int EarlierVersion,
    string View = "proposal",
    bool IsHistory = false,
    bool CanNameDivisionalHead = false);

/// <summary>
/// One item of a proposal page: a section heading when it starts one, the question or label, a note (e.g. "Changed since
/// version 1"), and the officer's text shown literally.
/// </summary>
internal sealed record ProposalItemView(string? Heading, string? Label, string? Note, [property: UserText] string Text);
