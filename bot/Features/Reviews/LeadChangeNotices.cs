using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Reviews;

/// <summary>
/// What a change of lead officer tells people (issue 17.7), whichever route made it, saved with the change: the previous
/// lead officer hears who now leads it and that its review is no longer asked of them; after a "not my partnership" the
/// PPM's reassignment is the new lead officer's prompt for the cycle. A new lead officer from the register's Edit card
/// gets the same prompt from the scheduler (<see cref="Partnership.LeadSince"/>, one card for all the partnerships given
/// to them at that moment).
/// </summary>
internal sealed class LeadChangeNotices(AnnualCycleMessages messages, AnnualHandOverCards cards) : ILeadChangeNotices
{
    private ReviewCalendar Calendar => messages.Calendar;

    /// <summary>Whether the partnership's review of the cycle running at <paramref name="now"/> is still asked of its lead officer.</summary>
    public bool Asked(Partnership p, DateTimeOffset now)
    {
        var cycle = Calendar.CycleAt(now);
        return ReviewSchedule.IsInCycle(p, cycle, Calendar) && !ReviewSchedule.IsCompleted(p, cycle, Calendar);
    }

    public IReadOnlyList<OutboxMessage> For(Partnership before, Partnership after, string byName, DateTimeOffset now)
    {
        var cycle = Calendar.CycleAt(now);
        var asked = Asked(after, now);
        var lead = after.LeadOfficerId;
        var key = $"annual-reassigned:{after.Id}:{cycle}:{lead}:{after.Version}";
        var sends = new List<OutboxMessage>();
        if (asked && after.HandOvers.Count > before.HandOvers.Count && after.HandOvers[^1] is { Kind: HandOverKind.Reassigned } handOver
            && string.Equals(handOver.ToId, lead, StringComparison.OrdinalIgnoreCase))
        {
            var entry = new DigestEntry(after, ReviewSchedule.KindFor(after, cycle, Calendar), AsLeadOfficer: true, ReviewHandOvers.DelegateFor(after, cycle));
            sends.Add(messages.HandedOver(key, lead, handOver.ToName, cycle, entry, $"The People and Policy Manager has made you the lead officer of {after.Name}.", now));
        }

        if (before.LeadOfficerId is { Length: > 0 } previous && !string.Equals(previous, lead, StringComparison.OrdinalIgnoreCase))
        {
            var newLead = after.LeadOfficerName.Length > 0 ? after.LeadOfficerName : AnnualCycleMessages.LeadOfficerText(after);
            sends.Add(cards.Tell(key + ":previous:chat", previous, "Lead officer reassigned",
                $"{byName} has made {newLead} the lead officer of {after.Name}. You are no longer its lead officer"
                + (asked ? $", and its {cycle} annual review is no longer asked of you." : "."), now));
        }

        return sends;
    }
}
