using Microsoft.Extensions.Options;

namespace PartnershipBot.Features.Register;

/// <summary>Settings of the "Register" section.</summary>
internal sealed class RegisterOptions
{
    public const string Section = "Register";

    /// <summary>
    /// Role code (Appendix 1 key) to the Entra object id of the person holding it. Seeded partnerships' lead officer is
    /// the holder of their role. <c>Register:RoleHolders:PPM</c> is the one place the People and Policy Manager is named.
    /// </summary>
    public Dictionary<string, string> RoleHolders { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The holder of a role, or "" when not configured.</summary>
    public string HolderOf(string roleCode) => RoleHolders.GetValueOrDefault(roleCode)?.Trim() ?? "";

    /// <summary>Entra object id of the People and Policy Manager, or "" when not configured.</summary>
    public string PpmUserId => HolderOf(RoleCodes.PeopleAndPolicyManager);

    public bool IsPpm(string userId) => userId.Length > 0 && string.Equals(PpmUserId, userId, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The Audit &amp; Performance Management team's members named in <c>Register:RoleHolders:APM</c> (object ids separated by
    /// commas or semicolons). Not a lead-officer role: no partnership is led by it (4.4-4.5).
    /// </summary>
    public IReadOnlyList<string> ApmUserIds =>
        HolderOf(AuditTeam.RoleKey).Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>An Entra group whose members are the A&amp;PM team too (read through Graph, cached); empty for none.</summary>
    public string ApmGroupId { get; set; } = "";
}

/// <summary>Checks the Register section at start-up, naming the setting that is wrong.</summary>
internal sealed class RegisterOptionsValidator : IValidateOptions<RegisterOptions>
{
    public ValidateOptionsResult Validate(string? name, RegisterOptions options)
    {
        var errors = new List<string>();
        foreach (var code in options.RoleHolders.Keys)
        {
            // An empty holder (the sample's placeholders) means "not configured yet", like a missing one.
            if (!RoleCodes.IsKnown(code) && !string.Equals(code, AuditTeam.RoleKey, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"Register:RoleHolders:{code} is not a role code of Appendix 1 (nor APM, the Audit & Performance Management team); use one of {string.Join(", ", RoleCodes.All.Select(r => r.Code))} or APM.");
            }
        }

        if (options.ApmUserIds.Any(id => id.Length > 200 || id.Any(char.IsWhiteSpace)))
        {
            errors.Add("Register:RoleHolders:APM must be Entra object ids separated by commas or semicolons.");
        }

        if (options.ApmGroupId.Trim() is { Length: > 0 } group && !Guid.TryParse(group, out _))
        {
            errors.Add($"Register:ApmGroupId must be an Entra group's object id (a GUID) or empty (it is \"{options.ApmGroupId}\").");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
