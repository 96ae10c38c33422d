using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Reviews;

/// <summary>
/// The buttons of the SMT review card: page through the review, record SMT's decision or question, the lead officer's
/// answer. The service decides who may; this shows the card and sends what follows.
/// </summary>
internal sealed partial class ReviewDecisionHandler(
    ReviewDecisions decisions,
    ReviewDecisionMessages messages,
    ISmtMembers smt,
    IOutbox outbox,
    CardRenderer renderer,
    ILogger<ReviewDecisionHandler> logger)
{
    private static readonly ReviewDecisionKind[] SmtChoices =
        [ReviewDecisionKind.Noted, ReviewDecisionKind.ReaffirmCommitment, ReviewDecisionKind.AgreeDisengagement, ReviewDecisionKind.MoreInformationRequested];

    public async Task<JsonObject> OpenAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        await PageAsync(turn, action, action.GetInt("page") ?? 1, null, cancellationToken);

    public Task<JsonObject> DecideAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        Enum.TryParse<ReviewDecisionKind>(action.GetString("decision"), ignoreCase: false, out var kind) && SmtChoices.Contains(kind)
            ? RecordAsync(turn, action, kind, action.GetString("comment") ?? "", cancellationToken)
            : Task.FromResult(Error("Not understood", "That card asked for a decision the bot does not know. Nothing has been changed."));

    public Task<JsonObject> AnswerAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        RecordAsync(turn, action, ReviewDecisionKind.InformationGiven, action.GetString("answer") ?? "", cancellationToken);

    private async Task<JsonObject> RecordAsync(TurnContext turn, CardAction action, ReviewDecisionKind kind, string comment, CancellationToken cancellationToken)
    {
        var (partnershipId, draftId) = Ids(action);
        switch (await decisions.DecideAsync(turn.Caller, partnershipId, draftId, kind, comment, cancellationToken))
        {
            case ReviewDecisionResult.Recorded recorded:
                if (await decisions.LoadAsync(partnershipId, draftId, cancellationToken) is { } loaded)
                {
                    var members = kind == ReviewDecisionKind.InformationGiven ? await smt.MemberIdsAsync(cancellationToken) : [];
                    await outbox.EnqueueAsync(messages.After(recorded, loaded, members), cancellationToken);
                }

                LogRecorded(logger, kind, draftId, partnershipId);
                return await PageAsync(turn, action, 1, Confirmation(recorded), cancellationToken);
            case ReviewDecisionResult.AlreadyDecided already:
                return await PageAsync(turn, action, 1,
                    $"SMT had already recorded \"{ReviewDecision.Text(already.Decision.Kind)}\" ({already.Decision.ByName}), so nothing has been changed.", cancellationToken);
            case ReviewDecisionResult.Invalid invalid:
                return await PageAsync(turn, action, 1, invalid.Message, cancellationToken);
            case ReviewDecisionResult.NotAllowed refused:
                LogRefused(logger, draftId.Length <= 64 ? draftId : "(too long)");
                return Error("Not allowed", refused.Message);
            default:
                return Error("Not found", "That review is no longer in the register.");
        }
    }

    private async Task<JsonObject> PageAsync(TurnContext turn, CardAction action, int page, string? message, CancellationToken cancellationToken)
    {
        var (partnershipId, draftId) = Ids(action);
        switch (await decisions.GetAsync(turn.Caller, partnershipId, draftId, cancellationToken))
        {
            case ReviewReadResult.Found found:
                return renderer.Render(ReviewPages.Page(found.Record, page, message));
            case ReviewReadResult.NotAllowed:
                LogRefused(logger, draftId.Length <= 64 ? draftId : "(too long)");
                return Error("Not allowed", ReviewDecisions.NotAllowedText);
            default:
                return Error("Not found", "That review is no longer in the register.");
        }
    }

    private static string Confirmation(ReviewDecisionResult.Recorded recorded) => recorded.Decision.Kind switch
    {
        ReviewDecisionKind.MoreInformationRequested => "Your question has been sent to the lead officer. You will get the review again with the answer.",
        ReviewDecisionKind.InformationGiven => "Your answer has been sent to SMT.",
        ReviewDecisionKind.AgreeDisengagement => "Recorded: disengagement agreed. The partnership is now Disengaging; the lead officer is asked for the contingent liabilities and the People and Policy Manager is told.",
        var kind => $"Recorded: {ReviewDecision.Text(kind)}. The lead officer is told.",
    };

    private static (string PartnershipId, string DraftId) Ids(CardAction action) =>
        (action.GetString("partnershipId") ?? "", action.GetString("draftId") ?? "");

    private JsonObject Error(string title, string message) => renderer.Render(new ErrorView(title, message));

    [LoggerMessage(5104, LogLevel.Information, "{Kind} recorded on review draft {DraftId} of partnership {PartnershipId}")]
    private static partial void LogRecorded(ILogger logger, ReviewDecisionKind kind, string draftId, string partnershipId);

    [LoggerMessage(5105, LogLevel.Information, "A review card action on draft {DraftId} was refused: not SMT, the lead officer or the PPM")]
    private static partial void LogRefused(ILogger logger, string draftId);
}
