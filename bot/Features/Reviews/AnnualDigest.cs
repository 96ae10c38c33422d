using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Reviews;

/// <summary>A partnership's review a person is asked about in a cycle: as its lead officer, or as the colleague it was delegated to.</summary>
internal sealed record DigestEntry(Partnership Partnership, ReviewKind Kind, bool AsLeadOfficer, ReviewHandOver? Delegation);

/// <summary>
/// Who is asked about which reviews (issue 17.7), pure: one digest per person per cycle instead of a card per
/// partnership. The lead officer (the PPM when the entry has none) stays accountable and is always asked; a colleague
/// the review was delegated to is asked too.
/// </summary>
internal static class AnnualDigest
{
    public static IReadOnlyList<string> Recipients(Partnership partnership, int cycle, string ppmId)
    {
        var list = new List<string>();
        var lead = partnership.LeadOfficerId.Length > 0 ? partnership.LeadOfficerId : ppmId;
        if (lead.Length > 0)
        {
            list.Add(lead);
        }

        if (ReviewHandOvers.DelegateFor(partnership, cycle) is { } d && !list.Contains(d.ToId, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(d.ToId);
        }

        return list;
    }

    /// <summary>What <paramref name="personId"/> still owes in the cycle, in register (id) order.</summary>
    public static IReadOnlyList<DigestEntry> Outstanding(IEnumerable<Partnership> all, string personId, int cycle, ReviewCalendar calendar, string ppmId) =>
        all.Where(p => ReviewSchedule.IsInCycle(p, cycle, calendar) && !ReviewSchedule.IsCompleted(p, cycle, calendar)
                && Recipients(p, cycle, ppmId).Contains(personId, StringComparer.OrdinalIgnoreCase))
            .Select(p => new DigestEntry(
                p,
                ReviewSchedule.KindFor(p, cycle, calendar),
                !ReviewHandOvers.IsDelegate(personId, p, cycle),
                ReviewHandOvers.DelegateFor(p, cycle)))
            .OrderBy(e => e.Partnership.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The yearly digest leaves out partnerships handed to the person during the cycle: the hand-over sent them their
    /// prompt then (reminders still list them).
    /// </summary>
    public static IReadOnlyList<DigestEntry> ForPrompt(IReadOnlyList<DigestEntry> outstanding, string personId, int cycle, ReviewCalendar calendar) =>
        outstanding.Where(e => !e.Partnership.HandOvers.Any(h => h.Cycle == cycle && h.Kind != HandOverKind.NotMine
                && string.Equals(h.ToId, personId, StringComparison.OrdinalIgnoreCase))
            && !(e.AsLeadOfficer && LeadChangedAfterPrompt(e.Partnership, cycle, calendar))).ToList();

    /// <summary>Whether the partnership has a lead officer who took it over after the cycle's prompt (they get a card of their own).</summary>
    public static bool LeadChangedAfterPrompt(Partnership p, int cycle, ReviewCalendar calendar) =>
        p.LeadOfficerId.Length > 0 && p.LeadSince is { } since && since > calendar.PromptAt(cycle);

    /// <summary>
    /// Whether the partnership's lead officer is owed a card of their own for it: they took it over after the cycle's
    /// prompt, and not through the PPM's "not my partnership" reassignment (which sent them its card then).
    /// </summary>
    public static bool NeedsNewLeadPrompt(Partnership p, int cycle, ReviewCalendar calendar) =>
        LeadChangedAfterPrompt(p, cycle, calendar)
        && !p.HandOvers.Any(h => h.Kind == HandOverKind.Reassigned && h.Cycle == cycle && string.Equals(h.ToId, p.LeadOfficerId, StringComparison.OrdinalIgnoreCase));

    /// <summary>The new lead officers' prompts that should exist for a cycle: one per person per change of lead officer.</summary>
    public static IEnumerable<Scheduling.DuePrompt> PlanNewLeads(IEnumerable<Partnership> owing, int cycle, ReviewCalendar calendar) =>
        owing.Where(p => NeedsNewLeadPrompt(p, cycle, calendar))
            .Select(p => (Lead: p.LeadOfficerId, Since: p.LeadSince!.Value))
            .Distinct()
            .Select(change => new Scheduling.DuePrompt
            {
                Key = AnnualCycle.NewLeadKey(change.Lead, cycle, change.Since),
                Kind = AnnualCycle.NewLeadKind,
                DueAt = change.Since,
                SubjectId = AnnualCycle.PersonSubject(change.Lead, cycle),
            });

    /// <summary>The digest prompts that should exist for a cycle: one per person asked about any review still owed.</summary>
    public static IEnumerable<Scheduling.DuePrompt> Plan(IEnumerable<Partnership> owing, int cycle, ReviewCalendar calendar, string ppmId) =>
        owing.SelectMany(p => Recipients(p, cycle, ppmId))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(person => new Scheduling.DuePrompt
            {
                Key = AnnualCycle.DigestKey(person, cycle),
                Kind = AnnualCycle.DigestKind,
                DueAt = calendar.PromptAt(cycle),
                SubjectId = AnnualCycle.PersonSubject(person, cycle),
            });
}
