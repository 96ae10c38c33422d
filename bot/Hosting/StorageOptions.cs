namespace PartnershipBot.Hosting;

/// <summary>Settings of the "Storage" section.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The LiteDB file; relative paths are resolved against the content root.</summary>
    public string DatabasePath { get; set; } = "data/partnershipbot.db";

    /// <summary>Most writes committed together in one transaction (group commit).</summary>
    public int MaxBatchSize { get; set; } = 256;
}
