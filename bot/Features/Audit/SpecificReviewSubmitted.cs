using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Audit;

/// <summary>
/// The submit hooks of a specific review's two questionnaires: the division's input and A&amp;PM's report join the
/// review (idempotent per draft), and the next person is told: the opener when the input arrives, the lead officer
/// when the report is written (to reaffirm or recommend disengagement to SMT).
/// </summary>
internal abstract class SpecificReviewSubmitted(IAuditRecordStore store, SpecificReviewCards reviewCards, CardRenderer renderer, TimeProvider time) : IDraftSubmittedHandler
{
    private const int MaxAttempts = 5;

    public abstract string QuestionnaireId { get; }

    protected SpecificReviewCards ReviewCards => reviewCards;

    public async Task<JsonObject> OnSubmittedAsync(Turns.TurnContext turn, Draft draft, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (SpecificReviews.ReviewIdOf(draft.SubjectId) is not { } id || await store.FindSpecificReviewAsync(id, cancellationToken) is not { } review)
            {
                return renderer.Render(new ErrorView("Submitted", "Your answers are saved, but the review no longer exists. Please tell the Audit & Performance Management team."));
            }

            if (Apply(review, draft, now) is not { } updated)
            {
                return Receipt(review, draft, now);
            }

            if (await store.TrySaveSpecificReviewAsync(updated, review.Version, cancellationToken))
            {
                updated = updated with { Version = review.Version + 1 };
                await AfterAsync(updated, turn.Caller.TenantId, cancellationToken);
                return Receipt(updated, draft, now);
            }
        }

        throw new InvalidOperationException("The specific review kept changing while the answers were being saved.");
    }

    /// <summary>The review with this draft's answers recorded; null when they already are (pure).</summary>
    protected abstract SpecificReview? Apply(SpecificReview review, Draft draft, DateTimeOffset now);

    protected abstract Task AfterAsync(SpecificReview review, string tenantId, CancellationToken cancellationToken);

    protected abstract SubmittedView View(SpecificReview review, string reference, string at);

    private JsonObject Receipt(SpecificReview review, Draft draft, DateTimeOffset now) =>
        renderer.Render(View(review, "SR-" + draft.Id[..Math.Min(6, draft.Id.Length)].ToUpperInvariant(),
            UkDate.Format(draft.SubmittedAt ?? now)));
}

/// <summary>The division's input: recorded on the review, and the A&amp;PM officer who opened it is told.</summary>
internal sealed class SpecificReviewInputSubmitted(IAuditRecordStore store, SpecificReviewCards reviewCards, CardRenderer renderer, TimeProvider time)
    : SpecificReviewSubmitted(store, reviewCards, renderer, time)
{
    public override string QuestionnaireId => QuestionnaireIds.SpecificReviewInput;

    protected override SpecificReview? Apply(SpecificReview review, Draft draft, DateTimeOffset now) =>
        review.InputDraftId is not null ? null : review with
        {
            InputDraftId = draft.Id,
            InputByName = draft.OwnerName,
            InputAt = draft.SubmittedAt ?? now,
            History = [.. review.History, new PartnershipChange(draft.OwnerId, draft.OwnerName, now, "The division's input given")],
        };

    protected override Task AfterAsync(SpecificReview review, string tenantId, CancellationToken cancellationToken) =>
        ReviewCards.NotifyAsync(review, review.OpenedById, tenantId, "input-given",
            $"{review.InputByName} has given the division's input to your review of {review.PartnershipName}. It will be in the report's paper.", cancellationToken);

    protected override SubmittedView View(SpecificReview review, string reference, string at) => new(
        "Division's input to a specific partnership review", review.PartnershipId, review.PartnershipName, reference, at,
        "Your input has gone to the Audit & Performance Management team for their report to the Audit Committee. When the report is written you will be asked to reaffirm the Council's commitment or to recommend disengagement to SMT.");
}

/// <summary>A&amp;PM's report: recorded on the review (now Reported), and the lead officer is asked for their recommendation.</summary>
internal sealed class SpecificReviewReportSubmitted(IAuditRecordStore store, SpecificReviewCards reviewCards, CardRenderer renderer, TimeProvider time)
    : SpecificReviewSubmitted(store, reviewCards, renderer, time)
{
    public override string QuestionnaireId => QuestionnaireIds.SpecificReview;

    protected override SpecificReview? Apply(SpecificReview review, Draft draft, DateTimeOffset now) =>
        review.ReportDraftId is not null ? null : review with
        {
            Status = SpecificReviewStatus.Reported,
            ReportDraftId = draft.Id,
            ReportByName = draft.OwnerName,
            ReportedAt = draft.SubmittedAt ?? now,
            History = [.. review.History, new PartnershipChange(draft.OwnerId, draft.OwnerName, now, "Report written")],
        };

    protected override Task AfterAsync(SpecificReview review, string tenantId, CancellationToken cancellationToken) =>
        ReviewCards.NotifyAsync(review, review.LeadOfficerId, tenantId, "recommend",
            $"The Audit & Performance Management team has written its report on {review.PartnershipName} (section 4.5); it goes to the Audit Committee. As lead officer, please now reaffirm the Council's commitment or recommend disengagement to SMT, below.",
            cancellationToken);

    protected override SubmittedView View(SpecificReview review, string reference, string at) => new(
        "Specific partnership review report", review.PartnershipId, review.PartnershipName, reference, at,
        "The report is in the Audit Committee pack (\"audit report\"), and the lead officer has been asked to reaffirm commitment or recommend disengagement to SMT.",
        DownloadKind: DocumentKinds.SpecificReview, DownloadSubject: review.Id);
}
