using System.Globalization;
using Microsoft.Extensions.Options;

namespace PartnershipBot.Features.Reviews;

/// <summary>Settings of the "Reviews" section: the annual cycle's date, its follow-ups, and who hears of completed returns.</summary>
internal sealed class ReviewOptions
{
    public const string Section = "Reviews";

    /// <summary>Month and day of the yearly prompt, "MM-dd" (section 3.5: "in March").</summary>
    public string AnnualPromptDate { get; set; } = "03-01";

    /// <summary>Local time of day the prompts go out, "HH:mm".</summary>
    public string PromptTime { get; set; } = "09:00";

    /// <summary>Time zone (IANA or Windows id) in which the date and time are read.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>Days after the prompt before the first reminder to the lead officer.</summary>
    public int ReminderAfterDays { get; set; } = 14;

    /// <summary>Days after the prompt (in all) before the first escalation to the PPM.</summary>
    public int EscalateAfterDays { get; set; } = 28;

    /// <summary>Days between repeated reminders, and between repeated escalations.</summary>
    public int RepeatEveryDays { get; set; } = 14;

    public int MaxReminders { get; set; } = 3;

    public int MaxEscalations { get; set; } = 3;

    public (int Month, int Day) PromptMonthDay()
    {
        var date = DateOnly.ParseExact("2001-" + AnnualPromptDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (date.Month, date.Day);
    }

    public TimeOnly PromptTimeOfDay() => TimeOnly.ParseExact(PromptTime, "HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>Checks the Reviews section at start-up, naming the setting that is wrong.</summary>
internal sealed class ReviewOptionsValidator(IConfiguration configuration) : IValidateOptions<ReviewOptions>
{
    public ValidateOptionsResult Validate(string? name, ReviewOptions options)
    {
        var errors = new List<string>();
        // 2001 is not a leap year, so 02-29 is refused: a prompt must happen every year.
        if (!DateOnly.TryParseExact("2001-" + options.AnnualPromptDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"Reviews:AnnualPromptDate must be a month and day \"MM-dd\" that exists every year (e.g. 03-01); '{options.AnnualPromptDate}' is not.");
        }

        if (!TimeOnly.TryParseExact(options.PromptTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"Reviews:PromptTime must be a time \"HH:mm\" (e.g. 09:00); '{options.PromptTime}' is not.");
        }

        if (!TryFindTimeZone(options.TimeZone, out _))
        {
            errors.Add($"Reviews:TimeZone '{options.TimeZone}' is not a time zone known to this machine (e.g. Europe/London).");
        }

        if (options.ReminderAfterDays is < 1 or > 90)
        {
            errors.Add("Reviews:ReminderAfterDays must be between 1 and 90.");
        }

        if (options.EscalateAfterDays <= options.ReminderAfterDays || options.EscalateAfterDays > 180)
        {
            errors.Add("Reviews:EscalateAfterDays must be more than Reviews:ReminderAfterDays and at most 180.");
        }

        if (options.RepeatEveryDays is < 1 or > 90)
        {
            errors.Add("Reviews:RepeatEveryDays must be between 1 and 90.");
        }

        if (options.MaxReminders is < 0 or > 10 || options.MaxEscalations is < 0 or > 10)
        {
            errors.Add("Reviews:MaxReminders and Reviews:MaxEscalations must be between 0 and 10.");
        }

        // Follow-ups must end well before the next year's prompt, so two cycles never overlap.
        var lastFollowUp = Math.Max(
            options.ReminderAfterDays + (Math.Max(options.MaxReminders, 1) - 1) * options.RepeatEveryDays,
            options.EscalateAfterDays + (Math.Max(options.MaxEscalations, 1) - 1) * options.RepeatEveryDays);
        if (lastFollowUp > 300)
        {
            errors.Add($"Reviews: the last reminder or escalation would come {lastFollowUp} days after the prompt; keep it within 300 days.");
        }

        // One definition of SMT: the Approvals settings. The old setting would otherwise be silently ignored.
        if (configuration.GetSection(ReviewOptions.Section + ":SmtUserIds").Exists())
        {
            errors.Add("Reviews:SmtUserIds is no longer used: SMT is defined once, by Approvals:SmtUserIds and/or Approvals:SmtGroupId. Move the ids there.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static bool TryFindTimeZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }
}
