namespace PartnershipBot.Features.Journeys;

/// <summary>Log events of the journeys: ids and counts only, never answers.</summary>
internal static partial class JourneyLog
{
    [LoggerMessage(4001, LogLevel.Information, "Started {QuestionnaireId} draft {DraftId}")]
    public static partial void Started(ILogger logger, string questionnaireId, string draftId);

    [LoggerMessage(4002, LogLevel.Debug, "Saved draft {DraftId} at revision {Revision}")]
    public static partial void Saved(ILogger logger, string draftId, int revision);

    [LoggerMessage(4003, LogLevel.Information, "Submitted {QuestionnaireId} draft {DraftId}")]
    public static partial void Submitted(ILogger logger, string questionnaireId, string draftId);

    [LoggerMessage(4004, LogLevel.Warning, "Refused a card action on draft {DraftId} from someone who does not own it")]
    public static partial void NotOwner(ILogger logger, string draftId);

    [LoggerMessage(4005, LogLevel.Information, "Could not mark the answered question card of draft {DraftId}; it stays as it was")]
    public static partial void AnsweredCardNotUpdated(ILogger logger, string draftId, Exception exception);
}
