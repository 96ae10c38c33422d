using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Reviews;

/// <summary>Whether a review is only coming, open, or past the reminder point.</summary>
internal enum DueState
{
    Upcoming,
    Due,
    Overdue,
}

/// <summary>What a partnership owes next: the review of a cycle, its kind, from when, and whether it is late.</summary>
internal sealed record DueItem(int CycleYear, ReviewKind Kind, DateOnly DueDate, DueState State);

/// <summary>
/// The rules of the annual cycle (3.4-3.6, 4.3), pure functions of a register entry's persisted dates.
/// Every Active partnership owes one review per cycle; every third cycle (rolling from its last three-yearly review,
/// or from its start) that review is the fuller three-yearly one instead of the annual return.
/// </summary>
internal static class ReviewSchedule
{
    /// <summary>
    /// Whether the partnership owes a review in a cycle: Active, started before that cycle's prompt, and in the
    /// register by the prompt date (a cycle half over when the register began is not chased).
    /// </summary>
    public static bool IsInCycle(Partnership partnership, int cycle, ReviewCalendar calendar) =>
        partnership.Status == PartnershipStatus.Active
        && (partnership.StartDate is not { } start || start < calendar.PromptDate(cycle))
        && (partnership.RegisteredOn is not { } registered || registered <= calendar.PromptDate(cycle));

    /// <summary>
    /// The cycle whose review includes the three-yearly points: the planned cycle (rolling programme) unless a
    /// three-yearly review has been completed in it or later; else three cycles after the cycle of the last
    /// three-yearly review, else of the start date; null when nothing is known (then they are due at once).
    /// </summary>
    public static int? ThreeYearReviewCycle(Partnership partnership, ReviewCalendar calendar)
    {
        int? last = partnership.LastThreeYearReview is { } done ? calendar.CycleOf(done) : null;
        if (partnership.PlannedThreeYearCycle is { } planned && (last is null || planned > last))
        {
            return planned;
        }

        return (last ?? (partnership.StartDate is { } start ? calendar.CycleOf(start) : null)) is { } anchor ? anchor + 3 : null;
    }

    /// <summary>
    /// The first cycle a partnership registered on <paramref name="registeredOn"/> owes a review in (the one whose
    /// prompt is on or after that date, as <see cref="IsInCycle"/> counts it).
    /// </summary>
    public static int FirstCycleOwed(DateOnly registeredOn, ReviewCalendar calendar) =>
        registeredOn <= calendar.PromptDate(registeredOn.Year) ? registeredOn.Year : registeredOn.Year + 1;

    /// <summary>
    /// The default rolling programme (3.4): partnerships in register order get their three-yearly points in the
    /// first, second and third cycle in turn, so a third of the register is reviewed each year (pure).
    /// </summary>
    public static IReadOnlyList<Partnership> SpreadThreeYearly(IReadOnlyList<Partnership> inRegisterOrder, int firstCycle) =>
        inRegisterOrder.Select((p, i) => p with { PlannedThreeYearCycle = firstCycle + i % 3 }).ToList();

    public static ReviewKind KindFor(Partnership partnership, int cycle, ReviewCalendar calendar) =>
        ThreeYearReviewCycle(partnership, calendar) is { } due && cycle < due ? ReviewKind.AnnualReturn : ReviewKind.ThreeYearReview;

    /// <summary>Whether the cycle's review is done (recorded by the bot, or a date the PPM entered that falls in the cycle or later).</summary>
    public static bool IsCompleted(Partnership partnership, int cycle, ReviewCalendar calendar) =>
        partnership.ReviewFor(cycle) is not null
        || partnership.LastAnnualReturn is { } annual && calendar.CycleOf(annual) >= cycle
        || partnership.LastThreeYearReview is { } review && calendar.CycleOf(review) >= cycle;

    /// <summary>What is due next at <paramref name="now"/>; null for partnerships that owe nothing (not Active).</summary>
    public static DueItem? Next(Partnership partnership, DateTimeOffset now, ReviewCalendar calendar, int overdueAfterDays)
    {
        if (partnership.Status != PartnershipStatus.Active)
        {
            return null;
        }

        var cycle = calendar.CycleAt(now);
        if (IsInCycle(partnership, cycle, calendar) && !IsCompleted(partnership, cycle, calendar))
        {
            var due = calendar.PromptDate(cycle);
            var state = calendar.Today(now) >= due.AddDays(overdueAfterDays) ? DueState.Overdue : DueState.Due;
            return new DueItem(cycle, KindFor(partnership, cycle, calendar), due, state);
        }

        return new DueItem(cycle + 1, KindFor(partnership, cycle + 1, calendar), calendar.PromptDate(cycle + 1), DueState.Upcoming);
    }

    public static string KindTitle(ReviewKind kind) => kind switch
    {
        ReviewKind.ThreeYearReview => "Annual return with three-yearly review",
        ReviewKind.SpecificReview => "Specific partnership review",
        _ => "Annual return",
    };

    /// <summary>A short description for cards and the report, e.g. "Annual return 2027: overdue since 1 Mar 2027".</summary>
    public static string Describe(DueItem? item) => item switch
    {
        null => "Nothing due",
        { State: DueState.Upcoming } => $"{KindTitle(item.Kind)} {item.CycleYear}: due {Format(item.DueDate)}",
        { State: DueState.Due } => $"{KindTitle(item.Kind)} {item.CycleYear}: due now (since {Format(item.DueDate)})",
        _ => $"{KindTitle(item.Kind)} {item.CycleYear}: OVERDUE (due {Format(item.DueDate)})",
    };

    public static string Format(DateOnly date) => UkDate.Day(date);
}
