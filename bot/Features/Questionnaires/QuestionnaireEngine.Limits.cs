namespace PartnershipBot.Features.Questionnaires;

// Bounds on a draft: items per repeatable step and the text a draft holds (answers and their history), refused with a
// clear message before storage would fail; and history as changes (old/new per value), which grows linearly with edits.
internal static partial class QuestionnaireEngine
{
    /// <summary>
    /// Characters of answers plus history a draft may hold. Stored as JSON (up to 6 bytes a character when escaped),
    /// that stays well under LiteDB's 16 MB document limit; it is far more than a council's proposal needs.
    /// </summary>
    public const int MaxDraftCharacters = 1_000_000;

    /// <summary>How many more items the open repeatable step can take: its own limit, and the room left in the draft.</summary>
    public static int ItemsLeft(Draft draft, StepDefinition step)
    {
        var count = draft.AnswerTo(step.Id)?.Items.Count ?? 0;
        // An item is kept twice, values and field ids: in the answer and in the history entry that added it.
        var itemCost = (2 * step.Fields.Sum(f => f.MaxLength + f.Id.Length)) + step.Id.Length;
        var room = (MaxDraftCharacters - TextSize(draft)) / Math.Max(1, itemCost);
        return (int)Math.Max(0, Math.Min(step.MaxItems - count, room));
    }

    /// <summary>Characters of text the draft holds: every answer and every history entry.</summary>
    public static long TextSize(Draft draft) =>
        draft.Answers.Sum(a => a.Key.Length + Size(a.Value)) + draft.History.Sum(Size);

    private static long Size(StepAnswer? answer) => answer is null ? 0
        : answer.Fields.Sum(f => f.Key.Length + f.Value.Length) + answer.Items.Sum(i => i.Sum(f => f.Key.Length + f.Value.Length));

    private static long Size(HistoryEntry entry) =>
        entry.StepId.Length
        + (entry.Changes?.Sum(c => c.Field.Length + (c.Old?.Length ?? 0) + (c.New?.Length ?? 0)) ?? 0)
        + Size(entry.Previous) + Size(entry.Current);

    /// <summary>
    /// The values that differ between two answers to one step. On a repeatable step the items between the common
    /// start and the common end are the ones removed and added (one item for an add or a remove).
    /// </summary>
    internal static IReadOnlyList<FieldChange> Changes(StepAnswer? before, StepAnswer after)
    {
        var changes = new List<FieldChange>();
        var oldFields = before?.Fields ?? NoValues;
        foreach (var field in oldFields.Keys.Union(after.Fields.Keys))
        {
            var (old, now) = (oldFields.GetValueOrDefault(field), after.Fields.GetValueOrDefault(field));
            if (old != now)
            {
                changes.Add(new FieldChange(field, old, now));
            }
        }

        IReadOnlyList<IReadOnlyDictionary<string, string>> oldItems = before?.Items ?? [];
        var newItems = after.Items;
        var start = 0;
        while (start < oldItems.Count && start < newItems.Count && SameItem(oldItems[start], newItems[start]))
        {
            start++;
        }

        var end = 0;
        while (end < oldItems.Count - start && end < newItems.Count - start && SameItem(oldItems[^(end + 1)], newItems[^(end + 1)]))
        {
            end++;
        }

        for (var i = start; i < oldItems.Count - end; i++)
        {
            changes.AddRange(oldItems[i].Select(f => new FieldChange(f.Key, f.Value, null, i)));
        }

        for (var i = start; i < newItems.Count - end; i++)
        {
            changes.AddRange(newItems[i].Select(f => new FieldChange(f.Key, null, f.Value, i)));
        }

        return changes;
    }

    private static bool SameItem(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(f => b.TryGetValue(f.Key, out var v) && v == f.Value);

    /// <summary>The change as a new revision; refused (draft unchanged, typed values kept) when it would make the draft too big.</summary>
    private static StepResult Changed(Draft before, Draft after, DateTimeOffset now, IReadOnlyDictionary<string, string>? typed = null) =>
        TextSize(after) > MaxDraftCharacters && TextSize(after) > TextSize(before)
            ? new StepResult.Invalid(before, [new InputError(null, TooBigText)], typed ?? NoValues)
            : Changed(after, now);

    public const string TooBigText =
        "This draft is full: it cannot hold more text (answers and their history), so this change was not saved. "
        + "Everything saved so far is kept: shorten an answer you gave earlier, or finish and submit this draft.";

    private static string TooManyItemsText(StepDefinition step) =>
        $"This question holds at most {step.MaxItems} entries, so this one was not added. Finish the question, or remove an entry to make room.";
}
