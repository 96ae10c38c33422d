using PartnershipBot.Documents;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Approvals;

/// <summary>The submitted proposal as a Word paper, for those who may read it (<see cref="ProposalQueries.MayRead"/>: one rule for cards and papers).</summary>
internal sealed class ProposalDocumentSource(
    ISubmissionStore submissions,
    IDraftStore drafts,
    QuestionnaireCatalog catalog,
    PaperTemplates templates,
    ProposalQueries queries) : IDocumentSource
{
    public const string DocumentKind = DocumentKinds.Proposal;

    public string Kind => DocumentKind;

    public async Task<bool> MayReadAsync(Caller caller, string subjectId, CancellationToken cancellationToken) =>
        await ReadableAsync(caller, subjectId, cancellationToken) is not null;

    public async Task<GeneratedDocument?> GenerateAsync(Caller caller, string subjectId, CancellationToken cancellationToken)
    {
        if (await ReadableAsync(caller, subjectId, cancellationToken) is not { } submission
            || await drafts.GetAsync(submission.DraftId, cancellationToken) is not { } draft
            || !catalog.TryGet(draft.QuestionnaireId, out var definition))
        {
            return null;
        }

        var previous = submission.PreviousDraftIds.LastOrDefault() is { } previousId ? await drafts.GetAsync(previousId, cancellationToken) : null;
        return new GeneratedDocument(ProposalPaper.FileName(submission), ProposalPaper.Build(templates, definition, submission, draft, previous));
    }

    private async Task<Submission?> ReadableAsync(Caller caller, string subjectId, CancellationToken cancellationToken) =>
        subjectId.Length is > 0 and <= 64
        && await submissions.GetAsync(subjectId, cancellationToken) is { } s
        && queries.MayRead(caller, s)
            ? s
            : null;
}
