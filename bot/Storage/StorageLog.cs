namespace PartnershipBot.Storage;

/// <summary>Log events of the storage layer.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(1001, LogLevel.Information, "Opened database {Path} (schema {SchemaVersion})")]
    public static partial void Opened(ILogger logger, string path, int schemaVersion);

    [LoggerMessage(1003, LogLevel.Information, "Closed database {Path}")]
    public static partial void Closed(ILogger logger, string path);

    [LoggerMessage(1002, LogLevel.Error, "A commit of {Count} writes failed")]
    public static partial void CommitFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(1010, LogLevel.Information, "Opened PostgreSQL database {Database} on {Host} (schema {SchemaVersion})")]
    public static partial void OpenedPostgreSql(ILogger logger, string? database, string? host, int schemaVersion);

    [LoggerMessage(1011, LogLevel.Information, "Applied PostgreSQL migration {Version} ({Name})")]
    public static partial void Migrated(ILogger logger, int version, string name);

    [LoggerMessage(1012, LogLevel.Information, "Listening for outbox changes of other instances (reconnected: {Reconnected})")]
    public static partial void Listening(ILogger logger, bool reconnected);

    [LoggerMessage(1013, LogLevel.Warning, "The outbox listener's connection failed; reconnecting in {Wait} (the dispatcher's poll covers the gap)")]
    public static partial void ListenFailed(ILogger logger, TimeSpan wait, Exception exception);

    [LoggerMessage(1014, LogLevel.Information, "Online backup written to {Path} ({Bytes} bytes, {Records} records)")]
    public static partial void BackedUp(ILogger logger, string path, long bytes, int records);
}
