using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Reviews;
using PartnershipBot.People;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>One definition of SMT (the Approvals settings) for review summaries as for approvals.</summary>
public sealed class SmtDefinitionTests
{
    [Fact]
    public void Validate_OldReviewsSmtUserIdsSetting_FailsNamingWhereSmtIsNowDefined()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Reviews:SmtUserIds:0"] = "aad-sam" }).Build();

        var result = new ReviewOptionsValidator(configuration).Validate(null, new ReviewOptions());

        Assert.True(result.Failed);
        Assert.Contains("Approvals:SmtUserIds and/or Approvals:SmtGroupId", result.FailureMessage);
    }

    [Fact]
    public void Validate_NoOldSetting_Succeeds() =>
        Assert.True(new ReviewOptionsValidator(new ConfigurationBuilder().Build()).Validate(null, new ReviewOptions()).Succeeded);

    [Fact]
    public async Task MemberIds_ApprovalsIdsAndGroup_AreTheUnionOnce()
    {
        var options = Options.Create(new ApprovalsOptions { SmtUserIds = ["aad-sam", "aad-sue"], SmtGroupId = "g-smt" });
        var smt = new ApprovalsSmtMembers(options, new GroupDirectory(["aad-SUE", "aad-tom"]), NullLogger<ApprovalsSmtMembers>.Instance);

        Assert.Equal(["aad-sam", "aad-sue", "aad-tom"], await smt.MemberIdsAsync(default));
    }

    [Fact]
    public async Task MemberIds_DirectoryDown_StillTheConfiguredIds()
    {
        var options = Options.Create(new ApprovalsOptions { SmtUserIds = ["aad-sam"], SmtGroupId = "g-smt" });
        var smt = new ApprovalsSmtMembers(options, new GroupDirectory(null), NullLogger<ApprovalsSmtMembers>.Instance);

        Assert.Equal(["aad-sam"], await smt.MemberIdsAsync(default));
    }

    private sealed class GroupDirectory(IReadOnlyList<string>? members) : IPeopleDirectory
    {
        public Task<Person?> GetPersonAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<Person?>(null);

        public Task<IReadOnlyList<string>> GetGroupMemberIdsAsync(string groupId, CancellationToken cancellationToken) =>
            members is null ? throw new HttpRequestException("directory down") : Task.FromResult(members);

        public Task<Person?> GetManagerAsync(string userId, CancellationToken cancellationToken) => Task.FromResult<Person?>(null);
    }
}
