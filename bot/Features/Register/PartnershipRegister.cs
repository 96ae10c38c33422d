using Microsoft.Extensions.Options;
using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Register;

/// <summary>The register service: thin I/O around <see cref="RegisterEditRules"/> and <see cref="RegisterPermissions"/>.</summary>
internal sealed class PartnershipRegister(
    IPartnershipRepository repository, IEnumerable<ILeadChangeNotices> leadChangeNotices, IOptions<RegisterOptions> options, TimeProvider time)
    : IPartnershipRegister
{
    private const int MaxAttempts = 5;

    public Task<IReadOnlyList<Partnership>> AllAsync(CancellationToken cancellationToken) =>
        RegisterReadScope.Current is { } scope ? scope.Read(() => repository.AllAsync(cancellationToken)) : repository.AllAsync(cancellationToken);

    public Task<Partnership?> FindAsync(string id, CancellationToken cancellationToken) => repository.FindAsync(id, cancellationToken);

    public async Task<IReadOnlyList<Partnership>> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        var wanted = name.Trim();
        if (wanted.Length == 0)
        {
            return [];
        }

        var all = await repository.AllAsync(cancellationToken);
        var exact = all.Where(p => string.Equals(p.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        return exact.Count > 0 ? exact : all.Where(p => p.Name.Contains(wanted, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    public async Task<Partnership> AddApprovedAsync(ApprovedPartnership approved, CancellationToken cancellationToken)
    {
        var id = IdForSubmission(approved.SubmissionId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await repository.FindAsync(id, cancellationToken);
            if (existing is { Status: not PartnershipStatus.Proposed })
            {
                return existing;
            }

            var change = new PartnershipChange(approved.ApprovedById, approved.ApprovedByName, time.GetUtcNow(), "Entered the register on approval");
            var entry = existing is null
                ? new Partnership
                {
                    Id = id,
                    Name = approved.Name.Trim(),
                    LeadOfficerId = approved.LeadOfficerId,
                    LeadOfficerName = approved.LeadOfficerName,
                    LeadRole = RoleCodes.Normalize(approved.LeadRole) ?? approved.LeadRole,
                    Partners = approved.Partners,
                    Purpose = approved.Purpose,
                    Status = PartnershipStatus.Active,
                    Stage = LifeCycleStage.Forming,
                    StartDate = approved.StartDate,
                    RegisteredOn = approved.StartDate,
                    History = [change],
                }
                : existing.WithStatus(PartnershipStatus.Active, approved.StartDate) with
                {
                    StartDate = approved.StartDate, RegisteredOn = approved.StartDate, History = [.. existing.History, change],
                };
            var expected = existing?.Version ?? 0;
            if (await repository.TrySaveAsync(entry, expected, cancellationToken))
            {
                return entry with { Version = expected + 1 };
            }
        }

        throw new InvalidOperationException($"The register entry {id} kept changing while it was being approved.");
    }

    public Task<EditResult> EditAsync(
        string id, int? expectedVersion, IReadOnlyList<RegisterEdit> edits, string userId, string userName, CancellationToken cancellationToken) =>
        EditAsync(id, expectedVersion, edits, userId, userName, _ => [], cancellationToken);

    public async Task<EditResult> EditAsync(
        string id, int? expectedVersion, IReadOnlyList<RegisterEdit> edits, string userId, string userName,
        Func<Partnership, IReadOnlyList<OutboxMessage>> notices, CancellationToken cancellationToken)
    {
        var current = await repository.FindAsync(id, cancellationToken);
        if (current is null)
        {
            return new EditResult(EditOutcome.NotFound, null);
        }

        // Permission before anything else, so a refused user learns nothing from a version or validation message.
        if (edits.Count == 0 || !edits.All(e => RegisterPermissions.IsAllowed(e, userId, current, options.Value)))
        {
            return new EditResult(EditOutcome.NotAllowed, current);
        }

        if (expectedVersion is { } expected && current.Version != expected)
        {
            return new EditResult(EditOutcome.Conflict, current);
        }

        var now = time.GetUtcNow();
        var updated = current;
        foreach (var edit in edits)
        {
            var (next, error) = RegisterEditRules.Apply(updated, edit, userId, userName, now);
            if (next is null)
            {
                return new EditResult(EditOutcome.Invalid, current, error);
            }

            updated = next;
        }

        if (ReferenceEquals(updated, current))
        {
            return new EditResult(EditOutcome.Saved, current);
        }

        var saved = updated with { Version = current.Version + 1 };
        List<OutboxMessage> messages = [.. notices(saved)];
        // A new lead officer, by any route: the previous one is told (and the new one prompted) with the change, or not at all.
        if (!string.Equals(current.LeadOfficerId, saved.LeadOfficerId, StringComparison.OrdinalIgnoreCase))
        {
            messages.AddRange(leadChangeNotices.SelectMany(n => n.For(current, saved, userName, now)));
        }

        return await repository.TrySaveAsync(updated, current.Version, messages, cancellationToken)
            ? new EditResult(EditOutcome.Saved, saved)
            : new EditResult(EditOutcome.Conflict, await repository.FindAsync(id, cancellationToken));
    }

    public async Task<Partnership?> RecordReviewAsync(string id, ReviewOutcome outcome, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await repository.FindAsync(id, cancellationToken);
            if (current is null || current.Reviews.Any(r => r.DraftId == outcome.DraftId))
            {
                return current;
            }

            var updated = WithReview(current, outcome, time.GetUtcNow());
            if (await repository.TrySaveAsync(updated, current.Version, cancellationToken))
            {
                return updated with { Version = current.Version + 1 };
            }
        }

        throw new InvalidOperationException($"The register entry {id} kept changing while a review was recorded.");
    }

    public async Task<Partnership?> UpdateAsync(string id, Func<Partnership, Partnership?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await repository.FindAsync(id, cancellationToken);
            if (current is null || change(current) is not { } updated)
            {
                return current;
            }

            if (await repository.TrySaveAsync(updated, current.Version, cancellationToken))
            {
                return updated with { Version = current.Version + 1 };
            }
        }

        throw new InvalidOperationException($"The register entry {id} kept changing while it was being updated.");
    }

    /// <summary>The entry with a completed review: dates moved on, outcome kept, history noted.</summary>
    public static Partnership WithReview(Partnership current, ReviewOutcome outcome, DateTimeOffset now)
    {
        var what = outcome.Kind == ReviewKind.ThreeYearReview
            ? $"Annual return with three-yearly review for {outcome.CycleYear} completed"
            : $"Annual return for {outcome.CycleYear} completed";
        return current with
        {
            // The three-yearly questionnaire includes the whole annual return and the effectiveness review of 4.3.
            LastEffectivenessReview = outcome.CompletedOn,
            LastAnnualReturn = outcome.CompletedOn,
            LastThreeYearReview = outcome.Kind == ReviewKind.ThreeYearReview ? outcome.CompletedOn : current.LastThreeYearReview,
            Reviews = [.. current.Reviews, outcome],
            History = [.. current.History, new PartnershipChange(outcome.CompletedById, outcome.CompletedByName, now, what)],
        };
    }

    /// <summary>The register id of a partnership approved from a submission.</summary>
    public static string IdForSubmission(string submissionId) => "p-" + submissionId;
}
