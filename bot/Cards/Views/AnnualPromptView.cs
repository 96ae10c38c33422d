namespace PartnershipBot.Cards.Views;

/// <summary>
/// One person's digest of a cycle's reviews (issue 17.7): what each partnership is asked for, by when, a Start button
/// each, and "Remind me in a week"; the PPM's overdue list uses it without Start. <see cref="AdditionalItems"/> are the
/// section 3.7 points asked in a partnership's three-yearly year, in addition.
/// </summary>
internal sealed record AnnualPromptView(
    [property: UserText] string RecipientName,
    string Title,
    [property: UserText] string IntroText,
    int Cycle,
    IReadOnlyList<string> RequestedItems,
    IReadOnlyList<string> AdditionalItems,
    IReadOnlyList<DigestItemView> Items,
    bool CanSnooze);

/// <summary>A partnership on a digest; Note says who else is involved (delegated to or by, the lead officer).</summary>
internal sealed record DigestItemView(
    string PartnershipId,
    [property: UserText] string PartnershipName,
    string WhatText,
    string DueText,
    [property: UserText] string Note,
    int Cycle,
    bool CanStart,
    bool CanHandOver);
