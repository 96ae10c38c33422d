using Microsoft.Extensions.Options;
using PartnershipBot.Documents;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Hosting;

namespace PartnershipBot.Features.AuditReport;

/// <summary>
/// One partnership's review report to SMT; subject "partnershipId/cycle". Readable by its lead officer, SMT and the
/// PPM (the people the guidance reports reviews to, s.3.8 and s.4.3).
/// </summary>
internal sealed class ReviewDocumentSource(
    IPartnershipRegister register,
    IDraftStore drafts,
    IHallmarkScores hallmarks,
    ISmtMembers smt,
    QuestionnaireCatalog catalog,
    PaperTemplates templates,
    IOptions<RegisterOptions> registerOptions,
    IOptions<BotOptions> bot) : IDocumentSource
{
    public const string DocumentKind = DocumentKinds.Review;

    public string Kind => DocumentKind;

    public static string Subject(string partnershipId, int cycle) => AnnualCycle.Subject(partnershipId, cycle);

    public async Task<bool> MayReadAsync(Caller caller, string subjectId, CancellationToken cancellationToken) =>
        await ReadableAsync(caller, subjectId, cancellationToken) is not null;

    public async Task<GeneratedDocument?> GenerateAsync(Caller caller, string subjectId, CancellationToken cancellationToken)
    {
        if (await ReadableAsync(caller, subjectId, cancellationToken) is not var (partnership, outcome)
            || await drafts.GetAsync(outcome.DraftId, cancellationToken) is not { } draft
            || !catalog.TryGet(draft.QuestionnaireId, out var definition))
        {
            return null;
        }

        // Last year's answers, when last year's review answered the same questionnaire, so changes can be marked.
        var earlier = partnership.Reviews.LastOrDefault(r => r.CycleYear < outcome.CycleYear);
        var lastYear = earlier is null ? null : await drafts.GetAsync(earlier.DraftId, cancellationToken);
        if (lastYear?.QuestionnaireId != draft.QuestionnaireId)
        {
            lastYear = null;
        }

        var scores = await hallmarks.LatestAsync(partnership.Id, cancellationToken);
        return new GeneratedDocument(ReviewPaper.FileName(partnership, outcome),
            ReviewPaper.Build(templates, definition, partnership, outcome, draft, lastYear, scores));
    }

    private async Task<(Partnership, ReviewOutcome)?> ReadableAsync(Caller caller, string subjectId, CancellationToken cancellationToken)
    {
        if (!ReportReaders.SameTenant(caller, bot.Value) || subjectId.Length > 200)
        {
            return null;
        }

        (string PartnershipId, int Cycle) subject;
        try
        {
            subject = AnnualCycle.ParseSubject(subjectId);
        }
        catch (FormatException)
        {
            return null;
        }

        if (await register.FindAsync(subject.PartnershipId, cancellationToken) is not { } partnership
            || partnership.ReviewFor(subject.Cycle) is not { } outcome)
        {
            return null;
        }

        var allowed = RegisterPermissions.IsLeadOfficer(caller.Id, partnership)
            || registerOptions.Value.IsPpm(caller.Id)
            || (await smt.MemberIdsAsync(cancellationToken)).Contains(caller.Id, StringComparer.OrdinalIgnoreCase);
        return allowed ? (partnership, outcome) : null;
    }
}

/// <summary>The Audit Committee summary (s.4.4) for a cycle year; subject the year. For the PPM and the A&amp;PM team.</summary>
internal sealed class AuditCommitteeDocumentSource(
    AuditReportHandler reports,
    IPartnershipRegister register,
    IDraftStore drafts,
    IHallmarkScores hallmarks,
    PaperTemplates templates,
    AuditReportReaders readers,
    Audit.IAuditRecordStore auditRecords,
    QuestionnaireCatalog catalog,
    TimeProvider time) : IDocumentSource
{
    public const string DocumentKind = DocumentKinds.AuditCommittee;

    public string Kind => DocumentKind;

    /// <summary>Every partnership of the year with its scores and the chart: made in the background and sent when ready.</summary>
    public bool PreparedInBackground => true;

    public async Task<bool> MayReadAsync(Caller caller, string subjectId, CancellationToken cancellationToken) =>
        await readers.YearAsync(caller, subjectId, cancellationToken) is not null;

    public async Task<GeneratedDocument?> GenerateAsync(Caller caller, string subjectId, CancellationToken cancellationToken)
    {
        if (await readers.YearAsync(caller, subjectId, cancellationToken) is not { } year)
        {
            return null;
        }

        var report = await reports.BuildAsync(year, time.GetUtcNow(), cancellationToken);
        var latest = await hallmarks.LatestOfEachAsync(cancellationToken);
        var assessed = (await register.AllAsync(cancellationToken)).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Where(p => latest.ContainsKey(p.Id)).Select(p => (p.Name, latest[p.Id])).ToList();

        var bands = hallmarks.Bands;
        var pack = await AuditPack.LoadAsync(year, await register.AllAsync(cancellationToken), auditRecords, drafts, catalog, reports, cancellationToken);
        return new GeneratedDocument(AuditCommitteePaper.FileName(report),
            AuditCommitteePaper.Build(templates, report, assessed, [(bands.StrongFrom, "Strong"), (bands.DevelopingFrom, "Developing")], pack));
    }
}

/// <summary>Single-tenant bots only serve readers of their own tenant; an id alone is not enough across tenants.</summary>
internal static class ReportReaders
{
    public static bool SameTenant(Caller caller, BotOptions bot) =>
        caller.Id.Length > 0
        && (bot.MicrosoftAppTenantId is not { Length: > 0 } tenant || string.Equals(caller.TenantId, tenant, StringComparison.OrdinalIgnoreCase));
}
