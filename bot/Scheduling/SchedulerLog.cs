namespace PartnershipBot.Scheduling;

/// <summary>Log events of the scheduler. Prompt keys hold only ids, never officers' text.</summary>
internal static partial class SchedulerLog
{
    [LoggerMessage(3501, LogLevel.Debug, "Scheduler pass: {Planned} planned, {Due} due")]
    public static partial void Pass(ILogger logger, int planned, int due);

    [LoggerMessage(3502, LogLevel.Information, "Prompt {Key} ({Kind}) handled")]
    public static partial void Handled(ILogger logger, string key, string kind);

    [LoggerMessage(3503, LogLevel.Error, "Prompt {Key} ({Kind}) failed (attempt {Attempt}); retried at {RetryAt}")]
    public static partial void Failed(ILogger logger, string key, string kind, int attempt, DateTimeOffset retryAt, Exception exception);

    [LoggerMessage(3504, LogLevel.Error, "No handler is registered for prompt kind {Kind} (prompt {Key}); it stays pending")]
    public static partial void NoHandler(ILogger logger, string kind, string key);

    [LoggerMessage(3505, LogLevel.Error, "A scheduler pass failed")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(3506, LogLevel.Error, "Planner {Planner} failed; its prompts are planned on a later pass")]
    public static partial void PlannerFailed(ILogger logger, string planner, Exception exception);

    [LoggerMessage(3507, LogLevel.Debug, "Scheduler pass skipped: another instance leads")]
    public static partial void NotLeader(ILogger logger);

    [LoggerMessage(3508, LogLevel.Information, "This instance now leads the scheduler")]
    public static partial void Leading(ILogger logger);

    [LoggerMessage(3509, LogLevel.Warning, "This instance lost the scheduler leadership (its lock connection ended); another instance may take over")]
    public static partial void LeadershipLost(ILogger logger, Exception? exception);

    [LoggerMessage(3510, LogLevel.Warning, "Could not ask for the scheduler leadership; tried again on the next pass")]
    public static partial void LeadershipUnavailable(ILogger logger, Exception exception);
}
