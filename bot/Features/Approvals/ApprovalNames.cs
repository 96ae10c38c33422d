using PartnershipBot.People;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// Names shown on approval cards and messages, from the people directory (Graph; Teams' names when Graph is not
/// configured). A directory that is down or does not know the person never blocks approval: the fallback is shown.
/// </summary>
internal sealed class ApprovalNames(IPeopleDirectory people, ILogger<ApprovalNames> logger)
{
    public async Task<string> NameAsync(string userId, string? fallback, CancellationToken cancellationToken)
    {
        try
        {
            if ((await people.GetPersonAsync(userId, cancellationToken))?.DisplayName is { Length: > 0 } name)
            {
                return name;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ApprovalLog.DirectoryFailed(logger, e);
        }

        return fallback is { Length: > 0 } ? fallback : Unnamed(userId);
    }

    /// <summary>Names of several people, by id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        // In parallel: a slow or failing directory costs the turn one wait, not one per approver.
        var ids = userIds.Where(id => id.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var names = await Task.WhenAll(ids.Select(id => NameAsync(id, null, cancellationToken)));
        return ids.Zip(names).ToDictionary(p => p.First, p => p.Second, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Someone the directory does not know, named by what identifies them.</summary>
    public static string Unnamed(string userId) => $"the person with Entra object id {userId}";
}
