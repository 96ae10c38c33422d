using System.Globalization;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Audit;

/// <summary>
/// The A&amp;PM team's audit of the content of a partnership's annual review for a cycle (4.4): the questionnaire
/// "review-content-audit" (one rating and notes per s.4.3 element, as data) on the one journey engine; the submitted
/// answers are kept per cycle and partnership with every earlier assessment. Coverage is computed, not asked.
/// </summary>
internal sealed class ContentAudit(
    IPartnershipRegister register,
    IDraftStore drafts,
    JourneyHandler journeys,
    JourneyCards cards,
    AuditTeam auditTeam)
{
    public const string OverallStep = "overall";
    public const string NotAllowedText = "The audit of the annual reviews (section 4.4) is for the Audit & Performance Management team.";

    /// <summary>The draft subject of a cycle's audit of one partnership: "audit:2027:kp03".</summary>
    public static string Subject(int year, string partnershipId) => string.Create(CultureInfo.InvariantCulture, $"audit:{year}:{partnershipId}");

    public static (int Year, string PartnershipId)? ParseSubject(string? subject) =>
        subject?.Split(':') is ["audit", var y, { Length: > 0 } id] && int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            ? (year, id) : null;

    /// <summary>Opens the questionnaire for the cycle's review of a partnership, or the caller's draft already in progress.</summary>
    public async Task<JsonObject> StartAsync(TurnContext turn, int year, string partnershipId, CancellationToken cancellationToken)
    {
        if (!await auditTeam.IsMemberAsync(turn.Caller, cancellationToken))
        {
            return cards.Error("Not allowed", NotAllowedText);
        }

        if (partnershipId.Length is 0 or > 100 || await register.FindAsync(partnershipId, cancellationToken) is not { } partnership)
        {
            return cards.Error("Choose a partnership", "Choose the partnership whose review you are auditing, then press Assess.");
        }

        var subject = Subject(year, partnership.Id);
        var inProgress = (await drafts.ListBySubjectAsync(subject, cancellationToken))
            .FirstOrDefault(d => d.Status == DraftStatus.InProgress && d.QuestionnaireId == QuestionnaireIds.ReviewContentAudit);
        if (inProgress is not null)
        {
            if (inProgress.OwnerId != turn.UserId)
            {
                return cards.Error("Already started", $"{inProgress.OwnerName} has already started auditing this review; they can finish it.");
            }

            await drafts.SetOpenDraftAsync(turn.UserId, inProgress.Id, cancellationToken);
            return cards.Current(inProgress, defaultLeadOfficer: turn.UserName);
        }

        return await journeys.StartAsync(turn, QuestionnaireIds.ReviewContentAudit, subject,
            string.Create(CultureInfo.InvariantCulture, $"Audit of the {year} review: {partnership.Name}"), cancellationToken);
    }

    /// <summary>The entry a submitted draft makes (pure).</summary>
    public static ContentAssessmentEntry Entry(Draft draft, QuestionnaireDefinition definition, DateTimeOffset now) =>
        new(draft.Id, draft.OwnerId, draft.OwnerName, draft.SubmittedAt ?? now, definition.Steps
            .Select(s => (Step: s, Answer: draft.AnswerTo(s.Id)))
            .Where(x => x.Answer is { Skipped: false })
            .Select(x => new ElementRating(x.Step.Id, Element(x.Step.Id), x.Answer!.Value("rating"), x.Answer.Value("notes")))
            .ToList());

    /// <summary>The s.4.3 element a step audits, as the Audit Committee summary names it.</summary>
    public static string Element(string stepId) => stepId switch
    {
        "outcomes" => "Outcomes achieved",
        "targets" => "Targets",
        "performance-measures" => "Performance measures",
        "risk-management" => "Risk management",
        "financial" => "Financial information and controls",
        "value" => "Value to the Council",
        "recommendation" => "Recommendation to SMT",
        OverallStep => "Overall",
        _ => stepId,
    };
}

/// <summary>The submit hook of the content audit: the assessment joins the cycle's record (idempotent per draft, history kept).</summary>
internal sealed class ContentAuditSubmitted(IAuditRecordStore store, IPartnershipRegister register, QuestionnaireCatalog catalog, CardRenderer renderer, TimeProvider time) : IDraftSubmittedHandler
{
    private const int MaxAttempts = 5;

    public string QuestionnaireId => QuestionnaireIds.ReviewContentAudit;

    public async Task<JsonObject> OnSubmittedAsync(TurnContext turn, Draft draft, CancellationToken cancellationToken)
    {
        if (ContentAudit.ParseSubject(draft.SubjectId) is not var (year, partnershipId)
            || await register.FindAsync(partnershipId, cancellationToken) is not { } partnership)
        {
            return renderer.Render(new ErrorView("Submitted", "Your answers are saved, but the partnership is no longer in the register. Please tell the People and Policy Manager."));
        }

        var entry = ContentAudit.Entry(draft, catalog.Get(QuestionnaireId), time.GetUtcNow());
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await store.FindAssessmentAsync(year, partnershipId, cancellationToken);
            if (current?.Entries.Any(e => e.DraftId == draft.Id) == true
                || await store.TrySaveAssessmentAsync(
                    current is null ? new ContentAssessment(partnershipId, year, [entry]) : current with { Entries = [.. current.Entries, entry] },
                    current?.Version ?? 0, cancellationToken))
            {
                return renderer.Render(new SubmittedView(
                    "Audit of the annual review's content",
                    partnership.Id,
                    partnership.Name,
                    "AU-" + draft.Id[..Math.Min(6, draft.Id.Length)].ToUpperInvariant(),
                    UkDate.Format(entry.At),
                    $"Your assessment ({entry.Overall}) is recorded for the {year} cycle. It is in the Audit Committee summary for {year} (\"audit report {year}\"); \"audit reviews {year}\" shows every partnership's coverage and assessment."));
            }
        }

        throw new InvalidOperationException($"The {year} content assessment of {partnershipId} kept changing while it was being saved.");
    }
}
