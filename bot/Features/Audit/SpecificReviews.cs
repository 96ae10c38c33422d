using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Notifications;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Audit;

/// <summary>
/// A&amp;PM's review of a specific partnership (4.5): A&amp;PM opens it, the lead officer's division is asked for its input
/// through the bot (a card with a questionnaire), A&amp;PM writes the report (a questionnaire, as data), the report goes
/// into the Audit Committee pack and downloads as Word, and the lead officer is asked to reaffirm commitment or
/// recommend disengagement to SMT, whose decision follows the review-decision flow of annual reviews. Who may do what
/// is decided from the activity's id, never from card data.
/// </summary>
internal sealed partial class SpecificReviews(
    IAuditRecordStore store,
    IPartnershipRegister register,
    IDraftStore drafts,
    JourneyHandler journeys,
    JourneyCards cards,
    AuditTeam auditTeam,
    SpecificReviewCards reviewCards,
    SpecificReviewToSmt toSmt,
    IOptions<RegisterOptions> registerOptions,
    TimeProvider time,
    ILogger<SpecificReviews> logger)
{
    public const string NotAllowedText = "Specific partnership reviews (section 4.5) are opened and written by the Audit & Performance Management team.";

    /// <summary>The draft subject of a review's questionnaires: "specific:sr-…".</summary>
    public static string Subject(string reviewId) => "specific:" + reviewId;

    public static string? ReviewIdOf(string? subject) => subject is { Length: > 9 } s && s.StartsWith("specific:", StringComparison.Ordinal) ? s[9..] : null;

    /// <summary>"Open a specific review" on the list: the partnership's review in progress, or a new one (the division is asked).</summary>
    public async Task<JsonObject> OpenAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (!await auditTeam.IsMemberAsync(turn.Caller, cancellationToken))
        {
            LogRefused(logger, turn.UserId);
            return cards.Error("Not allowed", NotAllowedText);
        }

        if (action.GetString("partnershipId")?.Trim() is not { Length: > 0 and <= 100 } id || await register.FindAsync(id, cancellationToken) is not { } partnership)
        {
            return cards.Error("Choose a partnership", "Choose the partnership to review, then press Open a specific review.");
        }

        var existing = (await store.SpecificReviewsAsync(partnership.Id, cancellationToken)).LastOrDefault(r => r.Status != SpecificReviewStatus.Recommended);
        if (existing is not null)
        {
            return await reviewCards.CardAsync(turn.Caller, existing, "A review of this partnership is already in progress: here it is.", cancellationToken);
        }

        var now = time.GetUtcNow();
        var lead = partnership.LeadOfficerId.Length > 0 ? partnership.LeadOfficerId : registerOptions.Value.PpmUserId;
        var review = new SpecificReview("sr-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant(), partnership.Id, partnership.Name, turn.UserId, turn.UserName, now)
        {
            LeadOfficerId = lead,
            LeadOfficerName = partnership.LeadOfficerName,
            History = [new PartnershipChange(turn.UserId, turn.UserName, now, "Specific review opened; the lead officer's division asked for its input")],
        };
        if (!await store.TrySaveSpecificReviewAsync(review, 0, cancellationToken))
        {
            return cards.Error("Not saved", "The review could not be opened just now; nothing was changed. Please try again.");
        }

        review = review with { Version = 1 };
        LogOpened(logger, review.Id, partnership.Id);
        var asked = await reviewCards.NotifyAsync(review, lead, turn.Caller.TenantId, "input",
            $"The Audit & Performance Management team ({turn.UserName}) is reviewing {partnership.Name} (section 4.5) and asks for your division's input: issues, financial or otherwise, and the partnership's value to the Council. Press Give your division's input.",
            cancellationToken);
        return await reviewCards.CardAsync(turn.Caller, review,
            asked ? "Opened. The lead officer has been asked for their division's input; you can write the report now or when it arrives." : "Opened. No lead officer is on record for this partnership, so nobody could be asked for the division's input: tell the People and Policy Manager.",
            cancellationToken);
    }

    /// <summary>Open on a list or a notification: the review as the caller may see it.</summary>
    public async Task<JsonObject> ShowAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        await FindAsync(action, cancellationToken) is { } review
            ? await reviewCards.MayReadAsync(turn.Caller, review, cancellationToken)
                ? CardReply.AsNewMessage(await reviewCards.CardAsync(turn.Caller, review, null, cancellationToken))
                : cards.Error("Not allowed", "This review is for the Audit & Performance Management team, the People and Policy Manager, the partnership's lead officer and, once the lead officer's recommendation has gone to them, SMT.")
            : NotFound();

    /// <summary>"Give your division's input": the lead officer's questionnaire (or their draft in progress).</summary>
    public async Task<JsonObject> InputAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (await FindAsync(action, cancellationToken) is not { } review)
        {
            return NotFound();
        }

        if (!await reviewCards.IsLeadOfficerAsync(turn.Caller, review, cancellationToken))
        {
            LogRefused(logger, turn.UserId);
            return cards.Error("Not allowed", "The division's input is given by the partnership's lead officer.");
        }

        if (review.InputDraftId is not null || review.Status != SpecificReviewStatus.Open)
        {
            return await reviewCards.CardAsync(turn.Caller, review, review.InputDraftId is not null ? "Your division's input has already been given." : "The report has been written, so input can no longer be added.", cancellationToken);
        }

        return await StartOrResumeAsync(turn, review, QuestionnaireIds.SpecificReviewInput, $"Division's input: review of {review.PartnershipName}", cancellationToken);
    }

    /// <summary>"Write the report": A&amp;PM's questionnaire (or the draft in progress).</summary>
    public async Task<JsonObject> ReportAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (await FindAsync(action, cancellationToken) is not { } review)
        {
            return NotFound();
        }

        if (!await auditTeam.IsMemberAsync(turn.Caller, cancellationToken))
        {
            LogRefused(logger, turn.UserId);
            return cards.Error("Not allowed", NotAllowedText);
        }

        if (review.Status != SpecificReviewStatus.Open)
        {
            return await reviewCards.CardAsync(turn.Caller, review, "The report has already been written.", cancellationToken);
        }

        return await StartOrResumeAsync(turn, review, QuestionnaireIds.SpecificReview, $"Specific review report: {review.PartnershipName}", cancellationToken);
    }

    /// <summary>The lead officer's recommendation to SMT after the report (4.5 last sentence).</summary>
    public async Task<JsonObject> RecommendAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (await FindAsync(action, cancellationToken) is not { } review)
        {
            return NotFound();
        }

        if (!await reviewCards.IsLeadOfficerAsync(turn.Caller, review, cancellationToken))
        {
            LogRefused(logger, turn.UserId);
            return cards.Error("Not allowed", "Only the partnership's lead officer makes the recommendation to SMT. Nothing has been changed.");
        }

        if (review.Status == SpecificReviewStatus.Recommended)
        {
            // Recorded but not handed over (a failure in between): hand it over now; otherwise nothing happens again.
            await toSmt.HandOverAsync(review, turn.UserId, turn.Caller.TenantId, cancellationToken);
        }

        if (review.Status != SpecificReviewStatus.Reported)
        {
            return await reviewCards.CardAsync(turn.Caller, review, review.Status == SpecificReviewStatus.Recommended
                ? "Your recommendation has already gone to SMT." : "The report has not been written yet.", cancellationToken);
        }

        var reasons = action.GetString("reasons")?.Trim() ?? "";
        if (!Enum.TryParse<Recommendation>(action.GetString("recommendation"), out var recommendation) || !Enum.IsDefined(recommendation)
            || int.TryParse(action.GetString("recommendation"), out _))
        {
            return CardReply.InPlace(await reviewCards.CardAsync(turn.Caller, review, "Choose Reaffirm commitment or Recommend disengagement.", cancellationToken));
        }

        if (reasons.Length > 2000 || (recommendation == Recommendation.RecommendDisengagement && reasons.Length == 0))
        {
            return CardReply.InPlace(await reviewCards.CardAsync(turn.Caller, review, reasons.Length > 2000
                ? "The reasons can be up to 2,000 characters: please shorten them. Nothing has been sent."
                : "Give your reasons for recommending disengagement. Nothing has been sent.", cancellationToken));
        }

        var now = time.GetUtcNow();
        var updated = review with
        {
            Status = SpecificReviewStatus.Recommended,
            Recommendation = recommendation,
            RecommendationReasons = reasons,
            RecommendedByName = turn.UserName,
            RecommendedAt = now,
            History = [.. review.History, new PartnershipChange(turn.UserId, turn.UserName, now, $"Lead officer's recommendation to SMT: {ReviewAnswers.RecommendationText(recommendation)}")],
        };
        if (!await store.TrySaveSpecificReviewAsync(updated, review.Version, cancellationToken))
        {
            return cards.Error("Changed meanwhile", "The review changed after this card was shown, so nothing was saved. Open it again to see where it is.");
        }

        updated = updated with { Version = review.Version + 1 };
        await toSmt.HandOverAsync(updated, turn.UserId, turn.Caller.TenantId, cancellationToken);
        return CardReply.InPlace(await reviewCards.CardAsync(turn.Caller, updated, $"Sent to SMT: {ReviewAnswers.RecommendationText(recommendation)}.", cancellationToken));
    }

    private async Task<JsonObject> StartOrResumeAsync(TurnContext turn, SpecificReview review, string questionnaireId, string title, CancellationToken cancellationToken)
    {
        var inProgress = (await drafts.ListBySubjectAsync(Subject(review.Id), cancellationToken))
            .FirstOrDefault(d => d.Status == DraftStatus.InProgress && d.QuestionnaireId == questionnaireId);
        if (inProgress is not null)
        {
            if (inProgress.OwnerId != turn.UserId)
            {
                return cards.Error("Already started", $"{inProgress.OwnerName} has already started this; they can finish it.");
            }

            await drafts.SetOpenDraftAsync(turn.UserId, inProgress.Id, cancellationToken);
            return cards.Current(inProgress, defaultLeadOfficer: turn.UserName);
        }

        return await journeys.StartAsync(turn, questionnaireId, Subject(review.Id), title, cancellationToken);
    }

    private async Task<SpecificReview?> FindAsync(CardAction action, CancellationToken cancellationToken) =>
        action.GetString("reviewId") is { Length: > 0 and <= 40 } id ? await store.FindSpecificReviewAsync(id, cancellationToken) : null;

    private JsonObject NotFound() => cards.Error("Review not found", "That specific partnership review no longer exists.");

    [LoggerMessage(5230, LogLevel.Information, "Specific review {ReviewId} of partnership {PartnershipId} opened")]
    private static partial void LogOpened(ILogger logger, string reviewId, string partnershipId);

    [LoggerMessage(5231, LogLevel.Information, "Specific review action refused for {UserId}")]
    private static partial void LogRefused(ILogger logger, string userId);
}
