using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Audit;

/// <summary>One committee comment or recommendation as the tab shows it.</summary>
internal sealed record CommitteeItem(
    string Id,
    string Committee,
    DateOnly MeetingDate,
    string Comments,
    string? Recommendation,
    string? Owner,
    DateOnly? DueDate,
    string Status,
    DateTimeOffset RecordedAt,
    string RecordedBy);

/// <summary>
/// A partnership's committee comments and recommendations (4.4-4.6) for whoever may see the partnership (the register's
/// rule, <see cref="RegisterQueries"/>): null when the partnership does not exist or the caller may not see it.
/// </summary>
internal sealed class CommitteeQueries(RegisterQueries register)
{
    public async Task<IReadOnlyList<CommitteeItem>?> ForPartnershipAsync(Caller caller, string partnershipId, CancellationToken cancellationToken) =>
        await register.DetailsAsync(caller, partnershipId, cancellationToken) is { } details ? Items(details.Partnership) : null;

    /// <summary>The records, newest meeting first (pure).</summary>
    public static IReadOnlyList<CommitteeItem> Items(Partnership partnership) =>
        partnership.CommitteeRecords
            .OrderByDescending(r => r.MeetingDate).ThenByDescending(r => r.RecordedAt)
            .Select(r => new CommitteeItem(
                r.Id,
                CommitteeRecord.Title(r.Committee),
                r.MeetingDate,
                r.Comments,
                r.Recommendation?.Text,
                r.Recommendation?.OwnerName,
                r.Recommendation?.DueDate,
                r.Recommendation is not { } rec ? "No recommendation" : rec.IsDone ? "Done" : "Open",
                r.RecordedAt,
                r.RecordedByName))
            .ToList();

    /// <summary>The records as timeline entries (kind "committee").</summary>
    public static IEnumerable<TimelineEntry> Timeline(Partnership partnership) =>
        partnership.CommitteeRecords.Select(r => new TimelineEntry(
            new DateTimeOffset(r.MeetingDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            "committee",
            $"{r.Heading}: " + (r.Recommendation is { } rec ? $"recommendation ({(rec.IsDone ? "done" : "open")}), owner {rec.OwnerName}" : "comments recorded")));
}
