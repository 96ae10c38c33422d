using Microsoft.Extensions.Options;
using PartnershipBot.Documents;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Hosting;

namespace PartnershipBot.Features.Approvals;

/// <summary>The submitted proposal as a Word paper, for those who may read it (<see cref="ProposalReaders"/>).</summary>
internal sealed class ProposalDocumentSource(
    ISubmissionStore submissions,
    IDraftStore drafts,
    QuestionnaireCatalog catalog,
    PaperTemplates templates,
    IOptions<RegisterOptions> register,
    IOptions<BotOptions> bot) : IDocumentSource
{
    public const string DocumentKind = "proposal";

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
        subjectId.Length is > 0 and <= 100
        && await submissions.GetAsync(subjectId, cancellationToken) is { } s
        && ProposalReaders.MayRead(s, caller, register.Value.PpmUserId, bot.Value.MicrosoftAppTenantId)
            ? s
            : null;
}

/// <summary>
/// Who may read a submitted proposal: its submitter, everyone asked to decide on it at any stage (Divisional Head,
/// SMT), whoever has decided or commented on it, and the register's PPM; from the bot's own tenant when it has one.
/// </summary>
internal static class ProposalReaders
{
    public static bool MayRead(Submission s, Caller caller, string ppmId, string? botTenantId)
    {
        if (caller.Id.Length == 0
            || (botTenantId is { Length: > 0 } tenant && !string.Equals(caller.TenantId, tenant, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var readers = new[] { s.Submitter.Id, s.DivisionalHeadId ?? "", ppmId }
            .Concat(s.SmtIds)
            .Concat(s.Decisions.Select(d => d.By.Id))
            .Concat(s.Comments.Select(c => c.By.Id));
        return readers.Any(id => id.Length > 0 && string.Equals(id, caller.Id, StringComparison.OrdinalIgnoreCase));
    }
}
