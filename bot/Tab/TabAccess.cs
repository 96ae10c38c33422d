using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Tab;

/// <summary>
/// Who may use the tab at all: everyone the register or a proposal concerns. The PPM, A&amp;PM, SMT and lead officers
/// (the register's roles, <see cref="RegisterQueries"/>), and anyone with a proposal of their own or one waiting for
/// their decision (<see cref="ProposalQueries"/>), who then sees only those. What each sees is decided by those query
/// services, never here; this only turns "nothing at all to show" into a clear 403 instead of empty pages.
/// </summary>
internal sealed class TabAccess(TabCallers callers, RegisterQueries register, ProposalQueries proposals)
{
    public bool IsDevelopmentMode => callers.IsDevelopmentMode;

    /// <summary>The caller, or the refusal to answer with (401 without an identity, 403 with nothing to see).</summary>
    public async Task<(Caller? Caller, IResult? Refusal)> CallerAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (callers.From(context) is not { } caller)
        {
            return (null, TabJson.Problem(StatusCodes.Status401Unauthorized, "Your sign-in could not be checked. Open the register from Teams again."));
        }

        var viewer = await register.ViewerAsync(caller, cancellationToken);
        return viewer.HasAnyRole || (await proposals.ReadableAsync(caller, cancellationToken)).Count > 0
            ? (caller, null)
            : (null, TabJson.NoRole());
    }
}
