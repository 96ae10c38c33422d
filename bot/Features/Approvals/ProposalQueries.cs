using Microsoft.Extensions.Options;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Hosting;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// Reads submitted proposals for the people who must decide on them. The read rule lives here once, for the chat, the
/// tab and documents: the submitter, its approvers at every stage (Divisional Head, SMT, anyone who decided or commented),
/// and the register's PPM; nobody else, and nobody from another tenant. Drafts are never read here: only what was submitted.
/// </summary>
internal sealed class ProposalQueries(
    ISubmissionStore submissions,
    IDraftStore drafts,
    QuestionnaireCatalog catalog,
    IOptions<RegisterOptions> register,
    IOptions<BotOptions> bot)
{
    /// <summary>
    /// The proposal at <paramref name="version"/> (null = the latest), compared with the version the caller last decided
    /// on (what they last saw, issue 16.1) or else the version before it.
    /// </summary>
    public async Task<ProposalResult> GetAsync(Caller caller, string submissionId, int? version, CancellationToken cancellationToken)
    {
        if (submissionId.Length is 0 or > 64 || await submissions.GetAsync(submissionId, cancellationToken) is not { } s)
        {
            return new ProposalResult.NotFound();
        }

        if (!MayRead(caller, s))
        {
            return new ProposalResult.NotAllowed();
        }

        var number = Math.Clamp(version ?? s.ProposalVersion, 1, s.ProposalVersion);
        if (await DraftOfAsync(s, number, cancellationToken) is not { } draft)
        {
            return new ProposalResult.NotFound();
        }

        var compared = ComparedWith(caller, s, number);
        var before = compared >= 1 ? await DraftOfAsync(s, compared, cancellationToken) : null;
        var ppm = register.Value.PpmUserId;
        return new ProposalResult.Found(Build(s, draft, before, number, catalog.Get(QuestionnaireIds.NewPartnership), compared) with
        {
            MayNameDivisionalHead = s.Status is SubmissionStatus.Submitted or SubmissionStatus.AwaitingDivisionalHead
                && (Same(caller.Id, s.Submitter.Id) || (ppm.Length > 0 && Same(caller.Id, ppm))),
        });
    }

    /// <summary>
    /// The proposals that are the caller's own business, newest first: those they submitted, whatever became of them,
    /// and those waiting that they may read (<see cref="MayRead"/>: waiting for their decision, or for the PPM every one).
    /// Someone with no role in the register sees these and nothing else.
    /// </summary>
    public async Task<IReadOnlyList<Submission>> ReadableAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (!SameTenant(caller))
        {
            return [];
        }

        var own = await submissions.ListBySubmitterAsync(caller.Id, cancellationToken);
        var waiting = (await submissions.ListWaitingAsync(cancellationToken)).Where(s => MayRead(caller, s));
        return own.Concat(waiting).DistinctBy(s => s.Id, StringComparer.Ordinal)
            .OrderByDescending(s => s.SubmittedAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The proposal a register entry came from (entries made on approval have the id "p-" + submission id), when the
    /// caller may read it; null otherwise.
    /// </summary>
    public async Task<Submission?> ProposalOfAsync(Caller caller, string partnershipId, CancellationToken cancellationToken)
    {
        const string prefix = "p-";
        return partnershipId.StartsWith(prefix, StringComparison.Ordinal) && partnershipId.Length <= 64 + prefix.Length
            && await submissions.GetAsync(partnershipId[prefix.Length..], cancellationToken) is { } s
            && MayRead(caller, s)
                ? s
                : null;
    }

    /// <summary>Whether the caller may read this submission (see the class summary).</summary>
    public bool MayRead(Caller caller, Submission s)
    {
        if (!SameTenant(caller))
        {
            return false;
        }

        var id = caller.Id;
        return Same(id, s.Submitter.Id)
            || Same(id, register.Value.PpmUserId)
            || (s.DivisionalHeadId is { } dh && Same(id, dh))
            || s.SmtIds.Any(m => Same(m, id))
            || s.Decisions.Any(d => Same(d.By.Id, id))
            || s.Comments.Any(c => Same(c.By.Id, id));
    }

    private bool SameTenant(Caller caller) =>
        caller.Id.Length > 0 && (bot.Value.MicrosoftAppTenantId is not { Length: > 0 } tenant || Same(caller.TenantId, tenant));

    /// <summary>The frozen draft of a version: the current one, or one kept in <see cref="Submission.PreviousDraftIds"/>.</summary>
    private async Task<Draft?> DraftOfAsync(Submission s, int version, CancellationToken cancellationToken)
    {
        var id = version == s.ProposalVersion ? s.DraftId : version - 1 < s.PreviousDraftIds.Count ? s.PreviousDraftIds[version - 1] : null;
        return id is null ? null : await drafts.GetAsync(id, cancellationToken) is { Status: DraftStatus.Submitted } d ? d : null;
    }

    /// <summary>
    /// The version to compare version <paramref name="number"/> with, 0 for none: for the latest version, the last earlier
    /// one the caller decided on (an approver who sent version 1 back sees everything changed since, even if version 2
    /// was sent back by someone else); otherwise the version before.
    /// </summary>
    public static int ComparedWith(Caller caller, Submission s, int number)
    {
        var seen = number == s.ProposalVersion
            ? s.Decisions.Where(d => Same(d.By.Id, caller.Id) && d.ProposalVersion < number).Select(d => d.ProposalVersion).DefaultIfEmpty(0).Max()
            : 0;
        return seen > 0 ? seen : number - 1;
    }

    /// <summary>The proposal as records, pure: grouped by section, in question order, compared with <paramref name="before"/> (version <paramref name="comparedWith"/>, default the one before).</summary>
    public static Proposal Build(Submission s, Draft draft, Draft? before, int version, QuestionnaireDefinition definition, int? comparedWith = null)
    {
        var sections = new List<ProposalSection>();
        var checks = new List<ProposalCheck>();
        var risks = new List<ProposalRisk>();
        List<ProposalRisk>? previousRisks = null;
        var notApplicable = new List<string>();
        foreach (var step in definition.Steps)
        {
            var answer = draft.AnswerTo(step.Id);
            var changed = before is not null && Text(before.AnswerTo(step.Id), step) != Text(answer, step);
            if (step.Repeatable && step.Fields.Any(f => f.Id == RiskRating.LikelihoodField))
            {
                risks.AddRange(Risks(answer));
                previousRisks = changed ? Risks(before!.AnswerTo(step.Id)).ToList() : null;
                continue;
            }

            if (step.Fields.Any(f => f.Id == "rating"))
            {
                var old = changed ? before!.AnswerTo(step.Id) : null;
                checks.Add(new ProposalCheck(step.Id, step.Text, Value(answer, "rating"), Value(answer, "comment"), changed,
                    changed ? new ProposalCheck(step.Id, step.Text, Value(old, "rating"), Value(old, "comment"), false) : null));
                continue;
            }

            var na = answer is { Skipped: false } a && a.Value("applicability") == "Not applicable";
            if (na)
            {
                notApplicable.Add(step.Text);
            }

            var entry = new ProposalAnswer(step.Id, step.Text, Fields(answer, step), na, changed, changed ? Fields(before!.AnswerTo(step.Id), step) : null);
            if (sections.Count > 0 && sections[^1].Title == step.Section)
            {
                sections[^1] = sections[^1] with { Answers = [.. sections[^1].Answers, entry] };
            }
            else
            {
                sections.Add(new ProposalSection(step.Section, [entry]));
            }
        }

        var flags = new ProposalFlags(checks.Count(c => c.Rating == "Not met"), checks.Count(c => c.Rating == "Partly"),
            RiskRating.Overall(risks.Select(r => r.Band)), notApplicable);
        var events = s.Decisions.Select(d => new ProposalEvent(d.By.Name, ApprovalCards.RoleText(d.Role), ApprovalCards.DecisionText(d.Kind), d.At, d.ProposalVersion,
                d.MeetingDate is { } m ? $"Executive meeting {UkDate.Day(m)}" + (d.Comment is null ? "" : ". " + d.Comment)
                : d.Assessment is { } a ? a.Text() + (d.Comment is null ? "" : " Comment: " + d.Comment)
                : d.Comment))
            .Concat(s.Comments.Select(c => new ProposalEvent(c.By.Name, "comment", "Comment", c.At, 0, c.Text)))
            .OrderBy(e => e.At).ToList();
        return new Proposal(s.Id, ApprovalCards.Reference(s.Id), s.Title, s.Submitter.Name, draft.SubmittedAt ?? s.SubmittedAt, version, s.ProposalVersion,
            s.Status, ApprovalCards.StatusText(s), sections, checks, risks, previousRisks, events, flags, before is null ? null : comparedWith ?? version - 1);
    }

    /// <summary>The fields to show for a step: an applicability choice shows as "Not applicable: reason" instead of the answer.</summary>
    private static List<ProposalField> Fields(StepAnswer? answer, StepDefinition step)
    {
        if (answer is { Skipped: false } a && a.Value("applicability") == "Not applicable")
        {
            return [new ProposalField("Not applicable", Value(a, "reason") ?? "No reason given")];
        }

        return step.Fields.Where(f => f.Id is not ("applicability" or "reason"))
            .Select(f => new ProposalField(step.Fields.Count == 1 ? "" : f.Label, Value(answer, f.Id)))
            .ToList();
    }

    private static IEnumerable<ProposalRisk> Risks(StepAnswer? answer)
    {
        if (answer is not { Skipped: false } a)
        {
            yield break;
        }

        var scored = RiskRating.Assess(a.Items);
        for (var i = 0; i < a.Items.Count; i++)
        {
            var item = a.Items[i];
            var r = scored.Risks[i];
            yield return new ProposalRisk(i + 1, item.GetValueOrDefault("description", ""), r.Likelihood, r.Impact, r.Score, r.Band,
                NonEmpty(item.GetValueOrDefault("mitigation")), NonEmpty(item.GetValueOrDefault("owner")));
        }
    }

    private static string? Value(StepAnswer? answer, string fieldId) => answer is { Skipped: false } a ? NonEmpty(a.Value(fieldId)) : null;

    private static string? NonEmpty(string? v) => string.IsNullOrWhiteSpace(v) ? null : v;

    /// <summary>A step's answer as one comparable text (skipped and blank alike).</summary>
    private static string Text(StepAnswer? answer, StepDefinition step) =>
        answer is not { Skipped: false } a ? ""
        : step.Repeatable ? string.Join("\u001e", a.Items.Select(i => string.Join("\u001f", i.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value))))
        : string.Join("\u001f", step.Fields.Select(f => a.Value(f.Id)));

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
