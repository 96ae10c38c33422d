using Microsoft.Extensions.Options;
using PartnershipBot.Features.Register;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Features.Reviews;

/// <summary>
/// Plans, for every Active partnership, the prompt of the running cycle (if it owes one and has not completed it)
/// and the prompt of the next cycle, so every prompt exists as a persisted due time before it is due.
/// </summary>
internal sealed class AnnualCyclePlanner(IPartnershipRegister register, IOptions<ReviewOptions> options) : IDuePromptPlanner
{
    private readonly ReviewCalendar _calendar = ReviewCalendar.From(options.Value);

    public async Task<IReadOnlyList<DuePrompt>> PlanAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Plan(await register.AllAsync(cancellationToken), now, _calendar);

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
