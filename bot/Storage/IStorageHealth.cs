namespace PartnershipBot.Storage;

/// <summary>Whether the database answers, for /healthz.</summary>
internal interface IStorageHealth
{
    Task<StorageHealth> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>A health check's answer; <see cref="Problem"/> is for operators and never holds a secret.</summary>
internal sealed record StorageHealth(string Provider, bool Reachable, int? SchemaVersion, string? Problem = null);
