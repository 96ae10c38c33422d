using ActivityKind = System.Diagnostics.ActivityKind;
using ActivityStatusCode = System.Diagnostics.ActivityStatusCode;
using Stopwatch = System.Diagnostics.Stopwatch;
using PartnershipBot.Connector;
using PartnershipBot.Protocol;
using PartnershipBot.Telemetry;

namespace PartnershipBot.Turns;

/// <summary>
/// Runs one authenticated activity: one turn per conversation at a time, redeliveries answered as recorded,
/// the sender's conversation reference kept, then the router; failures become a friendly reply.
/// </summary>
internal sealed class TurnPipeline(
    TurnRouter router,
    ITurnLedger turns,
    IConversationReferenceStore references,
    ConnectorClient connector,
    TurnErrors errors,
    ILogger<TurnPipeline> logger)
{
    public const string NoIdentityText = "I can't tell who you are: this message did not say which account in your organisation sent it. Open PartnershipBot in Microsoft Teams, signed in with your work account, and try again.";

    /// <param name="serviceUrlVouched">True when the activity's channel token named its serviceUrl (recorded with the conversation reference).</param>
    public async Task<TurnResponse?> ProcessAsync(Activity activity, bool serviceUrlVouched, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (activity.Conversation?.Id is not { Length: > 0 } conversationId)
        {
            return null;
        }

        // Every log line of the turn (whichever area writes it) carries these ids; never text or answers.
        using var scope = logger.BeginScope(new TurnScope(conversationId, activity.Id, activity.Type));
        using var span = BotTelemetry.Source.StartActivity("turn " + (activity.Type ?? "unknown"), ActivityKind.Server);
        span?.SetTag("activity.type", activity.Type);
        span?.SetTag("conversation.id", conversationId);
        span?.SetTag("activity.id", activity.Id);
        var started = Stopwatch.GetTimestamp();

        var activityId = activity.Id is { Length: > 0 } given ? given : null;
        await using var entry = await turns.EnterAsync(conversationId, activityId, activity.From?.AadObjectId?.Trim(), cancellationToken);
        if (entry.Earlier is { } earlier)
        {
            TurnLog.Redelivered(logger, activity.Type, activityId!);
            span?.SetTag("turn.redelivered", true);
            return earlier.Response;
        }

        var turn = new TurnContext(activity, services, connector, entry.StoreHeldWritesAsync);
        InvokeResponse? invokeResponse;
        var failed = false;
        try
        {
            await RememberConversationAsync(activity, serviceUrlVouched, cancellationToken);
            invokeResponse = turn.HasIdentity || IsWelcome(activity)
                ? await RouteAsync(turn, cancellationToken)
                : await NoIdentityAsync(turn, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failed = true;
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            invokeResponse = await errors.HandleAsync(turn, ex, cancellationToken);
        }
        finally
        {
            BotTelemetry.TurnCompleted(activity.Type, failed, Stopwatch.GetElapsedTime(started));
        }

        var response = TurnResponse.From(invokeResponse);
        try
        {
            // Not cancelled with the request: the turn's work is done, and a redelivery must find it.
            await entry.CompleteAsync(response, CancellationToken.None);
        }
        catch (TurnWriteRefusedException refused)
        {
            // Nothing of the held write and no record were stored, so what the turn prepared is not sent: a retry is handled afresh.
            span?.SetStatus(ActivityStatusCode.Error, refused.GetType().Name);
            response = TurnResponse.From(await errors.HandleAsync(turn, refused, CancellationToken.None));
        }

        return response;
    }

    private async Task<InvokeResponse?> RouteAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                await RouteMessageAsync(turn, cancellationToken);
                return null;
            case ActivityTypes.Invoke:
                return await RouteInvokeAsync(turn, cancellationToken);
            case not null when IsWelcome(activity):
                if (router.OnWelcome is { } welcome)
                {
                    await welcome(turn, cancellationToken);
                }

                return null;
            default:
                TurnLog.Ignored(logger, activity.Type);
                return null;
        }
    }

    private async Task RouteMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (CardAction.From(turn.Activity) is { } action)
        {
            // Action.Submit fallback from an older client: same handler, the next card is sent as a new message.
            var card = router.FindVerb(action.Verb) is { } verbHandler
                ? await verbHandler(turn, action, cancellationToken)
                : await errors.UnknownActionCardAsync(turn, cancellationToken);
            await turn.SendCardAsync(card, cancellationToken);
            return;
        }

        var text = turn.Activity.Text ?? "";
        if (router.FindCommand(text) is { } command)
        {
            TurnLog.Command(logger, turn.UserId);
            await command.Handler(turn, command.Arguments, cancellationToken);
            return;
        }

        foreach (var handler in router.TextHandlers)
        {
            if (await handler(turn, text, cancellationToken))
            {
                return;
            }
        }

        if (router.OnUnknownText is { } unknown)
        {
            await unknown(turn, text, cancellationToken);
        }
    }

    private async Task<InvokeResponse> RouteInvokeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.Name != CardAction.InvokeName)
        {
            TurnLog.Ignored(logger, "invoke " + turn.Activity.Name);
            return InvokeResponse.NotImplemented;
        }

        if (CardAction.From(turn.Activity) is not { } action)
        {
            return InvokeResponse.Error(400, "BadRequest", "This card action is not valid.");
        }

        var card = router.FindVerb(action.Verb) is { } handler
            ? await handler(turn, action, cancellationToken)
            : await errors.UnknownActionCardAsync(turn, cancellationToken);
        if (Cards.CardReply.IsNewMessage(card) && !action.IsRefresh)
        {
            // Not the next step of the clicked card: it stays as it was, the result comes below it.
            await turn.SendCardAsync(card, cancellationToken);
            return InvokeResponse.Message(Cards.CardReply.NewMessageNote);
        }

        return InvokeResponse.Card(card);
    }

    /// <summary>The bot was added to a conversation: answered with the welcome, the only thing that needs no identity.</summary>
    // Teams announces an install twice (conversationUpdate and installationUpdate): it is welcomed once, on the
    // installationUpdate; channels without installationUpdate (Web Chat, the Emulator) on the member added.
    private static bool IsWelcome(Activity activity) => activity.Type switch
    {
        ActivityTypes.ConversationUpdate => activity.ChannelId != "msteams" && activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true,
        ActivityTypes.InstallationUpdate => activity.Action is "add" or "add-upgrade",
        _ => false,
    };

    /// <summary>
    /// An activity without the sender's Entra object id is nobody the bot can act for (from.id is not an identity):
    /// a message or card action gets a clear answer and nothing else happens; other activities are ignored.
    /// </summary>
    private async Task<InvokeResponse?> NoIdentityAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        TurnLog.NoIdentity(logger, turn.Activity.Type, turn.Activity.Id);
        switch (turn.Activity.Type)
        {
            case ActivityTypes.Message:
                await turn.SendTextAsync(NoIdentityText, cancellationToken);
                return null;
            case ActivityTypes.Invoke:
                return InvokeResponse.Card(TurnErrors.MessageCard("Who are you?", NoIdentityText));
            default:
                return null;
        }
    }

    private Task RememberConversationAsync(Activity activity, bool serviceUrlVouched, CancellationToken cancellationToken)
    {
        // Only 1:1 chats are used for proactive messages; group and channel conversations are not kept. An activity
        // without the sender's object id and tenant has no reference (ConversationReference.From), so it replaces none.
        var personal = activity.Conversation?.ConversationType is null or "personal";
        return personal && activity.From?.Role != "bot" && ConversationReference.From(activity, serviceUrlVouched) is { } reference
            ? references.SaveAsync(reference, cancellationToken)
            : Task.CompletedTask;
    }
}
