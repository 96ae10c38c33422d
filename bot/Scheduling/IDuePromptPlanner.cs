namespace PartnershipBot.Scheduling;

/// <summary>
/// Computes, from persisted state, prompts that should exist (e.g. this year's annual return prompts). Called at the
/// start of every scheduler pass; planning is idempotent by key, so returning the same prompts again is harmless.
/// </summary>
internal interface IDuePromptPlanner
{
    Task<IReadOnlyList<DuePrompt>> PlanAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
