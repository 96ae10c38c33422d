using Microsoft.Extensions.Options;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;

namespace PartnershipBot.Features.Welcome;

/// <summary>What a caller is in the guidance's terms, and what is waiting for them (for the menu and help).</summary>
internal sealed record CallerRoles(bool IsPpm, bool IsSmt, int LeadOf, int ReviewsWaiting, int RegisterOverdue, bool IsApm = false)
{
    public bool IsLeadOfficer => LeadOf > 0;

    /// <summary>"You are the People and Policy Manager and lead officer of 5 partnerships.", or null for an officer.</summary>
    public string? Describe()
    {
        var parts = new List<string>();
        if (IsPpm)
        {
            parts.Add("the People and Policy Manager");
        }

        if (IsApm)
        {
            parts.Add("in the Audit & Performance Management team");
        }

        if (IsSmt)
        {
            parts.Add("on the Senior Management Team");
        }

        if (IsLeadOfficer)
        {
            parts.Add(LeadOf == 1 ? "lead officer of 1 partnership" : $"lead officer of {LeadOf} partnerships");
        }

        return parts.Count == 0 ? null : "You are " + string.Join(" and ", parts) + ".";
    }

    /// <summary>One line per thing waiting for the caller; empty when nothing is.</summary>
    public IReadOnlyList<string> Waiting()
    {
        var lines = new List<string>();
        if (ReviewsWaiting > 0)
        {
            lines.Add(ReviewsWaiting == 1
                ? "1 of your partnerships has a review due: open My partnerships."
                : $"{ReviewsWaiting} of your partnerships have a review due: open My partnerships.");
        }

        if (IsPpm && RegisterOverdue > 0)
        {
            lines.Add(RegisterOverdue == 1
                ? "1 partnership in the register is overdue for review: type register overdue."
                : $"{RegisterOverdue} partnerships in the register are overdue for review: type register overdue.");
        }

        return lines;
    }
}

/// <summary>Decides a caller's roles from their Entra object id only (the same settings the permission rules read).</summary>
internal sealed class CallerRoleLookup(IOptions<RegisterOptions> registerOptions, ISmtMembers smt, AuditTeam auditTeam, IPartnershipRegister register, RegisterViews views)
{
    public async Task<CallerRoles> ForAsync(Caller caller, CancellationToken cancellationToken)
    {
        var all = await register.AllAsync(cancellationToken);
        var isPpm = registerOptions.Value.IsPpm(caller.Id);
        var mine = all.Where(p => p.Status != PartnershipStatus.Ended && RegisterPermissions.IsLeadOfficer(caller.Id, p)).ToList();
        var waiting = mine.Count(p => views.DueNext(p) is { State: DueState.Due or DueState.Overdue });
        var overdue = isPpm ? all.Count(p => views.DueNext(p) is { State: DueState.Overdue }) : 0;
        var members = caller.Id.Length == 0 ? [] : await smt.MemberIdsAsync(cancellationToken);
        var isSmt = members.Contains(caller.Id, StringComparer.OrdinalIgnoreCase);
        return new CallerRoles(isPpm, isSmt, mine.Count, waiting, overdue, await auditTeam.IsMemberAsync(caller, cancellationToken));
    }
}
