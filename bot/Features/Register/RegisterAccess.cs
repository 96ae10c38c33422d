using Microsoft.Extensions.Options;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Reviews;

namespace PartnershipBot.Features.Register;

/// <summary>A role someone holds as far as seeing the register goes.</summary>
internal enum ViewerRole
{
    /// <summary>The People and Policy Manager (Register:RoleHolders:PPM).</summary>
    Ppm,

    /// <summary>The Audit &amp; Performance Management team (Register:RoleHolders:APM, Register:ApmGroupId).</summary>
    AuditAndPerformance,

    /// <summary>A member of the Senior Management Team.</summary>
    Smt,

    /// <summary>The lead officer of at least one partnership in the register.</summary>
    LeadOfficer,
}

/// <summary>Who is looking and what they may see of the register: decided once, here, from the caller's object id.</summary>
internal sealed record Viewer(Caller Caller, IReadOnlySet<ViewerRole> Roles)
{
    /// <summary>The PPM, A&amp;PM and SMT see every partnership; a lead officer only their own.</summary>
    public bool SeesWholeRegister => Roles.Contains(ViewerRole.Ppm) || Roles.Contains(ViewerRole.AuditAndPerformance) || Roles.Contains(ViewerRole.Smt);

    /// <summary>The Audit Committee's figures are for the PPM and A&amp;PM (4.4).</summary>
    public bool SeesAuditReport => Roles.Contains(ViewerRole.Ppm) || Roles.Contains(ViewerRole.AuditAndPerformance);

    public bool HasAnyRole => Roles.Count > 0;

    public bool CanSee(Partnership partnership) => SeesWholeRegister || RegisterPermissions.IsLeadOfficer(Caller.Id, partnership);
}

/// <summary>Works out a caller's roles from the settings, SMT membership and the register itself.</summary>
internal sealed class RegisterAccess(IOptions<RegisterOptions> options, ISmtMembers smt, AuditTeam auditTeam)
{
    public async Task<Viewer> ViewerAsync(Caller caller, IReadOnlyList<Partnership> register, CancellationToken cancellationToken)
    {
        var roles = new HashSet<ViewerRole>();
        var id = caller.Id;
        if (options.Value.IsPpm(id))
        {
            roles.Add(ViewerRole.Ppm);
        }

        if (await auditTeam.IsMemberAsync(caller, cancellationToken))
        {
            roles.Add(ViewerRole.AuditAndPerformance);
        }

        if ((await smt.MemberIdsAsync(cancellationToken)).Any(m => Same(m, id)))
        {
            roles.Add(ViewerRole.Smt);
        }

        if (register.Any(p => RegisterPermissions.IsLeadOfficer(id, p)))
        {
            roles.Add(ViewerRole.LeadOfficer);
        }

        return new Viewer(caller, roles);
    }

    private static bool Same(string a, string b) => a.Length > 0 && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
