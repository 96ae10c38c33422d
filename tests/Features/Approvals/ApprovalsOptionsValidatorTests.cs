using Microsoft.Extensions.Options;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>The Approvals section is checked at start-up with messages naming the setting.</summary>
public sealed class ApprovalsOptionsValidatorTests
{
    private static ApprovalsOptionsValidator Validator(string ppm = "") =>
        new(Options.Create(new RegisterOptions { RoleHolders = { ["PPM"] = ppm } }));

    [Fact]
    public void Validate_Defaults_Succeeds() =>
        Assert.True(Validator().Validate(null, new ApprovalsOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_NameEachSetting()
    {
        var result = Validator(ppm: "pat").Validate(null, new ApprovalsOptions
        {
            SmtUserIds = ["pat", " "],
            ReminderAfterDays = 0,
            ReminderEveryDays = 400,
        });
        Assert.True(result.Failed);
        foreach (var setting in new[] { "Approvals:ReminderAfterDays", "Approvals:ReminderEveryDays", "Approvals:SmtUserIds", "Register:RoleHolders:PPM" })
        {
            Assert.Contains(setting, result.FailureMessage);
        }
    }
}
