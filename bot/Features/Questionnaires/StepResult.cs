namespace PartnershipBot.Features.Questionnaires;

/// <summary>The outcome of an engine operation. User errors are results, never exceptions.</summary>
internal abstract record StepResult(Draft Draft)
{
    /// <summary>The operation succeeded; <see cref="StepResult.Draft"/> is the draft to store (unchanged when nothing changed).</summary>
    internal sealed record Saved(Draft Draft) : StepResult(Draft);

    /// <summary>
    /// The input was refused; the draft is unchanged. <paramref name="Values"/> are the submitted values (trimmed)
    /// so the card can show them again and nothing typed is lost.
    /// </summary>
    internal sealed record Invalid(Draft Draft, IReadOnlyList<InputError> Errors, IReadOnlyDictionary<string, string> Values)
        : StepResult(Draft);

    /// <summary>The card was out of date (or the draft is closed); <see cref="StepResult.Draft"/> is the current state to show.</summary>
    internal sealed record Stale(Draft Draft, StaleReason Reason) : StepResult(Draft);
}

/// <summary>A message for one field (or, with a null <see cref="FieldId"/>, for the step as a whole).</summary>
internal sealed record InputError(string? FieldId, string Message);

/// <summary>Why a card action no longer applies.</summary>
internal enum StaleReason
{
    /// <summary>The draft changed since the card was sent (its revision moved on).</summary>
    RevisionChanged,

    /// <summary>The card is for a step (or group) that is not the open one.</summary>
    StepNotOpen,

    /// <summary>The draft was submitted or cancelled and is frozen.</summary>
    NotInProgress,
}
