namespace PartnershipBot.Documents.Downloads;

/// <summary>
/// Permission for one person to download one document once, before it expires. Stored by the SHA-256 of the link's
/// secret, so the database never holds a working link. <paramref name="Prepared"/>: the document made in the background
/// for this link (a large report), kept with it until it expires; null when the document is made as the link is opened.
/// </summary>
internal sealed record DownloadGrant(
    string SecretHash,
    string OwnerId,
    string TenantId,
    string OwnerName,
    string Kind,
    string SubjectId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    GeneratedDocument? Prepared = null);

/// <summary>Download grants, kept across restarts (and, with a shared database, across instances).</summary>
internal interface IDownloadGrantStore
{
    Task AddAsync(DownloadGrant grant, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the grant for this secret if it exists, is unused and has not expired at <paramref name="now"/>, marking
    /// it used in the same write; null otherwise. Two requests with the same link: one wins.
    /// </summary>
    Task<DownloadGrant?> TryUseAsync(string secretHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes grants that expired before <paramref name="before"/>.</summary>
    Task PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
