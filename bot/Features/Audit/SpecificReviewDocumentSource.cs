using PartnershipBot.Documents;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Audit;

/// <summary>
/// The specific partnership review report (4.5) as Word; subject the review id. Readable by the A&amp;PM team, the PPM,
/// the partnership's lead officer and, once the recommendation has gone to them, SMT (the card's rule,
/// <see cref="SpecificReviewCards.MayReadAsync"/>), once the report is written.
/// </summary>
internal sealed class SpecificReviewDocumentSource(
    IAuditRecordStore store,
    IPartnershipRegister register,
    IDraftStore drafts,
    SpecificReviewCards reviewCards,
    QuestionnaireCatalog catalog,
    PaperTemplates templates) : IDocumentSource
{
    public string Kind => DocumentKinds.SpecificReview;

    public async Task<bool> MayReadAsync(Caller caller, string subjectId, CancellationToken cancellationToken) =>
        await ReadableAsync(caller, subjectId, cancellationToken) is not null;

    public async Task<GeneratedDocument?> GenerateAsync(Caller caller, string subjectId, CancellationToken cancellationToken)
    {
        if (await ReadableAsync(caller, subjectId, cancellationToken) is not { } review)
        {
            return null;
        }

        var report = await ReportAsync(drafts, review, cancellationToken);
        return new GeneratedDocument(SpecificReviewPaper.FileName(review),
            SpecificReviewPaper.Build(templates, catalog, report, await register.FindAsync(review.PartnershipId, cancellationToken)));
    }

    /// <summary>The review with its submitted report and input drafts.</summary>
    public static async Task<SpecificReviewReport> ReportAsync(IDraftStore drafts, SpecificReview review, CancellationToken cancellationToken) => new(
        review,
        review.ReportDraftId is { } r ? await drafts.GetAsync(r, cancellationToken) : null,
        review.InputDraftId is { } i ? await drafts.GetAsync(i, cancellationToken) : null);

    private async Task<SpecificReview?> ReadableAsync(Caller caller, string subjectId, CancellationToken cancellationToken) =>
        subjectId.Length is > 0 and <= 40 && await store.FindSpecificReviewAsync(subjectId, cancellationToken) is { ReportDraftId: not null } review
        && await reviewCards.MayReadAsync(caller, review, cancellationToken)
            ? review : null;
}
