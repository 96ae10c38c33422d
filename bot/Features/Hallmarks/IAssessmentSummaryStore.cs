using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>Submitted self-assessments in brief (<see cref="AssessmentSummary"/>), kept beside their drafts.</summary>
internal interface IAssessmentSummaryStore
{
    /// <summary>
    /// Stores the submitted draft and its summary in one write, as <c>IDraftStore.SaveAsync</c> stores a draft (only
    /// if the stored one is the revision it was made from; the owner's open draft cleared): false, and nothing
    /// written, when someone changed the draft first.
    /// </summary>
    Task<bool> SubmitAsync(Draft submitted, AssessmentSummary summary, CancellationToken cancellationToken);

    /// <summary>A partnership's summaries, newest first.</summary>
    Task<IReadOnlyList<AssessmentSummary>> OfPartnershipAsync(string partnershipId, CancellationToken cancellationToken);

    /// <summary>
    /// The newest summary of each partnership that has one; without <paramref name="withImprovements"/>, their
    /// improvement items are left unread (empty): scores and charts need only the points, and the items are most of a summary.
    /// </summary>
    Task<IReadOnlyList<AssessmentSummary>> LatestOfEachAsync(bool withImprovements, CancellationToken cancellationToken);

    /// <summary>The newest summary of each of these partnerships that has one (a lead officer's few, not the whole register's).</summary>
    Task<IReadOnlyList<AssessmentSummary>> LatestOfAsync(IReadOnlyCollection<string> partnershipIds, CancellationToken cancellationToken);

    /// <summary>Stores summaries of assessments submitted before summaries were kept; one already stored is left as it is.</summary>
    Task AddMissingAsync(IReadOnlyList<AssessmentSummary> summaries, CancellationToken cancellationToken);
}
