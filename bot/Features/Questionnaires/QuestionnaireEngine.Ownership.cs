namespace PartnershipBot.Features.Questionnaires;

// Who holds a draft: handing it to someone else, or closing it on someone else's behalf, with the change in its history.
internal static partial class QuestionnaireEngine
{
    /// <summary>The history entry's field names for a change of owner or status (no step has fields of these names).</summary>
    public const string OwnerIdChange = "ownerId";
    public const string OwnerNameChange = "ownerName";
    public const string StatusChange = "status";

    /// <summary>
    /// Hands the draft, with every answer so far, to <paramref name="newOwner"/> (e.g. taking over an idle assessment).
    /// The history records who had it, who has it now and who made the change.
    /// </summary>
    public static StepResult TakeOver(Draft draft, int expectedRevision, Actor newOwner, DateTimeOffset now)
    {
        if (CheckOpen(draft, expectedRevision) is { } stale)
        {
            return stale;
        }

        var entry = new HistoryEntry(draft.CurrentStepId, HistoryAction.TakenOver, newOwner, now,
            [new FieldChange(OwnerIdChange, draft.OwnerId, newOwner.Id), new FieldChange(OwnerNameChange, draft.OwnerName, newOwner.Name)]);
        return Changed(draft with { OwnerId = newOwner.Id, OwnerName = newOwner.Name, History = [.. draft.History, entry] }, now);
    }

    /// <summary>Cancels the draft as <see cref="Cancel"/> does, recording in its history who cancelled it (not necessarily its owner).</summary>
    public static StepResult CancelBy(Draft draft, int expectedRevision, Actor by, DateTimeOffset now)
    {
        if (CheckOpen(draft, expectedRevision) is { } stale)
        {
            return stale;
        }

        var entry = new HistoryEntry(draft.CurrentStepId, HistoryAction.Cancelled, by, now,
            [new FieldChange(StatusChange, nameof(DraftStatus.InProgress), nameof(DraftStatus.Cancelled))]);
        return Changed(draft with { Status = DraftStatus.Cancelled, History = [.. draft.History, entry] }, now);
    }
}
