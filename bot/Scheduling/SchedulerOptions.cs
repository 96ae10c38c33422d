using Microsoft.Extensions.Options;

namespace PartnershipBot.Scheduling;

/// <summary>Settings of the "Scheduler" section.</summary>
internal sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>How often the background pass runs (it also runs once at start).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Prompts handled at the same time.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>Most prompts taken in one pass; the rest wait for the next.</summary>
    public int MaxPerPass { get; set; } = 500;

    /// <summary>How long claimed prompts are this instance's alone; after that a dead instance's prompts are taken over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>False stops the background loop (passes then run only when called, as tests do).</summary>
    public bool RunInBackground { get; set; } = true;
}

/// <summary>Checks the Scheduler section at start-up.</summary>
internal sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        var errors = new List<string>();
        if (options.Interval < TimeSpan.FromSeconds(1) || options.Interval > TimeSpan.FromHours(1))
        {
            errors.Add("Scheduler:Interval must be between 00:00:01 and 01:00:00.");
        }

        if (options.Concurrency is < 1 or > 32)
        {
            errors.Add("Scheduler:Concurrency must be between 1 and 32.");
        }

        if (options.MaxPerPass is < 1 or > 10_000)
        {
            errors.Add("Scheduler:MaxPerPass must be between 1 and 10000.");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(10) || options.LeaseDuration > TimeSpan.FromHours(6))
        {
            errors.Add("Scheduler:LeaseDuration must be between 00:00:10 and 06:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
