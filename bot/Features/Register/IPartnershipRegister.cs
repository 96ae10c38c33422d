using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Register;

/// <summary>The register as other features use it: lookups, approved partnerships entering, edits with permission checks.</summary>
internal interface IPartnershipRegister
{
    Task<IReadOnlyList<Partnership>> AllAsync(CancellationToken cancellationToken);

    Task<Partnership?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Entries whose name is <paramref name="name"/> (ignoring case); else those whose name contains it.</summary>
    Task<IReadOnlyList<Partnership>> FindByNameAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// An approved new partnership enters the register as Active (a Proposed entry from the same submission becomes Active).
    /// Idempotent per <see cref="ApprovedPartnership.SubmissionId"/>: a repeated call returns the entry already made.
    /// </summary>
    Task<Partnership> AddApprovedAsync(ApprovedPartnership approved, CancellationToken cancellationToken);

    /// <summary>
    /// Applies edits together (one save) when <paramref name="userId"/> may make every one of them and the entry is
    /// still at <paramref name="expectedVersion"/> (null: whatever version is current, for edits that cannot clash).
    /// </summary>
    Task<EditResult> EditAsync(
        string id, int? expectedVersion, IReadOnlyList<RegisterEdit> edits, string userId, string userName, CancellationToken cancellationToken);

    /// <summary>
    /// The same, with the messages <paramref name="notices"/> makes of the saved entry (at its new version) stored with
    /// it in one unit of work: a refused or clashing edit sends nothing, a saved one cannot lose its messages.
    /// </summary>
    Task<EditResult> EditAsync(
        string id, int? expectedVersion, IReadOnlyList<RegisterEdit> edits, string userId, string userName,
        Func<Partnership, IReadOnlyList<OutboxMessage>> notices, CancellationToken cancellationToken);

    /// <summary>Records a completed annual return or three-yearly review and moves the register's dates on. Idempotent per draft.</summary>
    Task<Partnership?> RecordReviewAsync(string id, ReviewOutcome outcome, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the entry <paramref name="change"/> makes of the current one (null: nothing to change), reading it again
    /// and re-applying the change when someone else saved first. Null when there is no such entry. Permission checks are
    /// the caller's (a command service that decided from the caller's id).
    /// </summary>
    Task<Partnership?> UpdateAsync(string id, Func<Partnership, Partnership?> change, CancellationToken cancellationToken);
}

/// <summary>What the approval feature knows about a partnership it approved.</summary>
internal sealed record ApprovedPartnership(
    string SubmissionId,
    string Name,
    string LeadOfficerId,
    string LeadOfficerName,
    string LeadRole,
    IReadOnlyList<string> Partners,
    string Purpose,
    string ApprovedById,
    string ApprovedByName,
    DateOnly StartDate);
