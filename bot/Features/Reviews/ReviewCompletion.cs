using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Reviews;

/// <summary>
/// A submitted annual return or three-yearly review: the register's dates move on and the recommendation is kept,
/// the cycle's reminders and escalations are cancelled, and SMT get a summary by e-mail with the review report attached.
/// Each step is idempotent per draft, so a repeated submit hook does no harm.
/// </summary>
internal sealed partial class ReviewCompletion(
    IPartnershipRegister register,
    IDuePromptStore prompts,
    IOutbox outbox,
    ISmtMembers smt,
    QuestionnaireCatalog catalog,
    CardRenderer renderer,
    ReviewDecisions decisions,
    ReviewDecisionMessages decisionMessages,
    IOptions<ReviewOptions> options,
    TimeProvider time,
    ILogger<ReviewCompletion> logger)
{
    private readonly ReviewCalendar _calendar = ReviewCalendar.From(options.Value);

    public async Task<JsonObject> CompleteAsync(Draft draft, string tenantId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var partnership = draft.SubjectId is { Length: > 0 } id ? await register.FindAsync(id, cancellationToken) : null;
        if (partnership is null)
        {
            return renderer.Render(new ErrorView("Submitted", "Your answers are saved, but the partnership is no longer in the register, so no dates were updated. Please tell the People and Policy Manager."));
        }

        // The draft was started from the cycle's prompt, so the cycle running then is the one it completes.
        var cycle = _calendar.CycleAt(draft.CreatedAt);
        var outcome = ReviewAnswers.Outcome(draft, cycle, _calendar.Today(draft.SubmittedAt ?? now));
        var updated = await register.RecordReviewAsync(partnership.Id, outcome, cancellationToken) ?? partnership;

        var subject = AnnualCycle.Subject(partnership.Id, cycle);
        await prompts.CancelForSubjectAsync(AnnualCycle.ReminderKind, subject, now, cancellationToken);
        await prompts.CancelForSubjectAsync(AnnualCycle.EscalationKind, subject, now, cancellationToken);

        var definition = catalog.Get(draft.QuestionnaireId);
        var body = ReviewSummaryEmail.Html(updated, outcome, draft, definition);
        var members = await smt.MemberIdsAsync(cancellationToken);
        var emails = members.Select(member => new OutboxMessage
        {
            IdempotencyKey = $"review-summary:{draft.Id}:{member}",
            Kind = OutboxKind.Email,
            RecipientId = member,
            Subject = ReviewSummaryEmail.Subject(updated, outcome),
            Body = body,
            // The review report to SMT as a Word paper, made for each member when the e-mail is sent (s.3.8, 4.3).
            Papers = [new EmailPaper(Documents.Downloads.DocumentKinds.Review, subject, tenantId)],
            Topic = "partnership:" + partnership.Id,
            CreatedAt = now,
            NextAttemptAt = now,
        }).ToList();
        if (emails.Count > 0)
        {
            // SMT get the e-mail summary and, in Teams, the review readable in full with the decision buttons.
            var loaded = await decisions.LoadAsync(updated, draft.Id, cancellationToken);
            await outbox.EnqueueAsync([.. emails, .. loaded is null ? [] : decisionMessages.ToSmt($"review-smt:{draft.Id}", members, loaded, null)], cancellationToken);
        }
        else
        {
            LogNoSmt(logger, draft.Id);
        }

        LogCompleted(logger, draft.Id, partnership.Id, cycle);
        return renderer.Render(new SubmittedView(
            AnnualCycle.Title(outcome.Kind, cycle),
            partnership.Id,
            partnership.Name,
            Reference(outcome),
            UkDate.Format(draft.SubmittedAt ?? now),
            $"Recommendation: {ReviewAnswers.RecommendationText(outcome.Recommendation)}. The register is updated and the review goes to SMT, who record their decision; you will hear of it.",
            DownloadKind: Documents.Downloads.DocumentKinds.Review, DownloadSubject: subject));
    }

    public static string Reference(ReviewOutcome outcome) =>
        (outcome.Kind switch { ReviewKind.ThreeYearReview => "TYR-", ReviewKind.SpecificReview => "SR-", _ => "AR-" }) + outcome.CycleYear.ToString(CultureInfo.InvariantCulture)
        + "-" + outcome.DraftId[..Math.Min(6, outcome.DraftId.Length)].ToUpperInvariant();

    [LoggerMessage(5101, LogLevel.Information, "Review draft {DraftId} completed the {Cycle} cycle of partnership {PartnershipId}")]
    private static partial void LogCompleted(ILogger logger, string draftId, string partnershipId, int cycle);

    [LoggerMessage(5102, LogLevel.Warning, "No SMT members are configured (Approvals:SmtUserIds, Approvals:SmtGroupId); the summary of review draft {DraftId} was not sent")]
    private static partial void LogNoSmt(ILogger logger, string draftId);
}

/// <summary>The submit hook of the annual return questionnaire.</summary>
internal sealed class AnnualReturnSubmitted(ReviewCompletion completion) : IDraftSubmittedHandler
{
    public string QuestionnaireId => QuestionnaireIds.AnnualReturn;

    public Task<JsonObject> OnSubmittedAsync(TurnContext turn, Draft draft, CancellationToken cancellationToken) =>
        completion.CompleteAsync(draft, turn.Caller.TenantId, cancellationToken);
}

/// <summary>The submit hook of the three-yearly review questionnaire.</summary>
internal sealed class ThreeYearReviewSubmitted(ReviewCompletion completion) : IDraftSubmittedHandler
{
    public string QuestionnaireId => QuestionnaireIds.ThreeYearReview;

    public Task<JsonObject> OnSubmittedAsync(TurnContext turn, Draft draft, CancellationToken cancellationToken) =>
        completion.CompleteAsync(draft, turn.Caller.TenantId, cancellationToken);
}
