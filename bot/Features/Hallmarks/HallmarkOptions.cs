using Microsoft.Extensions.Options;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>Settings of the "Hallmarks" section: where the rating bands start (percent), when an assessment counts as idle.</summary>
internal sealed class HallmarkOptions
{
    public const string Section = "Hallmarks";

    /// <summary>A score at or above this percentage is Strong.</summary>
    public int StrongFrom { get; set; } = 75;

    /// <summary>A score at or above this percentage (and below <see cref="StrongFrom"/>) is Developing; below it, Weak.</summary>
    public int DevelopingFrom { get; set; } = 40;

    /// <summary>
    /// An assessment in progress with no change for this long is idle: the partnership's lead officer or the PPM may
    /// then take it over or cancel it (before that, only its assessor carries on).
    /// </summary>
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromDays(14);
}

/// <summary>Checks the Hallmarks section at start-up, naming the setting that is wrong.</summary>
internal sealed class HallmarkOptionsValidator : IValidateOptions<HallmarkOptions>
{
    public ValidateOptionsResult Validate(string? name, HallmarkOptions options)
    {
        var errors = new List<string>();
        if (options.StrongFrom is < 1 or > 100)
        {
            errors.Add($"Hallmarks:StrongFrom must be a percentage from 1 to 100 (it is {options.StrongFrom}).");
        }

        if (options.DevelopingFrom is < 0 or > 100)
        {
            errors.Add($"Hallmarks:DevelopingFrom must be a percentage from 0 to 100 (it is {options.DevelopingFrom}).");
        }
        else if (options.DevelopingFrom >= options.StrongFrom)
        {
            errors.Add($"Hallmarks:DevelopingFrom ({options.DevelopingFrom}) must be below Hallmarks:StrongFrom ({options.StrongFrom}).");
        }

        if (options.IdleAfter < TimeSpan.FromHours(1) || options.IdleAfter > TimeSpan.FromDays(365))
        {
            errors.Add($"Hallmarks:IdleAfter must be between 01:00:00 and 365.00:00:00 (it is {options.IdleAfter}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
