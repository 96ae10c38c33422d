namespace PartnershipBot.Storage;

/// <summary>An online backup of the database, taken by the running bot (the "backup" command).</summary>
internal interface IStorageBackup
{
    /// <summary>Writes a backup and checks it; null when this backend is backed up outside the bot (PostgreSQL).</summary>
    Task<BackupReport?> BackupAsync(CancellationToken cancellationToken);
}

/// <summary>A backup written: where, how big, and the records per collection found in it when it was opened again.</summary>
internal sealed record BackupReport(string Path, long Bytes, IReadOnlyDictionary<string, int> Records);

/// <summary>PostgreSQL: backups are the database's (pg_dump, Azure point-in-time restore), not the bot's.</summary>
internal sealed class DatabaseManagedBackup : IStorageBackup
{
    public Task<BackupReport?> BackupAsync(CancellationToken cancellationToken) => Task.FromResult<BackupReport?>(null);
}
