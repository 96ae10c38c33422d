using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;

namespace PartnershipBot.Features.Register;

/// <summary>The committee card's view of a partnership's records (4.4-4.6), for whoever looks; one mapping for every feature.</summary>
internal static class CommitteeViews
{
    public const int MaxEntries = 10;

    public static readonly IReadOnlyList<ChoiceView> Committees =
        [new(CommitteeRecord.Title(Committee.AuditCommittee), nameof(Committee.AuditCommittee)), new(CommitteeRecord.Title(Committee.ReviewCommittee), nameof(Committee.ReviewCommittee))];

    /// <summary>Whether <paramref name="userId"/> may mark the recommendation done: its owner, or (decided by the caller) A&amp;PM or the PPM.</summary>
    public static bool MayMarkDone(CommitteeRecord record, string userId, bool auditOrPpm) =>
        record.Recommendation is { IsDone: false } r
        && (auditOrPpm || (userId.Length > 0 && string.Equals(r.OwnerId, userId, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The newest records first, at most <see cref="MaxEntries"/>.</summary>
    public static IReadOnlyList<CommitteeEntryView> Entries(IEnumerable<CommitteeRecord> records, string viewerId, bool auditOrPpm) =>
        records.Reverse().Take(MaxEntries).Select(r => new CommitteeEntryView(
            r.Id,
            r.Heading,
            CardText.Shorten(r.Comments, 1000),
            r.Recommendation is { } rec ? CardText.Shorten(rec.Text, 800) : null,
            r.Recommendation is { } owned ? "O" + owned.State()[1..] : null,
            MayMarkDone(r, viewerId, auditOrPpm))).ToList();

    /// <summary>The records shown without the form to record more (e.g. to the lead officer when a review starts).</summary>
    public static CommitteeRecordView ReadOnly(Partnership partnership, IReadOnlyList<CommitteeRecord> records, string viewerId, string message) =>
        new(partnership.Id, partnership.Name, message, Entries(records, viewerId, auditOrPpm: false), false, Committees,
            nameof(Committee.AuditCommittee), "", "", "", "", "");
}
