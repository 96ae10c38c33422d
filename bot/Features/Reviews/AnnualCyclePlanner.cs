using Microsoft.Extensions.Options;
using PartnershipBot.Features.Register;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Features.Reviews;

/// <summary>
/// Plans, for every Active partnership, the prompt of the running cycle (if it owes one and has not completed it)
/// and the prompt of the next cycle, so every prompt exists as a persisted due time before it is due.
/// </summary>
internal sealed class AnnualCyclePlanner(IPartnershipRegister register, IOptions<ReviewOptions> options, IOptions<RegisterOptions> registerOptions) : IDuePromptPlanner
{
    private readonly ReviewCalendar _calendar = ReviewCalendar.From(options.Value);

    public async Task<IReadOnlyList<DuePrompt>> PlanAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = await register.AllAsync(cancellationToken);
        return [.. Plan(all, now, _calendar), .. PlanDigests(all, now, _calendar, registerOptions.Value.PpmUserId)];
    }

    /// <summary>
    /// The digests that should exist at <paramref name="now"/> (pure): one per person asked about a review of the running
    /// cycle still owed, and of the next cycle, due at the cycle's prompt time (issue 17.7).
    /// </summary>
    public static IReadOnlyList<DuePrompt> PlanDigests(IReadOnlyList<Partnership> partnerships, DateTimeOffset now, ReviewCalendar calendar, string ppmId)
    {
        var cycle = calendar.CycleAt(now);
        var active = partnerships.Where(p => p.Status == PartnershipStatus.Active).ToList();
        var owing = active.Where(p => ReviewSchedule.IsInCycle(p, cycle, calendar) && !ReviewSchedule.IsCompleted(p, cycle, calendar)).ToList();
        return [.. AnnualDigest.Plan(owing, cycle, calendar, ppmId), .. AnnualDigest.PlanNewLeads(owing, cycle, calendar), .. AnnualDigest.Plan(active, cycle + 1, calendar, ppmId)];
    }

    /// <summary>The prompts that should exist at <paramref name="now"/> (pure).</summary>
    public static IReadOnlyList<DuePrompt> Plan(IEnumerable<Partnership> partnerships, DateTimeOffset now, ReviewCalendar calendar)
    {
        var cycle = calendar.CycleAt(now);
        var prompts = new List<DuePrompt>();
        foreach (var partnership in partnerships.Where(p => p.Status == PartnershipStatus.Active))
        {
            if (ReviewSchedule.IsInCycle(partnership, cycle, calendar) && !ReviewSchedule.IsCompleted(partnership, cycle, calendar))
            {
                prompts.Add(Prompt(partnership.Id, cycle, calendar));
            }

            prompts.Add(Prompt(partnership.Id, cycle + 1, calendar));
        }

        return prompts;
    }

    private static DuePrompt Prompt(string partnershipId, int cycle, ReviewCalendar calendar) => new()
    {
        Key = AnnualCycle.PromptKey(partnershipId, cycle),
        Kind = AnnualCycle.PromptKind,
        DueAt = calendar.PromptAt(cycle),
        SubjectId = AnnualCycle.Subject(partnershipId, cycle),
    };
}
