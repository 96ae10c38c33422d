// The namespace is People, not Directory: a PartnershipBot.Directory namespace would hide System.IO.Directory in every other file of the bot.
namespace PartnershipBot.People;

/// <summary>A person as the organisation's directory knows them. <see cref="Mail"/> is where to e-mail them (mail, else user principal name).</summary>
internal sealed record Person(string Id, string DisplayName, string? Mail);

/// <summary>Looks people up by Entra object id. Names and addresses shown on cards and used in e-mails come from here.</summary>
internal interface IPeopleDirectory
{
    /// <summary>The person, or null when the directory has no such user. Cached for Graph:DirectoryCacheDuration.</summary>
    Task<Person?> GetPersonAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Object ids of the users who are direct members of the group.</summary>
    Task<IReadOnlyList<string>> GetGroupMemberIdsAsync(string groupId, CancellationToken cancellationToken);

    /// <summary>The user's manager, or null when they have none.</summary>
    Task<Person?> GetManagerAsync(string userId, CancellationToken cancellationToken);
}
