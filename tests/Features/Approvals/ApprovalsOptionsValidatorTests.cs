using PartnershipBot.Features.Approvals;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>The Approvals section is checked at start-up with messages naming the setting.</summary>
public sealed class ApprovalsOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds() =>
        Assert.True(new ApprovalsOptionsValidator().Validate(null, new ApprovalsOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_NameEachSetting()
    {
        var result = new ApprovalsOptionsValidator().Validate(null, new ApprovalsOptions
        {
            PpmUserId = "pat",
            SmtUserIds = ["pat", " "],
            ReminderAfterDays = 0,
            ReminderEveryDays = 400,
        });
        Assert.True(result.Failed);
        foreach (var setting in new[] { "Approvals:ReminderAfterDays", "Approvals:ReminderEveryDays", "Approvals:SmtUserIds", "Approvals:PpmUserId" })
        {
            Assert.Contains(setting, result.FailureMessage);
        }
    }
}
