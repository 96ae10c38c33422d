using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.People;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>Issue 17.7: a prompt greets the person by name (the directory's, else the name on record), never by a role title.</summary>
public sealed class RecipientNameTests
{
    private static readonly Partnership Safety = new()
    {
        Id = "kp03", Name = "Community Safety Partnership", LeadOfficerId = "aad-hana", LeadOfficerName = "Hana (on record)",
        LeadRole = "HCS", Status = PartnershipStatus.Active,
    };

    [Fact]
    public async Task RecipientName_DirectoryKnowsThem_IsTheDirectoryName() =>
        Assert.Equal("Hana Jones", await AnnualCycleMessages.RecipientNameAsync(new Directory(new Person("aad-hana", "Hana Jones", null)), [Safety], "aad-hana", default));

    [Fact]
    public async Task RecipientName_DirectoryDownOrSilent_IsTheLeadOfficerNameOnRecord_ElseNoName()
    {
        Assert.Equal("Hana (on record)", await AnnualCycleMessages.RecipientNameAsync(new Directory(null, fails: true), [Safety], "aad-hana", default));
        Assert.Equal("Hana (on record)", await AnnualCycleMessages.RecipientNameAsync(new Directory(null), [Safety], "aad-hana", default));
        // Someone else (the PPM asked for want of a lead officer) is never given the lead officer's name or a role title.
        Assert.Equal("", await AnnualCycleMessages.RecipientNameAsync(new Directory(null), [Safety with { LeadOfficerName = "" }], "aad-pat", default));
        Assert.Equal("", await AnnualCycleMessages.RecipientNameAsync(new Directory(null), [Safety], "aad-pat", default));
    }

    private sealed class Directory(Person? person, bool fails = false) : IPeopleDirectory
    {
        public Task<Person?> GetPersonAsync(string userId, CancellationToken cancellationToken) =>
            fails ? throw new HttpRequestException("directory down") : Task.FromResult(person?.Id == userId ? person : null);

        public Task<IReadOnlyList<string>> GetGroupMemberIdsAsync(string groupId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

        public Task<Person?> GetManagerAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<Person?>(null);
    }
}
