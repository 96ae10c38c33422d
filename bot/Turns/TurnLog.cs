namespace PartnershipBot.Turns;

/// <summary>Log events of the turn pipeline. Never logs message text or card data (officers' answers).</summary>
internal static partial class TurnLog
{
    [LoggerMessage(2001, LogLevel.Debug, "Ignored activity of type {ActivityType}")]
    public static partial void Ignored(ILogger logger, string? activityType);

    [LoggerMessage(2002, LogLevel.Information, "Activity {ActivityId} ({ActivityType}) was redelivered; answered without processing it again")]
    public static partial void Redelivered(ILogger logger, string? activityType, string activityId);

    [LoggerMessage(2003, LogLevel.Error, "Turn for activity {ActivityId} ({ActivityType}) failed")]
    public static partial void Failed(ILogger logger, string? activityType, string? activityId, Exception exception);

    [LoggerMessage(2004, LogLevel.Warning, "Could not send the error reply for activity {ActivityId}")]
    public static partial void ReplyFailed(ILogger logger, string? activityId, Exception exception);

    [LoggerMessage(2005, LogLevel.Information, "Card action with an unknown verb in activity {ActivityId}")]
    public static partial void UnknownVerb(ILogger logger, string? activityId);

    [LoggerMessage(2007, LogLevel.Information, "Activity {ActivityId} ({ActivityType}) names no Entra object id: answered that the sender is unknown, nothing else done")]
    public static partial void NoIdentity(ILogger logger, string? activityType, string? activityId);

    [LoggerMessage(2006, LogLevel.Debug, "Command from user {UserId}")]
    public static partial void Command(ILogger logger, string userId);

    [LoggerMessage(2008, LogLevel.Warning, "Activity {ActivityId} ({ActivityType}): a write held for the turn's end was refused as changed elsewhere; the sender was told it was not saved")]
    public static partial void HeldWriteRefused(ILogger logger, string? activityType, string? activityId);
}
