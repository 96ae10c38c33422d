using System.Globalization;
using Microsoft.Extensions.Options;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Register;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Features.Reviews;

/// <summary>One partnership's next review as the due page lists it, with the follow-ups already sent for it.</summary>
internal sealed record DueRow(
    string Id,
    string Name,
    string LeadOfficer,
    ReviewKind Kind,
    int CycleYear,
    DateOnly DueDate,
    DueState State,
    int RemindersSent,
    int EscalationsSent);

/// <summary>How many reviews fall due in a month, of each kind, and how many of them are overdue.</summary>
internal sealed record DueMonth(string Month, int AnnualReturns, int ThreeYearReviews, int Overdue);

/// <summary>What is due and overdue among the partnerships the caller may see.</summary>
internal sealed record DuePage(IReadOnlyList<DueMonth> Months, IReadOnlyList<DueRow> Rows);

/// <summary>
/// The annual cycle as people read it: what each visible partnership owes next, by month, with reminders and
/// escalations sent. Visibility is the register's (<see cref="RegisterQueries"/>), not a rule of its own.
/// </summary>
internal sealed class ReviewQueries(RegisterQueries register, IDuePromptStore prompts, IOptions<ReviewOptions> options, TimeProvider time)
{
    private readonly ReviewCalendar _calendar = ReviewCalendar.From(options.Value);

    public async Task<DuePage> DueAsync(Caller caller, CancellationToken cancellationToken)
    {
        var (_, visible) = await register.VisibleAsync(caller, cancellationToken);
        var now = time.GetUtcNow();
        var rows = new List<DueRow>();
        foreach (var p in visible)
        {
            if (ReviewSchedule.Next(p, now, _calendar, options.Value.ReminderAfterDays) is not { } due)
            {
                continue;
            }

            int reminders = 0, escalations = 0;
            if (due.State != DueState.Upcoming)
            {
                var sent = (await prompts.ForSubjectAsync(AnnualCycle.Subject(p.Id, due.CycleYear), cancellationToken)).Where(x => x.DoneAt is not null).ToList();
                reminders = sent.Count(x => x.Kind == AnnualCycle.ReminderKind);
                escalations = sent.Count(x => x.Kind == AnnualCycle.EscalationKind);
            }

            rows.Add(new DueRow(p.Id, p.Name, RegisterQueries.LeadOfficerText(p), due.Kind, due.CycleYear, due.DueDate, due.State, reminders, escalations));
        }

        rows = rows.OrderByDescending(r => r.State).ThenBy(r => r.DueDate).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var months = rows.GroupBy(r => r.DueDate.ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DueMonth(
                g.Key,
                g.Count(r => r.Kind == ReviewKind.AnnualReturn),
                g.Count(r => r.Kind == ReviewKind.ThreeYearReview),
                g.Count(r => r.State == DueState.Overdue)))
            .ToList();
        return new DuePage(months, rows);
    }
}
