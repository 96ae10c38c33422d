using System.Collections.Concurrent;
using System.Net;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using PartnershipBot.Notifications;

namespace PartnershipBot.People;

/// <summary>People from Microsoft Graph (User.Read.All, GroupMember.Read.All), with a small time-limited cache of persons.</summary>
internal sealed class GraphPeopleDirectory(GraphAccess graph, TimeProvider time) : IPeopleDirectory
{
    private const int MaxCached = 10_000;
    private static readonly string[] PersonFields = ["id", "displayName", "mail", "userPrincipalName"];
    private readonly ConcurrentDictionary<string, (Person? Person, DateTimeOffset Expires)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public async Task<Person?> GetPersonAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(userId, out var cached) && cached.Expires > now)
        {
            return cached.Person;
        }

        User? user;
        try
        {
            user = await graph.Client.Users[userId].GetAsync(r => r.QueryParameters.Select = PersonFields, cancellationToken);
        }
        catch (ApiException ex) when (ex.ResponseStatusCode == (int)HttpStatusCode.NotFound)
        {
            user = null;
        }

        var person = ToPerson(user, userId);
        Remember(userId, person, now);
        return person;
    }

    public async Task<IReadOnlyList<string>> GetGroupMemberIdsAsync(string groupId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var members = graph.Client.Groups[groupId].Members;
        var page = await members.GetAsync(r =>
        {
            r.QueryParameters.Select = ["id"];
            r.QueryParameters.Top = 999;
        }, cancellationToken);
        while (page is not null)
        {
            // Members can also be devices, contacts or nested groups; only users can approve.
            ids.AddRange((page.Value ?? []).OfType<User>().Select(u => u.Id).OfType<string>());
            if (string.IsNullOrEmpty(page.OdataNextLink))
            {
                break;
            }

            page = await members.WithUrl(page.OdataNextLink).GetAsync(cancellationToken: cancellationToken);
        }

        return ids;
    }

    public async Task<Person?> GetManagerAsync(string userId, CancellationToken cancellationToken)
    {
        DirectoryObject? manager;
        try
        {
            manager = await graph.Client.Users[userId].Manager.GetAsync(r => r.QueryParameters.Select = PersonFields, cancellationToken);
        }
        catch (ApiException ex) when (ex.ResponseStatusCode == (int)HttpStatusCode.NotFound)
        {
            return null;
        }

        return manager switch
        {
            User user when ToPerson(user, user.Id ?? "") is { } person => Remember(person.Id, person, time.GetUtcNow()),
            { Id: { Length: > 0 } id } => await GetPersonAsync(id, cancellationToken),
            _ => null,
        };
    }

    private static Person? ToPerson(User? user, string fallbackId) => user is null
        ? null
        : new Person(user.Id ?? fallbackId, user.DisplayName ?? user.UserPrincipalName ?? fallbackId, NullIfEmpty(user.Mail) ?? NullIfEmpty(user.UserPrincipalName));

    private Person? Remember(string userId, Person? person, DateTimeOffset now)
    {
        if (_cache.Count >= MaxCached)
        {
            // Rare (an organisation's worth of people): starting again is simpler than tracking the oldest.
            _cache.Clear();
        }

        _cache[userId] = (person, now + graph.Options.DirectoryCacheDuration);
        return person;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
