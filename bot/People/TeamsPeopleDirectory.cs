using PartnershipBot.Connector;

namespace PartnershipBot.People;

/// <summary>
/// Without Graph (local development): people known only by the name Teams gave when they last wrote to the bot.
/// No addresses, no groups, no managers.
/// </summary>
internal sealed class TeamsPeopleDirectory(IConversationReferenceStore references) : IPeopleDirectory
{
    public async Task<Person?> GetPersonAsync(string userId, CancellationToken cancellationToken)
    {
        var reference = await references.FindAsync(userId, cancellationToken);
        return reference is null ? null : new Person(userId, reference.UserName is { Length: > 0 } name ? name : userId, Mail: null);
    }

    public Task<IReadOnlyList<string>> GetGroupMemberIdsAsync(string groupId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task<Person?> GetManagerAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<Person?>(null);
}
