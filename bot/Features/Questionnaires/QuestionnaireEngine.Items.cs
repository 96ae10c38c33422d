namespace PartnershipBot.Features.Questionnaires;

// Repeatable steps (e.g. the risks of a risk assessment): items are added one at a time, then the step is finished.
internal static partial class QuestionnaireEngine
{
    /// <summary>Adds one item to the open repeatable step and stays on it.</summary>
    public static StepResult AddItem(
        Draft draft,
        QuestionnaireDefinition definition,
        string stepId,
        IReadOnlyDictionary<string, string> values,
        int expectedRevision,
        Actor actor,
        DateTimeOffset now)
    {
        if (Refuse(draft, definition, expectedRevision, stepId) is { } stale)
        {
            return stale;
        }

        var step = definition.FindStep(stepId)!;
        if (!step.Repeatable)
        {
            return Problem(draft, "This question takes a single answer.");
        }

        var (added, invalid) = AppendItem(draft, definition, step, values, actor, now);
        return (StepResult?)invalid ?? Changed(draft, added!, now, values);
    }

    /// <summary>Removes item <paramref name="index"/> (zero-based) from the open repeatable step and stays on it.</summary>
    public static StepResult RemoveItem(
        Draft draft,
        QuestionnaireDefinition definition,
        string stepId,
        int index,
        int expectedRevision,
        Actor actor,
        DateTimeOffset now)
    {
        if (Refuse(draft, definition, expectedRevision, stepId) is { } stale)
        {
            return stale;
        }

        var answer = draft.AnswerTo(stepId);
        if (answer is null || index < 0 || index >= answer.Items.Count)
        {
            return Problem(draft, $"There is no entry {index + 1} to remove.");
        }

        var items = answer.Items.Where((_, i) => i != index).ToList();
        var updated = new StepAnswer(NoValues, items, false, definition.Version, actor, now);
        return Changed(draft, Record(draft, stepId, HistoryAction.ItemRemoved, updated, actor, now), now);
    }

    private static StepResult FinishItems(
        Draft draft, QuestionnaireDefinition definition, StepDefinition step, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now)
    {
        var next = draft;
        if (!AnswerValidator.IsBlank(step.Fields, values))
        {
            var (added, invalid) = AppendItem(draft, definition, step, values, actor, now);
            if (invalid is not null)
            {
                return invalid;
            }

            next = added!;
        }

        var count = next.AnswerTo(step.Id)?.Items.Count ?? 0;
        if (count < step.MinimumItems)
        {
            var entries = step.MinimumItems == 1 ? "entry" : "entries";
            return Problem(draft, $"Add at least {step.MinimumItems} {entries} before moving on.");
        }

        if (next.AnswerTo(step.Id) is null)
        {
            var none = new StepAnswer(NoValues, [], false, definition.Version, actor, now);
            next = Record(next, step.Id, HistoryAction.Answered, none, actor, now);
        }

        return Changed(draft, MoveOn(next, definition, definition.IndexOf(step.Id)), now, values);
    }

    private static (Draft? Draft, StepResult.Invalid? Invalid) AppendItem(
        Draft draft, QuestionnaireDefinition definition, StepDefinition step, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now)
    {
        var validated = AnswerValidator.Validate(step.Fields, values);
        if (!validated.IsValid)
        {
            return (null, new StepResult.Invalid(draft, validated.Errors, validated.Submitted));
        }

        var existing = draft.AnswerTo(step.Id)?.Items ?? [];
        if (existing.Count >= step.MaxItems)
        {
            return (null, new StepResult.Invalid(draft, [new InputError(null, TooManyItemsText(step))], validated.Submitted));
        }

        var items = existing.Append(validated.Values).ToList();
        var answer = new StepAnswer(NoValues, items, false, definition.Version, actor, now);
        return (Record(draft, step.Id, HistoryAction.ItemAdded, answer, actor, now), null);
    }
}
