using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Journeys;

/// <summary>Drafts of every journey, and which draft each officer has open (for typed answers).</summary>
internal interface IDraftStore
{
    Task<Draft?> GetAsync(string draftId, CancellationToken cancellationToken);

    /// <summary>Every draft the officer owns, newest first.</summary>
    Task<IReadOnlyList<Draft>> ListByOwnerAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Drafts about one subject (e.g. a partnership), newest first.</summary>
    Task<IReadOnlyList<Draft>> ListBySubjectAsync(string subjectId, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a draft only if the stored one is the revision it was made from (<c>draft.Revision - 1</c>, or none
    /// for a new draft): false when someone else changed it first. <paramref name="open"/> sets or clears it as
    /// the owner's open draft in the same commit.
    /// </summary>
    Task<bool> SaveAsync(Draft draft, bool open, CancellationToken cancellationToken);

    /// <summary>The draft the officer has open (a question card on screen), if any.</summary>
    Task<string?> GetOpenDraftIdAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Sets or clears the owner's open draft without changing any draft.</summary>
    Task SetOpenDraftAsync(string ownerId, string? draftId, CancellationToken cancellationToken);
}
