using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Audit;

/// <summary>
/// Who may read and act on a specific review, its card as each of them sees it, and the chat cards that move it on
/// (to the lead officer, back to A&amp;PM, to SMT). Readers: the A&amp;PM team, the PPM and the partnership's lead officer,
/// and SMT once the lead officer's recommendation has gone to them. This is the one read rule: the card, the Word
/// download and the paper attached to SMT's e-mail all ask it. Reading gives SMT no action here: their decision is
/// taken on the review-decision card, which checks SMT itself.
/// </summary>
internal sealed class SpecificReviewCards(
    IPartnershipRegister register,
    AuditTeam auditTeam,
    ISmtMembers smt,
    IOutbox outbox,
    CardRenderer renderer,
    TimeProvider time)
{

    /// <summary>The partnership's lead officer now (a reassignment moves the review with it), else the one asked when it opened.</summary>
    public async Task<bool> IsLeadOfficerAsync(Caller caller, SpecificReview review, CancellationToken cancellationToken) =>
        caller.Id.Length > 0 && await register.FindAsync(review.PartnershipId, cancellationToken) is { } p
        && (RegisterPermissions.IsLeadOfficer(caller.Id, p) || (p.LeadOfficerId.Length == 0 && string.Equals(review.LeadOfficerId, caller.Id, StringComparison.OrdinalIgnoreCase)));

    public async Task<bool> MayReadAsync(Caller caller, SpecificReview review, CancellationToken cancellationToken) =>
        await auditTeam.IsMemberOrPpmAsync(caller, cancellationToken) || await IsLeadOfficerAsync(caller, review, cancellationToken)
        || (review.Status == SpecificReviewStatus.Recommended && await IsSmtAsync(caller, cancellationToken));

    /// <summary>An SMT member (Approvals' one definition of SMT) in the bot's own tenant.</summary>
    private async Task<bool> IsSmtAsync(Caller caller, CancellationToken cancellationToken) =>
        auditTeam.IsInBotTenant(caller) && (await smt.MemberIdsAsync(cancellationToken)).Contains(caller.Id, StringComparer.OrdinalIgnoreCase);

    public async Task<JsonObject> CardAsync(Caller caller, SpecificReview review, string? message, CancellationToken cancellationToken)
    {
        var lead = await IsLeadOfficerAsync(caller, review, cancellationToken);
        var apm = await auditTeam.IsMemberAsync(caller, cancellationToken);
        var facts = new List<FactView> { new("Opened", $"{Date(review.OpenedAt)} by {review.OpenedByName}") };
        facts.Add(new("Division's input", review.InputAt is { } given ? $"Given on {Date(given)} by {review.InputByName}" : "Not given yet"));
        facts.Add(new("Report", review.ReportedAt is { } reported ? $"Written on {Date(reported)} by {review.ReportByName}" : "Not written yet"));
        if (review.Recommendation is { } recommendation)
        {
            facts.Add(new("Lead officer's recommendation to SMT", $"{ReviewAnswers.RecommendationText(recommendation)} ({review.RecommendedByName}, {Date(review.RecommendedAt!.Value)})"
                + (review.RecommendationReasons.Length > 0 ? ": " + CardText.Shorten(review.RecommendationReasons, 1000) : "")));
            var partnership = await register.FindAsync(review.PartnershipId, cancellationToken);
            facts.Add(new("SMT's decision", CardText.Shorten(SpecificReviewToSmt.DecisionText(review, partnership), 1000)));
        }

        return renderer.Render(new SpecificReviewView(
            review.Id,
            review.PartnershipId,
            review.PartnershipName,
            StatusText(review),
            message,
            facts,
            lead && review.Status == SpecificReviewStatus.Open && review.InputDraftId is null,
            apm && review.Status == SpecificReviewStatus.Open,
            lead && review.Status == SpecificReviewStatus.Reported,
            review.ReportDraftId is not null && await MayReadAsync(caller, review, cancellationToken)));
    }

    public static string StatusText(SpecificReview review) => review.Status switch
    {
        SpecificReviewStatus.Open => review.InputDraftId is null ? "Open: waiting for the division's input and the report" : "Open: the division's input is in; waiting for the report",
        SpecificReviewStatus.Reported => "Report written: waiting for the lead officer's recommendation to SMT",
        _ => "Complete: the lead officer's recommendation has gone to SMT for their decision",
    };

    /// <summary>Sends the review's card to one person (as they may act on it); false when there is nobody to send to.</summary>
    /// <param name="tenantId">The organisation of the person whose action this follows (the recipient is in the same one).</param>
    public async Task<bool> NotifyAsync(SpecificReview review, string recipientId, string tenantId, string purpose, string message, CancellationToken cancellationToken)
    {
        if (recipientId.Length == 0)
        {
            return false;
        }

        var card = await CardAsync(new Caller(recipientId, tenantId, ""), review, message, cancellationToken);
        await outbox.EnqueueAsync([Chat($"specific-review:{review.Id}:{purpose}:{recipientId}", recipientId, $"Specific partnership review: {review.PartnershipName}", card, review.PartnershipId)], cancellationToken);
        return true;
    }

    private OutboxMessage Chat(string key, string recipientId, string text, JsonObject card, string partnershipId) =>
        OutboxMessage.ChatCard(key, recipientId, text, card, "partnership:" + partnershipId, time.GetUtcNow());

    private static string Date(DateTimeOffset at) => PartnershipBot.Features.Questionnaires.UkDate.Day(at);
}
