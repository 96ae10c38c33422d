using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Notifications;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>
/// An assessment left idle (no answer for Hallmarks:IdleAfter): the partnership's lead officer or the PPM may take it
/// over (the answers so far stay, with history; the assessor changes) or cancel it (kept, as cancelled). Either way the
/// previous assessor is told in chat. Who may is decided from the register and the clicker's aadObjectId; the card
/// only says which draft, and its revision makes a click on an out-of-date card safe.
/// </summary>
internal sealed partial class HallmarkTakeOver(
    HallmarkHandler handler,
    IPartnershipLookup partnerships,
    IDraftStore drafts,
    QuestionnaireCatalog catalog,
    JourneyCards cards,
    HallmarkStartCards startCards,
    IOutbox outbox,
    TimeProvider time,
    ILogger<HallmarkTakeOver> logger)
{
    public async Task<JsonObject> TakeOverAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var (idle, partnership, refusal) = await LoadIdleAsync(turn, action, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = time.GetUtcNow();
        if (QuestionnaireEngine.TakeOver(idle!, idle!.Revision, new Actor(turn.UserId, turn.UserName), now) is not StepResult.Saved { Draft: var saved }
            || !await drafts.SaveAsync(saved, open: true, cancellationToken))
        {
            // Changed between our read and write (the assessor came back, or someone else acted first): show where it is now.
            return await handler.OfferAsync(turn, partnership!, cancellationToken);
        }

        Log.TakenOver(logger, partnership!.Id, saved.Id);
        await TellAsync(idle, saved, partnership, "Your hallmark assessment was taken over",
            $"{turn.UserName} took over your self-assessment of {partnership.Name} on {UkDate.Format(now)}, as it had no answer since "
            + $"{UkDate.Format(idle.UpdatedAt)}. Your {HallmarkStartCards.Answered(catalog.Get(QuestionnaireIds.Hallmarks), idle)} are kept in it; "
            + $"{turn.UserName} carries on from there.", now, cancellationToken);
        return cards.Current(saved);
    }

    public async Task<JsonObject> CancelAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var (idle, partnership, refusal) = await LoadIdleAsync(turn, action, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = time.GetUtcNow();
        if (QuestionnaireEngine.CancelBy(idle!, idle!.Revision, new Actor(turn.UserId, turn.UserName), now) is not StepResult.Saved { Draft: var saved }
            || !await drafts.SaveAsync(saved, open: false, cancellationToken))
        {
            return await handler.OfferAsync(turn, partnership!, cancellationToken);
        }

        Log.Cancelled(logger, partnership!.Id, saved.Id);
        var answered = HallmarkStartCards.Answered(catalog.Get(QuestionnaireIds.Hallmarks), idle);
        await TellAsync(idle, saved, partnership, "Your hallmark assessment was cancelled",
            $"{turn.UserName} cancelled your self-assessment of {partnership.Name} on {UkDate.Format(now)}, as it had no answer since "
            + $"{UkDate.Format(idle.UpdatedAt)}. It is kept, not deleted, with your {answered}.", now, cancellationToken);
        return CardReply.InPlace(startCards.Notice("Assessment cancelled", partnership,
            $"{idle.OwnerName}'s assessment (started {UkDate.Format(idle.CreatedAt)}, {answered}) is cancelled and kept in the partnership's "
            + $"history, not deleted. {idle.OwnerName} has been told. A new assessment can be started from the menu or by typing \"assess\"."));
    }

    /// <summary>The idle assessment a card names, if the clicker may act on it now; otherwise the card to show instead.</summary>
    private async Task<(Draft? Draft, PartnershipRef? Partnership, JsonObject? Refusal)> LoadIdleAsync(
        TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var draft = action.GetString("draftId") is { Length: > 0 and <= 64 } id ? await drafts.GetAsync(id, cancellationToken) : null;
        var partnership = draft is { QuestionnaireId: QuestionnaireIds.Hallmarks, SubjectId: { } subject }
            ? await partnerships.GetAsync(subject, cancellationToken)
            : null;
        if (draft is null || partnership is null)
        {
            return (null, null, cards.Error("Assessment not found", "That assessment, or its partnership, is no longer there. Type \"assess\" to choose again."));
        }

        if (!handler.MayAssess(turn.UserId, partnership))
        {
            Log.NotAllowed(logger, partnership.Id, draft.Id);
            return (null, null, cards.Error("Not allowed",
                $"Only the lead officer of {partnership.Name} or the People and Policy Manager can take over or cancel its assessment."));
        }

        var stale = draft.Status != DraftStatus.InProgress
            || draft.OwnerId == turn.UserId
            || !startCards.IsIdle(draft, time.GetUtcNow())
            || action.GetInt("revision") != draft.Revision;
        // Out of date: finished, cancelled, already taken over (by this person or another), or the assessor came back.
        return stale ? (null, null, await StaleAsync(turn, partnership, draft, cancellationToken)) : (draft, partnership, null);
    }

    private async Task<JsonObject> StaleAsync(TurnContext turn, PartnershipRef partnership, Draft draft, CancellationToken cancellationToken) =>
        draft.Status switch
        {
            DraftStatus.Submitted => CardReply.InPlace(startCards.Notice("Already submitted", partnership,
                $"{draft.OwnerName} submitted this assessment on {UkDate.Format(draft.SubmittedAt ?? draft.UpdatedAt)}, so there is nothing to take over or cancel.")),
            DraftStatus.Cancelled => CardReply.InPlace(startCards.Notice("Already cancelled", partnership,
                $"This assessment was cancelled on {UkDate.Format(draft.UpdatedAt)}; it is kept in the partnership's history.")),
            _ => await handler.OfferAsync(turn, partnership, cancellationToken),
        };

    private async Task TellAsync(Draft before, Draft after, PartnershipRef partnership, string title, string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var card = startCards.Notice(title, partnership, text);
        // One message per change: the revision in the key makes a retry of the same change a no-op.
        await outbox.EnqueueAsync(
            [OutboxMessage.ChatCard($"hallmarks-idle:{after.Id}:{after.Revision}:{before.OwnerId}", before.OwnerId, text, card, $"hallmarks:{after.Id}", now)],
            cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(7011, LogLevel.Information, "Idle hallmark assessment {DraftId} of {PartnershipId} taken over")]
        public static partial void TakenOver(ILogger logger, string partnershipId, string draftId);

        [LoggerMessage(7012, LogLevel.Information, "Idle hallmark assessment {DraftId} of {PartnershipId} cancelled")]
        public static partial void Cancelled(ILogger logger, string partnershipId, string draftId);

        [LoggerMessage(7013, LogLevel.Warning, "Take-over or cancellation of hallmark assessment {DraftId} of {PartnershipId} refused: not the lead officer or the PPM")]
        public static partial void NotAllowed(ILogger logger, string partnershipId, string draftId);
    }
}
