using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PartnershipBot.Features.Partnerships;

namespace PartnershipBot.Documents.Downloads;

/// <summary>A link to one download, and when it stops working.</summary>
internal sealed record DownloadLink(Uri Url, DateTimeOffset ExpiresAt);

/// <summary>
/// Short-lived, single-use download links from the bot's own host. Teams gives a personal-chat bot no file upload
/// without the manifest's supportsFiles (and a OneDrive consent flow), so a card offers a link instead: minted for the
/// person who pressed the button after their read permission is checked, 256 bits of secret, one use, minutes long,
/// and checked again when it is used.
/// </summary>
internal sealed class DocumentDownloads
{
    public const string RoutePrefix = "/downloads/";

    private readonly IReadOnlyDictionary<string, IDocumentSource> _sources;
    private readonly IDownloadGrantStore _grants;
    private readonly IOptions<DownloadOptions> _options;
    private readonly TimeProvider _time;

    public DocumentDownloads(IEnumerable<IDocumentSource> sources, IDownloadGrantStore grants, IOptions<DownloadOptions> options, TimeProvider time)
    {
        var byKind = new Dictionary<string, IDocumentSource>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (!byKind.TryAdd(source.Kind, source))
            {
                throw new InvalidOperationException($"Two document sources claim the kind '{source.Kind}'.");
            }
        }

        _sources = byKind;
        _grants = grants;
        _options = options;
        _time = time;
    }

    public IReadOnlyCollection<string> Kinds => _sources.Keys.ToList();

    /// <summary>Whether papers of this kind are made in the background and sent when ready (<see cref="IDocumentSource.PreparedInBackground"/>).</summary>
    public bool IsPreparedInBackground(string kind) => _sources.TryGetValue(kind, out var source) && source.PreparedInBackground;

    /// <summary>Whether the document exists and the caller may read it, by its source's own rule (to offer it, e.g. on the tab).</summary>
    public async Task<bool> MayReadAsync(Caller caller, string kind, string subjectId, CancellationToken cancellationToken) =>
        caller.Id.Length > 0 && _sources.TryGetValue(kind, out var source) && await source.MayReadAsync(caller, subjectId, cancellationToken);

    /// <summary>
    /// A link for the caller alone, after checking they may read the document; null when they may not. The paper is
    /// made when the link is used, so it is current then and the turn that asked for it stays quick.
    /// </summary>
    public async Task<DownloadLink?> IssueAsync(Caller caller, string kind, string subjectId, Uri requestBase, CancellationToken cancellationToken)
    {
        if (caller.Id.Length == 0 || !_sources.TryGetValue(kind, out var source)
            || !await source.MayReadAsync(caller, subjectId, cancellationToken))
        {
            return null;
        }

        return await GrantAsync(caller, kind, subjectId, requestBase, null, cancellationToken);
    }

    /// <summary>
    /// Makes the paper now (call it only off a turn: it may take long) and a link for the caller alone to that very
    /// document; null when they may not read it (any more) or it no longer exists. Their read permission is checked
    /// again when the link is used.
    /// </summary>
    public async Task<DownloadLink?> PrepareAsync(Caller caller, string kind, string subjectId, Uri requestBase, CancellationToken cancellationToken)
    {
        if (caller.Id.Length == 0 || !_sources.TryGetValue(kind, out var source)
            || await source.GenerateAsync(caller, subjectId, cancellationToken) is not { } document)
        {
            return null;
        }

        return await GrantAsync(caller, kind, subjectId, requestBase, document, cancellationToken);
    }

    /// <summary>
    /// The paper itself for the caller (off a turn only: it may take long), by its source's read rule; null when they may
    /// not read it or it no longer exists. For papers sent as e-mail attachments.
    /// </summary>
    public async Task<GeneratedDocument?> GenerateAsync(Caller caller, string kind, string subjectId, CancellationToken cancellationToken) =>
        caller.Id.Length > 0 && _sources.TryGetValue(kind, out var source)
            ? await source.GenerateAsync(caller, subjectId, cancellationToken)
            : null;

    private async Task<DownloadLink> GrantAsync(Caller caller, string kind, string subjectId, Uri requestBase, GeneratedDocument? prepared, CancellationToken cancellationToken)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = _time.GetUtcNow();
        var grant = new DownloadGrant(Hash(secret), caller.Id, caller.TenantId, caller.Name, kind, subjectId, now, now + _options.Value.LinkLifetime, prepared);
        await _grants.PurgeAsync(now - TimeSpan.FromDays(1), cancellationToken);
        await _grants.AddAsync(grant, cancellationToken);
        var root = _options.Value.PublicBaseUrl is { Length: > 0 } configured ? new Uri(configured) : requestBase;
        return new DownloadLink(new Uri(root, RoutePrefix + secret), grant.ExpiresAt);
    }

    /// <summary>The document behind a link, once; null when the link is unknown, used, expired, or no longer readable by its owner.</summary>
    public async Task<GeneratedDocument?> RedeemAsync(string secret, CancellationToken cancellationToken)
    {
        if (secret.Length is < 20 or > 100)
        {
            return null;
        }

        var grant = await _grants.TryUseAsync(Hash(secret), _time.GetUtcNow(), cancellationToken);
        if (grant is null || !_sources.TryGetValue(grant.Kind, out var source))
        {
            return null;
        }

        var owner = new Caller(grant.OwnerId, grant.TenantId, grant.OwnerName);
        if (grant.Prepared is { } prepared)
        {
            // Made earlier in the background: handed over only while its owner may still read it.
            return await source.MayReadAsync(owner, grant.SubjectId, cancellationToken) ? prepared : null;
        }

        return await source.GenerateAsync(owner, grant.SubjectId, cancellationToken);
    }

    internal static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
