using Microsoft.Extensions.Options;
using PartnershipBot.Cards;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Reviews;

/// <summary>The chat cards of SMT's review decisions: the review to SMT, decisions and questions to the lead officer, disengagement to the PPM.</summary>
internal sealed class ReviewDecisionMessages(CardRenderer renderer, ReviewDecisions decisions, IOptions<RegisterOptions> registerOptions, TimeProvider time)
{
    /// <summary>The review, readable in full with the decision buttons, to each SMT member.</summary>
    public IReadOnlyList<OutboxMessage> ToSmt(string key, IReadOnlyList<string> members, LoadedReview loaded, string? message) =>
        members.Select(member => Card($"{key}:{member}", member, $"For SMT: {AnnualCycle.Title(loaded.Review.Kind, loaded.Review.CycleYear)}: {loaded.Partnership.Name}",
            decisions.RecordAs(loaded, isSmt: true, isLead: false, isPpm: false), message)).ToList();

    /// <summary>What follows a recorded decision: the lead officer hears of it; disengagement also goes to the PPM; an answer goes back to SMT.</summary>
    public IReadOnlyList<OutboxMessage> After(ReviewDecisionResult.Recorded recorded, LoadedReview loaded, IReadOnlyList<string> smtMembers)
    {
        var (partnership, review, decision) = (recorded.Partnership, recorded.Review, recorded.Decision);
        loaded = loaded with { Partnership = partnership, Review = review };
        var key = $"smt-review:{review.DraftId}:{review.Decisions.Count}";
        var title = $"{AnnualCycle.Title(review.Kind, review.CycleYear)}: {partnership.Name}";
        if (decision.Kind == ReviewDecisionKind.InformationGiven)
        {
            return ToSmt(key, smtMembers, loaded, $"{decision.ByName} has answered SMT's question; SMT can now decide.");
        }

        var ppm = registerOptions.Value.PpmUserId;
        var lead = ReviewDecisions.LeadRecipient(partnership, review);
        var messages = new List<OutboxMessage>();
        if (lead.Length > 0)
        {
            var text = decision.Kind switch
            {
                ReviewDecisionKind.MoreInformationRequested => $"SMT ({decision.ByName}) asks for more information before deciding. Write your answer at the end of the card and choose Send to SMT.",
                ReviewDecisionKind.AgreeDisengagement => "SMT has agreed disengagement from the partnership, so its status is now Disengaging. Please record the contingent liabilities of disengagement (section 3.7) with the button below.",
                _ => $"SMT has recorded its decision on your review: {ReviewDecision.Text(decision.Kind)}.",
            };
            messages.Add(Card($"{key}:{lead}", lead, $"SMT: {ReviewDecision.Text(decision.Kind)}: {title}",
                decisions.RecordAs(loaded, isSmt: false, isLead: true, isPpm: string.Equals(lead, ppm, StringComparison.OrdinalIgnoreCase)), text));
        }

        if (decision.Kind == ReviewDecisionKind.AgreeDisengagement && ppm.Length > 0 && !string.Equals(ppm, lead, StringComparison.OrdinalIgnoreCase))
        {
            messages.Add(Card($"{key}:{ppm}", ppm, $"SMT agreed disengagement: {partnership.Name}",
                decisions.RecordAs(loaded, isSmt: false, isLead: false, isPpm: true),
                "SMT has agreed disengagement; the register shows the partnership as Disengaging. The lead officer is asked for the contingent liabilities; ending the partnership in the register is then yours."));
        }

        return messages;
    }

    private OutboxMessage Card(string key, string recipientId, string subject, ReviewRecord record, string? message)
    {
        var now = time.GetUtcNow();
        return new OutboxMessage
        {
            IdempotencyKey = key + ":chat",
            Kind = OutboxKind.ChatCard,
            RecipientId = recipientId,
            Subject = subject,
            Body = subject,
            Payload = renderer.Render(ReviewPages.Page(record, 1, message)),
            Topic = "partnership:" + record.Partnership.Id,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }
}
