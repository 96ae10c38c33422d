namespace PartnershipBot.Storage;

/// <summary>Settings of the "Storage" section: which backend, and where its data lives.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string LiteDb = "LiteDb";
    public const string PostgreSql = "PostgreSql";

    /// <summary><see cref="LiteDb"/> (one embedded file, one process; the default) or <see cref="PostgreSql"/> (several instances).</summary>
    public string Provider { get; set; } = LiteDb;

    /// <summary>The LiteDB file; relative paths are resolved against the content root.</summary>
    public string DatabasePath { get; set; } = "data/partnershipbot.db";

    /// <summary>Most writes committed together in one transaction (group commit, LiteDB).</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Where the "backup" command writes LiteDB backups; relative paths are resolved against the content root.</summary>
    public string BackupFolder { get; set; } = "data/backups";

    /// <summary>How many LiteDB backups are kept in <see cref="BackupFolder"/> (the oldest are deleted).</summary>
    public int BackupsKept { get; set; } = 14;

    /// <summary>
    /// PostgreSQL: how many turns one instance works on at once; more wait their turn in order of arrival. Null: four
    /// per processor, at least eight (<see cref="PostgreSql.PostgreSqlTurnAdmission"/>).
    /// </summary>
    public int? TurnsAtOnce { get; set; }

    /// <summary>The PostgreSQL connection string (Npgsql syntax); a secret: never logged.</summary>
    public string? ConnectionString { get; set; }

    public bool UsesPostgreSql => IsPostgreSql(Provider);

    public static bool IsPostgreSql(string? provider) => string.Equals(provider?.Trim(), PostgreSql, StringComparison.OrdinalIgnoreCase);

    public static bool IsLiteDb(string? provider) =>
        string.IsNullOrWhiteSpace(provider) || string.Equals(provider.Trim(), LiteDb, StringComparison.OrdinalIgnoreCase);
}
