namespace PartnershipBot.Features.Reviews;

/// <summary>
/// The annual cycle's dates in the council's time zone. A cycle is named by the year of its prompt and runs from
/// that prompt to the next year's. Pure: built from the settings, given "now" by the caller.
/// </summary>
internal sealed class ReviewCalendar(int month, int day, TimeOnly promptTime, TimeZoneInfo zone)
{
    public static ReviewCalendar From(ReviewOptions options)
    {
        var (month, day) = options.PromptMonthDay();
        ReviewOptionsValidator.TryFindTimeZone(options.TimeZone, out var zone);
        return new ReviewCalendar(month, day, options.PromptTimeOfDay(), zone);
    }

    public TimeZoneInfo Zone => zone;

    /// <summary>The local date of the prompt in a year.</summary>
    public DateOnly PromptDate(int year) => new(year, month, day);

    /// <summary>The instant of the prompt in a year (a local time skipped by a clock change moves an hour on).</summary>
    public DateTimeOffset PromptAt(int year)
    {
        var local = PromptDate(year).ToDateTime(promptTime, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>Today's date in the council's time zone.</summary>
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>The cycle running at an instant.</summary>
    public int CycleAt(DateTimeOffset now)
    {
        var year = TimeZoneInfo.ConvertTime(now, zone).Year;
        return now >= PromptAt(year) ? year : year - 1;
    }

    /// <summary>The cycle a local date belongs to (a return completed in January counts for the cycle that began the March before).</summary>
    public int CycleOf(DateOnly date) => date >= PromptDate(date.Year) ? date.Year : date.Year - 1;
}
