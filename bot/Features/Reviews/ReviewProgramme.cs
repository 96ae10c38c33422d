using Microsoft.Extensions.Options;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Register;
using PartnershipBot.Hosting;

namespace PartnershipBot.Features.Reviews;

/// <summary>One partnership of the rolling programme: its planned three-yearly cycle and the cycles it may move to.</summary>
internal sealed record ProgrammeRow(Partnership Partnership, int? PlannedCycle, IReadOnlyList<int> Choices);

/// <summary>The rolling programme (3.4) as the PPM sees it: a row per Active partnership, and how many fall in each cycle.</summary>
internal sealed record Programme(int FirstCycle, IReadOnlyList<ProgrammeRow> Rows)
{
    public IReadOnlyDictionary<int, int> PerCycle => Rows.Where(r => r.PlannedCycle is not null)
        .GroupBy(r => r.PlannedCycle!.Value).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
}

/// <summary>The answer to a programme query or change.</summary>
internal abstract record ProgrammeResult
{
    public sealed record Shown(Programme Programme, int Changed) : ProgrammeResult;

    public sealed record NotAllowed : ProgrammeResult;

    public sealed record Invalid(Programme Programme, string Message) : ProgrammeResult;
}

/// <summary>
/// The planning of the three-yearly reviews (3.4, issue 17.3), for the PPM only (decided from the caller's id and
/// tenant): every Active partnership's next three-yearly cycle, changeable per partnership to one of the next three
/// cycles still open. A change is saved on the register entry with its history.
/// </summary>
internal sealed class ReviewProgramme(
    IPartnershipRegister register, IOptions<RegisterOptions> registerOptions, IOptions<ReviewOptions> options, IOptions<BotOptions> bot, TimeProvider time)
{
    private readonly ReviewCalendar _calendar = ReviewCalendar.From(options.Value);

    public async Task<ProgrammeResult> GetAsync(Caller caller, CancellationToken cancellationToken) =>
        MayPlan(caller) ? new ProgrammeResult.Shown(Build(await register.AllAsync(cancellationToken)), 0) : new ProgrammeResult.NotAllowed();

    /// <summary>Plans the given partnerships' three-yearly cycles (id → cycle); the others are left as they are.</summary>
    public async Task<ProgrammeResult> PlanAsync(Caller caller, IReadOnlyDictionary<string, int> cycles, CancellationToken cancellationToken)
    {
        if (!MayPlan(caller))
        {
            return new ProgrammeResult.NotAllowed();
        }

        var programme = Build(await register.AllAsync(cancellationToken));
        var byId = programme.Rows.ToDictionary(r => r.Partnership.Id, StringComparer.Ordinal);
        foreach (var (id, cycle) in cycles)
        {
            if (!byId.TryGetValue(id, out var row) || !row.Choices.Contains(cycle))
            {
                return new ProgrammeResult.Invalid(programme, "A cycle chosen is not one of those offered for that partnership. Nothing has been changed.");
            }
        }

        var changed = 0;
        var now = time.GetUtcNow();
        foreach (var (id, cycle) in cycles.Where(c => byId[c.Key].PlannedCycle != c.Value))
        {
            await register.UpdateAsync(id, p => ReviewSchedule.ThreeYearReviewCycle(p, _calendar) == cycle ? null : p with
            {
                PlannedThreeYearCycle = cycle,
                History = [.. p.History, new PartnershipChange(caller.Id, caller.Name, now, $"Three-yearly review planned for the {cycle} cycle")],
            }, cancellationToken);
            changed++;
        }

        return new ProgrammeResult.Shown(Build(await register.AllAsync(cancellationToken)), changed);
    }

    /// <summary>The programme of the register at now (pure apart from the clock).</summary>
    public Programme Build(IReadOnlyList<Partnership> all)
    {
        var now = time.GetUtcNow();
        var current = _calendar.CycleAt(now);
        var rows = all.Where(p => p.Status == PartnershipStatus.Active).Select(p =>
        {
            // A cycle not owed, or whose review is done, can no longer take the three-yearly points: offer the next three open ones.
            var first = ReviewSchedule.IsInCycle(p, current, _calendar) && !ReviewSchedule.IsCompleted(p, current, _calendar) ? current : current + 1;
            var planned = ReviewSchedule.ThreeYearReviewCycle(p, _calendar) is { } c ? Math.Max(c, first) : (int?)null;
            List<int> choices = [first, first + 1, first + 2];
            if (planned is { } kept && !choices.Contains(kept))
            {
                choices.Add(kept);
            }

            return new ProgrammeRow(p, planned, choices);
        }).ToList();
        return new Programme(rows.Count == 0 ? current + 1 : rows.Min(r => r.Choices[0]), rows);
    }

    private bool MayPlan(Caller caller) =>
        registerOptions.Value.IsPpm(caller.Id)
        && (bot.Value.MicrosoftAppTenantId is not { Length: > 0 } tenant || string.Equals(caller.TenantId, tenant, StringComparison.OrdinalIgnoreCase));
}
