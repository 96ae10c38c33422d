namespace PartnershipBot.Cards.Views;

/// <summary>
/// "Are you sure?" before an action that cannot be undone. Kind selects the confirm verb in the template
/// (so verbs stay constants); create it with the factory methods, which set the ids that kind needs.
/// </summary>
internal sealed record ConfirmView(
    string Kind,
    string Title,
    [property: UserText] string Message,
    string ConfirmTitle,
    string CancelTitle,
    string? DraftId,
    int? Revision,
    string? StepId,
    string? PartnershipId,
    string? Value = null)
{
    public const string CancelDraftKind = "cancel-draft";
    public const string SkipGroupKind = "skip-group";
    public const string EndPartnershipKind = "end-partnership";
    public const string PastDateKind = "past-date";

    /// <summary>Confirm cancelling a draft (verb draft.cancel-confirm with draftId, revision).</summary>
    public static ConfirmView CancelDraft(string draftId, int revision, string message) =>
        new(CancelDraftKind, "Cancel this draft?", message, "Yes, cancel the draft", "No, keep it", draftId, revision, null, null);

    /// <summary>Confirm skipping the rest of a hallmark (verb step.skip-group-confirm with draftId, revision, stepId).</summary>
    public static ConfirmView SkipGroup(string draftId, int revision, string stepId, string message) =>
        new(SkipGroupKind, "Skip this hallmark?", message, "Yes, skip it", "No, go back", draftId, revision, stepId, null);

    /// <summary>
    /// Confirm a date in the past where a future one is expected (verb step.next with draftId, revision, stepId and
    /// confirmedDate, the ISO date); "No" goes back to the question.
    /// </summary>
    public static ConfirmView PastDate(string draftId, int revision, string stepId, DateOnly date, string message) =>
        new(PastDateKind, "Is that date right?", message, "Yes, keep this date", "No, change it", draftId, revision, stepId, null,
            date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Confirm ending a partnership (verb partnership.end-confirm with partnershipId).</summary>
    public static ConfirmView EndPartnership(string partnershipId, string message) =>
        new(EndPartnershipKind, "End this partnership?", message, "Yes, end it", "No, keep it", null, null, null, partnershipId);
}
