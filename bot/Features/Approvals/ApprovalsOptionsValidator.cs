using Microsoft.Extensions.Options;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Approvals;

/// <summary>Checks the Approvals section at start-up, naming the setting that is wrong.</summary>
internal sealed class ApprovalsOptionsValidator(IOptions<RegisterOptions> register) : IValidateOptions<ApprovalsOptions>
{
    public ValidateOptionsResult Validate(string? name, ApprovalsOptions options)
    {
        var errors = new List<string>();
        if (options.ReminderAfterDays is < 1 or > 365)
        {
            errors.Add("Approvals:ReminderAfterDays must be from 1 to 365.");
        }

        if (options.ReminderEveryDays is < 1 or > 365)
        {
            errors.Add("Approvals:ReminderEveryDays must be from 1 to 365.");
        }

        if (options.EscalateAfterDaysOverdue is < 0 or > 365)
        {
            errors.Add("Approvals:EscalateAfterDaysOverdue must be from 0 to 365.");
        }

        if (options.SmtUserIds.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("Approvals:SmtUserIds must not contain empty ids.");
        }

        if (register.Value.PpmUserId is { Length: > 0 } ppm && options.SmtUserIds.Contains(ppm, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add("Register:RoleHolders:PPM must not also be listed in Approvals:SmtUserIds: the PPM advises, SMT decides.");
        }

        if (!Enum.IsDefined(options.Rule))
        {
            errors.Add("Approvals:Rule must be AnyOne or All.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
