namespace PartnershipBot.Scheduling;

/// <summary>The due-prompt part of a unit of work (Storage.IUnitOfWork).</summary>
internal interface IDuePromptWrites
{
    /// <summary>Stores prompts whose key is not stored yet; existing ones (done or not) are left alone.</summary>
    void Plan(IReadOnlyList<DuePrompt> prompts);
}
