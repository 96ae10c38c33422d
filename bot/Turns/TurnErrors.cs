using System.Text.Json.Nodes;
using PartnershipBot.Protocol;

namespace PartnershipBot.Turns;

/// <summary>The one place a failed turn becomes a friendly reply and a structured log entry; no stack trace reaches a user.</summary>
internal sealed class TurnErrors(ILogger<TurnErrors> logger)
{
    public const string FriendlyText = "Sorry, something went wrong on our side. Nothing you have entered is lost: please try again in a moment.";
    public const string NotStoredText = "What you just entered was not saved: the same record was changed somewhere else at that moment (another window or device). Open it again to see where it stands, then enter it again.";
    public const string UnknownActionText = "That button is no longer available. Type \"help\" to see what I can do.";

    public async Task<InvokeResponse?> HandleAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken)
    {
        // A held-back write refused as changed elsewhere is not a fault of the bot: the officer is told what happened.
        string title, text;
        if (exception is TurnWriteRefusedException)
        {
            TurnLog.HeldWriteRefused(logger, turn.Activity.Type, turn.Activity.Id);
            (title, text) = ("Not saved", NotStoredText);
        }
        else
        {
            TurnLog.Failed(logger, turn.Activity.Type, turn.Activity.Id, exception);
            (title, text) = ("Something went wrong", FriendlyText);
        }

        if (turn.Activity.Type == ActivityTypes.Invoke)
        {
            return InvokeResponse.Card(MessageCard(title, text));
        }

        try
        {
            await turn.SendTextAsync(text, cancellationToken);
        }
        catch (Exception sendFailure) when (sendFailure is not OperationCanceledException)
        {
            TurnLog.ReplyFailed(logger, turn.Activity.Id, sendFailure);
        }

        return null;
    }

    public Task<JsonObject> UnknownActionCardAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        TurnLog.UnknownVerb(logger, turn.Activity.Id);
        return Task.FromResult(MessageCard("Not available", UnknownActionText));
    }

    /// <summary>A minimal card used until, and as a last resort beside, the templated error card.</summary>
    internal static JsonObject MessageCard(string title, string text) => new()
    {
        ["type"] = "AdaptiveCard",
        ["version"] = "1.5",
        ["body"] = new JsonArray(
            new JsonObject { ["type"] = "TextBlock", ["text"] = title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
            new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true }),
    };
}
