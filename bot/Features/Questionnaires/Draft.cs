using System.Text.Json.Serialization;

namespace PartnershipBot.Features.Questionnaires;

/// <summary>
/// One officer's run through a questionnaire: every answer given so far, where they are, and the audit history.
/// Immutable; the engine returns a new draft with <see cref="Revision"/> bumped for every change.
/// </summary>
internal sealed record Draft(
    string Id,
    string QuestionnaireId,
    int QuestionnaireVersion,
    string OwnerId,
    string OwnerName,
    string? SubjectId,
    string? Title,
    DraftStatus Status,
    string CurrentStepId,
    IReadOnlyDictionary<string, StepAnswer> Answers,
    IReadOnlyList<HistoryEntry> History,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt)
{
    /// <summary>Whether the officer is on the review screen rather than a question.</summary>
    [JsonIgnore]
    public bool IsOnReview => CurrentStepId == QuestionnaireEngine.ReviewStepId;

    /// <summary>The saved answer to a step, or null.</summary>
    public StepAnswer? AnswerTo(string stepId) => Answers.GetValueOrDefault(stepId);
}

/// <summary>Whether a draft can still change.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DraftStatus>))]
internal enum DraftStatus
{
    InProgress,
    Cancelled,
    Submitted,
}

/// <summary>
/// The saved answer to one step: field values (trimmed, choices in their defined spelling), or the items of a
/// repeatable step, or a skip; with the questionnaire version it answered and who gave it when.
/// </summary>
internal sealed record StepAnswer(
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Items,
    bool Skipped,
    int QuestionnaireVersion,
    Actor AnsweredBy,
    DateTimeOffset AnsweredAt)
{
    /// <summary>A field's value, or an empty string when it was left blank.</summary>
    public string Value(string fieldId) => Fields.GetValueOrDefault(fieldId, "");
}

/// <summary>Who did something: the officer's aadObjectId (opaque, never parsed) and display name.</summary>
internal sealed record Actor(string Id, string Name);

/// <summary>
/// One change to an answer: only the values that changed, each with the value it replaced, so history grows with
/// what was typed, not with the size of the step (a copy of every item per edit made a draft grow quadratically).
/// </summary>
/// <param name="Previous">Only in entries stored before changes were recorded: the whole answer replaced. Kept as it was.</param>
/// <param name="Current">Only in entries stored before changes were recorded: the whole new answer.</param>
internal sealed record HistoryEntry(
    string StepId,
    HistoryAction Action,
    Actor By,
    DateTimeOffset At,
    IReadOnlyList<FieldChange>? Changes = null,
    StepAnswer? Previous = null,
    StepAnswer? Current = null)
{
    /// <summary>The value a field had before this change (of item <paramref name="item"/> on a repeatable step); null when it had none.</summary>
    public string? OldValue(string fieldId, int? item = null) =>
        Changes is not null
            ? Changes.FirstOrDefault(c => c.Field == fieldId && c.Item == item)?.Old
            : item is { } i ? Previous?.Items.ElementAtOrDefault(i)?.GetValueOrDefault(fieldId) : Previous?.Fields.GetValueOrDefault(fieldId);
}

/// <summary>One value changed: a field of the step, or of item <see cref="Item"/> (zero-based) of a repeatable step. Null means "no value".</summary>
internal sealed record FieldChange(string Field, string? Old, string? New, int? Item = null);

/// <summary>What kind of change a history entry records.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HistoryAction>))]
internal enum HistoryAction
{
    Answered,
    ItemAdded,
    ItemRemoved,
    Skipped,
    MarkedNotApplicable,

    /// <summary>Someone else took the draft over (its changes: the owner before and after).</summary>
    TakenOver,

    /// <summary>Cancelled, by its owner or by someone allowed to cancel it for them.</summary>
    Cancelled,
}
