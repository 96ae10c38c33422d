using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// An approval card sent after its stage has moved on (delivery retried, or sent late) shows the proposal as it is now:
/// the outcome once decided, else the card for the recipient's current role (no buttons when they may no longer act).
/// </summary>
internal sealed class ApprovalCardContent(ISubmissionStore submissions, IDraftStore drafts, ApprovalCards cards, IOptions<RegisterOptions> register) : IChatCardContent
{
    public async Task<JsonObject?> CurrentAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Topic is not { } topic || !topic.StartsWith("submission:", StringComparison.Ordinal)
            || await submissions.GetAsync(topic["submission:".Length..], cancellationToken) is not { } s)
        {
            return null;
        }

        if (s.Final is { } final)
        {
            return cards.Outcome(s, final);
        }

        // Keys name the stage they were written for: "...:{id}:v{version}:{status}:...".
        if (message.IdempotencyKey.Contains($":{s.Id}:v{s.ProposalVersion}:{s.Status}:", StringComparison.Ordinal)
            || await drafts.GetAsync(s.DraftId, cancellationToken) is not { } draft)
        {
            return null;
        }

        return cards.Request(s, draft, register.Value.PpmUserId, message.RecipientId);
    }
}
