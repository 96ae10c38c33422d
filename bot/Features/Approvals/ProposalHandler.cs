using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Approvals;

/// <summary>"Open the proposal" and its page buttons: the query decides who may read it; this shows the page.</summary>
internal sealed class ProposalHandler(ProposalQueries proposals, ProposalLists lists, CardRenderer renderer, ApprovalCards cards, ILogger<ProposalHandler> logger)
{
    public const string NotAllowedText =
        "Only the person who submitted this proposal, the people asked to decide on it and the People and Policy Manager can read it.";

    public async Task<JsonObject> OpenAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (action.GetString("view") == "history")
        {
            // A page button of the History view (same card template, same paging).
            return await lists.HistoryAsync(turn, action, cancellationToken);
        }

        var id = action.GetString("submissionId") ?? action.GetString("approvalId") ?? "";
        switch (await proposals.GetAsync(turn.Caller, id, action.GetInt("version"), cancellationToken))
        {
            case ProposalResult.Found found:
                var page = renderer.Render(ProposalPages.Page(found.Proposal, action.GetInt("page") ?? 1));

                // Opened from a receipt (submitted, decided): the receipt with its reference stays, the proposal comes below.
                return action.GetString("from") == "receipt" ? CardReply.AsNewMessage(page) : page;
            case ProposalResult.NotAllowed:
                ApprovalLog.ProposalRefused(logger, id.Length <= 64 ? id : "(too long)");
                return cards.Error("Not allowed", NotAllowedText);
            default:
                return cards.Error("Not found", "That proposal does not exist, or has no submitted version.");
        }
    }
}
