using Microsoft.Extensions.Options;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Approvals;

/// <summary>A proposal waiting for a decision: who must decide (named), in which role, and since when.</summary>
internal sealed record WaitingApproval(
    string Id,
    string Reference,
    string Title,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    SubmissionStatus Status,
    string StatusText,
    string WaitingFor,
    IReadOnlyList<string> Deciders,
    DateTimeOffset Since,
    int ProposalVersion);

/// <summary>
/// The proposals awaiting a decision that the caller may read (<see cref="ProposalQueries.MayRead"/>: the one rule for
/// proposals), oldest first. Names come from the directory; a directory that is down shows the fallback names.
/// </summary>
internal sealed class ApprovalsWaiting(ISubmissionStore submissions, ProposalQueries proposals, ApprovalNames names, IOptions<RegisterOptions> register)
{
    public async Task<IReadOnlyList<WaitingApproval>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        var open = (await submissions.ListWaitingAsync(cancellationToken)).Where(s => proposals.MayRead(caller, s)).ToList();
        var deciders = open.ToDictionary(s => s.Id, DecidersOf, StringComparer.Ordinal);
        var named = await names.NamesAsync(deciders.Values.SelectMany(d => d), cancellationToken);
        return open.Select(s => new WaitingApproval(
                s.Id,
                ApprovalCards.Reference(s.Id),
                s.Title,
                s.Submitter.Name,
                s.SubmittedAt,
                s.Status,
                ApprovalCards.StatusText(s),
                WaitingFor(s.Status),
                deciders[s.Id].Select(id => named.GetValueOrDefault(id) ?? ApprovalNames.Unnamed(id)).ToList(),
                s.Audit.LastOrDefault(a => a.To == s.Status)?.At ?? s.SubmittedAt,
                s.ProposalVersion))
            .ToList();
    }

    /// <summary>
    /// The approval history of the proposal a register entry came from (entries made on approval have the id
    /// "p-" + submission id), for callers who may read that proposal; empty otherwise.
    /// </summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(Caller caller, string partnershipId, CancellationToken cancellationToken)
    {
        if (await proposals.ProposalOfAsync(caller, partnershipId, cancellationToken) is not { } s)
        {
            return [];
        }

        var entries = new List<TimelineEntry> { new(s.SubmittedAt, "proposal", $"Proposal {ApprovalCards.Reference(s.Id)} submitted by {s.Submitter.Name}") };
        entries.AddRange(s.Decisions.Select(d => new TimelineEntry(d.At, "approval",
            $"{ApprovalCards.DecisionText(d.Kind)} by {d.By.Name} ({ApprovalCards.RoleText(d.Role)}), version {d.ProposalVersion}" + (d.Comment is { Length: > 0 } c ? ": " + c : ""))));
        entries.AddRange(s.Comments.Select(c => new TimelineEntry(c.At, "comment", $"Guidance from {c.By.Name}: {c.Text}")));
        return entries;
    }

    /// <summary>Who can decide now: the Divisional Head, the SMT members yet to approve this version, or the PPM.</summary>
    private IReadOnlyList<string> DecidersOf(Submission s) => s.Status switch
    {
        SubmissionStatus.AwaitingDivisionalHead => s.DivisionalHeadId is { Length: > 0 } dh ? [dh] : [],
        SubmissionStatus.UnderReview => s.SmtIds
            .Where(m => !s.Decisions.Any(d => d.ProposalVersion == s.ProposalVersion && string.Equals(d.By.Id, m, StringComparison.OrdinalIgnoreCase)))
            .ToList(),
        SubmissionStatus.ReferredToExecutive => register.Value.PpmUserId is { Length: > 0 } ppm ? [ppm] : [],
        _ => [],
    };

    private static string WaitingFor(SubmissionStatus status) => status switch
    {
        SubmissionStatus.AwaitingDivisionalHead => ApprovalCards.RoleText(ApproverRole.DivisionalHead),
        SubmissionStatus.Submitted => "A Divisional Head to be named (by the submitter or the People and Policy Manager)",
        SubmissionStatus.ReferredToExecutive => "The Executive (recorded by the People and Policy Manager)",
        _ => ApprovalCards.RoleText(ApproverRole.Smt),
    };
}
