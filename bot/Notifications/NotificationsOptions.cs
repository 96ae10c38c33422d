using Microsoft.Extensions.Options;

namespace PartnershipBot.Notifications;

/// <summary>Settings of the "Notifications" section: outbox retries and who may manage undelivered messages.</summary>
internal sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>Failed attempts before a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay before the first retry; doubled for each further attempt up to <see cref="MaxRetryDelay"/>. A longer Retry-After wins.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Messages delivered at the same time.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>
    /// How long a claimed message is this instance's alone (it covers a whole round of sends); after that, if its
    /// result was not saved (the instance died), another instance takes it over.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Entra object ids allowed to list and retry dead letters; Register:RoleHolders:PPM is always included.</summary>
    public List<string> AdminUserIds { get; set; } = [];
}

/// <summary>Checks the Notifications section at start-up, naming the setting that is wrong.</summary>
internal sealed class NotificationsOptionsValidator : IValidateOptions<NotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationsOptions options)
    {
        var errors = new List<string>();
        if (options.MaxAttempts is < 1 or > 100)
        {
            errors.Add("Notifications:MaxAttempts must be between 1 and 100.");
        }

        if (options.BaseRetryDelay <= TimeSpan.Zero)
        {
            errors.Add("Notifications:BaseRetryDelay must be positive, e.g. 00:00:30.");
        }

        if (options.MaxRetryDelay < options.BaseRetryDelay || options.MaxRetryDelay > TimeSpan.FromDays(1))
        {
            errors.Add("Notifications:MaxRetryDelay must be at least Notifications:BaseRetryDelay and at most 1.00:00:00.");
        }

        if (options.Concurrency is < 1 or > 64)
        {
            errors.Add("Notifications:Concurrency must be between 1 and 64.");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(10) || options.LeaseDuration > TimeSpan.FromHours(1))
        {
            errors.Add("Notifications:LeaseDuration must be between 00:00:10 and 01:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
