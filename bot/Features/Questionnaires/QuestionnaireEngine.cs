using System.Collections.ObjectModel;

namespace PartnershipBot.Features.Questionnaires;

/// <summary>
/// The one questionnaire engine, shared by every journey: pure functions from a draft, its definition and the
/// officer's input to a <see cref="StepResult"/>. Time and the actor are passed in; nothing here does I/O.
/// Every operation that changes the draft bumps its revision exactly once.
/// </summary>
internal static partial class QuestionnaireEngine
{
    /// <summary>The <see cref="Draft.CurrentStepId"/> of the review screen (no step may use this id).</summary>
    public const string ReviewStepId = "review";

    /// <summary>The choice that "skip this group" records for each remaining question.</summary>
    public const string NotApplicable = "Not applicable";

    private static readonly IReadOnlyDictionary<string, string> NoValues = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>A new draft, open at the first step.</summary>
    public static Draft Start(
        QuestionnaireDefinition definition,
        string ownerId,
        string ownerName,
        string? subjectId,
        DateTimeOffset now,
        string id,
        string? title = null) =>
        new(id, definition.Id, definition.Version, ownerId, ownerName, subjectId, title, DraftStatus.InProgress,
            definition.Steps[0].Id, new Dictionary<string, StepAnswer>(), [], 1, now, now, null);

    /// <summary>
    /// Answers the open step and moves to the next unanswered step (or the review screen). On a repeatable step a
    /// filled-in item is added first, then the step is finished if it has enough items.
    /// </summary>
    public static StepResult Answer(
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
        return step.Repeatable
            ? FinishItems(draft, definition, step, values, actor, now)
            : AnswerFields(draft, definition, step, values, actor, now);
    }

    /// <summary>Skips the open step (optional steps only), recording the skip, and moves on.</summary>
    public static StepResult Skip(
        Draft draft,
        QuestionnaireDefinition definition,
        string stepId,
        int expectedRevision,
        Actor actor,
        DateTimeOffset now)
    {
        if (Refuse(draft, definition, expectedRevision, stepId) is { } stale)
        {
            return stale;
        }

        var step = definition.FindStep(stepId)!;
        if (!step.Optional)
        {
            return Problem(draft, "This question needs an answer; it cannot be skipped.");
        }

        var skipped = Record(draft, stepId, HistoryAction.Skipped, SkippedAnswer(definition, actor, now), actor, now);
        return Changed(draft, MoveOn(skipped, definition, definition.IndexOf(stepId)), now);
    }

    /// <summary>
    /// Records every remaining unanswered question of the open step's group as skipped (not scored, shown as
    /// Skipped; each can still be answered from the review) and moves past the group.
    /// </summary>
    public static StepResult SkipGroup(
        Draft draft,
        QuestionnaireDefinition definition,
        string groupId,
        int expectedRevision,
        Actor actor,
        DateTimeOffset now)
    {
        if (Refuse(draft, definition, expectedRevision) is { } stale)
        {
            return stale;
        }

        if (OpenStep(draft, definition)?.Group != groupId)
        {
            return new StepResult.Stale(draft, StaleReason.StepNotOpen);
        }

        var steps = definition.StepsIn(groupId);
        var next = draft;
        // Recorded as skipped, not as an answer: a skipped hallmark is "not assessed" and says so, never "Not applicable".
        foreach (var step in steps.Where(s => next.AnswerTo(s.Id) is null))
        {
            next = Record(next, step.Id, HistoryAction.Skipped, SkippedAnswer(definition, actor, now), actor, now);
        }

        return Changed(draft, MoveOn(next, definition, definition.IndexOf(steps[^1].Id)), now);
    }

    /// <summary>Submits a complete draft: it becomes Submitted and frozen. Refused while a required answer is missing.</summary>
    public static StepResult Submit(Draft draft, QuestionnaireDefinition definition, int expectedRevision, DateTimeOffset now)
    {
        if (Refuse(draft, definition, expectedRevision) is { } stale)
        {
            return stale;
        }

        var missing = Missing(draft, definition);
        if (missing.Count > 0)
        {
            var errors = missing
                .Select(s => new InputError(null, $"Question {definition.IndexOf(s.Id) + 1} is not answered yet: {s.Text}"))
                .ToList();
            return new StepResult.Invalid(draft, errors, NoValues);
        }

        return Changed(draft with { Status = DraftStatus.Submitted, SubmittedAt = now, CurrentStepId = ReviewStepId }, now);
    }

    /// <summary>Cancels the draft. It is kept (status Cancelled), not deleted, and no longer changes.</summary>
    public static StepResult Cancel(Draft draft, int expectedRevision, DateTimeOffset now) =>
        (StepResult?)CheckOpen(draft, expectedRevision) ?? Changed(draft with { Status = DraftStatus.Cancelled }, now);

    /// <summary>Leaves the draft as it is (everything is already saved); refused only for a stale or closed draft.</summary>
    public static StepResult SaveAndExit(Draft draft, int expectedRevision) =>
        (StepResult?)CheckOpen(draft, expectedRevision) ?? new StepResult.Saved(draft);

    /// <summary>
    /// Takes a plain typed message as the answer to the open step's primary field (other fields keep their saved
    /// values), then answers as <see cref="Answer"/> does. A typed choice matches a choice title, ignoring case.
    /// </summary>
    public static StepResult TypedAnswer(Draft draft, QuestionnaireDefinition definition, string text, Actor actor, DateTimeOffset now)
    {
        if (CheckOpen(draft, draft.Revision) is { } stale)
        {
            return stale;
        }

        if (OpenStep(draft, definition) is not { } step)
        {
            return new StepResult.Stale(draft, StaleReason.StepNotOpen);
        }

        var values = step.Repeatable
            ? []
            : new Dictionary<string, string>(draft.AnswerTo(step.Id)?.Fields ?? NoValues);
        if (!TypedNotApplicable(step, text, values))
        {
            values[step.Primary.Id] = text;
        }

        return Answer(draft, definition, step.Id, values, draft.Revision, actor, now);
    }

    /// <summary>
    /// "Not applicable: why" typed on a step whose applicability is its own choice (the two conditional questions)
    /// records that choice and the reason, rather than an answer text that merely says "not applicable".
    /// </summary>
    private static bool TypedNotApplicable(StepDefinition step, string text, Dictionary<string, string> values)
    {
        var typed = text.Trim();
        var applicability = step.Fields.Skip(1).FirstOrDefault(f =>
            f.Kind == FieldKind.Choice && f.Choices.Contains(NotApplicable, StringComparer.OrdinalIgnoreCase));
        if (step.Repeatable || applicability is null || !typed.StartsWith(NotApplicable, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        values[applicability.Id] = applicability.Choices.First(c => string.Equals(c, NotApplicable, StringComparison.OrdinalIgnoreCase));
        values.Remove(step.Primary.Id);
        var reason = typed[NotApplicable.Length..].TrimStart(' ', ':', '-', '\u2013', ',', '.', ';').Trim();
        if (step.Fields.FirstOrDefault(f => f.RequiredWhen is { } when && when.Field == applicability.Id && when.IsMet(NotApplicable)) is { } reasonField)
        {
            values[reasonField.Id] = reason;
        }

        return true;
    }

    private static StepResult AnswerFields(
        Draft draft, QuestionnaireDefinition definition, StepDefinition step, IReadOnlyDictionary<string, string> values, Actor actor, DateTimeOffset now)
    {
        var validated = AnswerValidator.Validate(step.Fields, values);
        if (!validated.IsValid)
        {
            return new StepResult.Invalid(draft, validated.Errors, validated.Submitted);
        }

        var answer = new StepAnswer(validated.Values, [], false, definition.Version, actor, now);
        var next = Record(draft, step.Id, HistoryAction.Answered, answer, actor, now);
        if (definition.TitleStep == step.Id)
        {
            next = next with { Title = answer.Value(step.Primary.Id) };
        }

        return Changed(draft, MoveOn(next, definition, definition.IndexOf(step.Id)), now, validated.Submitted);
    }

    private static StepAnswer SkippedAnswer(QuestionnaireDefinition definition, Actor actor, DateTimeOffset now) =>
        new(NoValues, [], true, definition.Version, actor, now);

    private static Draft Record(Draft draft, string stepId, HistoryAction action, StepAnswer answer, Actor actor, DateTimeOffset now)
    {
        var answers = new Dictionary<string, StepAnswer>(draft.Answers) { [stepId] = answer };
        var entry = new HistoryEntry(stepId, action, actor, now, Changes(draft.AnswerTo(stepId), answer));
        return draft with { Answers = answers, History = [.. draft.History, entry] };
    }

    private static StepResult.Saved Changed(Draft draft, DateTimeOffset now) =>
        new(draft with { Revision = draft.Revision + 1, UpdatedAt = now });

    private static StepResult.Invalid Problem(Draft draft, string message) =>
        new(draft, [new InputError(null, message)], NoValues);

    private static StepResult.Stale? CheckOpen(Draft draft, int expectedRevision) =>
        draft.Status != DraftStatus.InProgress ? new StepResult.Stale(draft, StaleReason.NotInProgress)
        : expectedRevision != draft.Revision ? new StepResult.Stale(draft, StaleReason.RevisionChanged)
        : null;

    private static StepResult.Stale? Refuse(Draft draft, QuestionnaireDefinition definition, int expectedRevision, string? stepId = null)
    {
        if (draft.QuestionnaireId != definition.Id)
        {
            throw new ArgumentException($"Draft '{draft.Id}' answers '{draft.QuestionnaireId}', not '{definition.Id}'.", nameof(definition));
        }

        return CheckOpen(draft, expectedRevision)
            ?? (stepId is not null && (stepId != draft.CurrentStepId || definition.FindStep(stepId) is null)
                ? new StepResult.Stale(draft, StaleReason.StepNotOpen)
                : null);
    }
}
