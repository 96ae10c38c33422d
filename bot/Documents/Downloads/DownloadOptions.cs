using Microsoft.Extensions.Options;

namespace PartnershipBot.Documents.Downloads;

/// <summary>Settings of the "Documents" section: where download links point and how long they last.</summary>
internal sealed class DownloadOptions
{
    public const string Section = "Documents";

    /// <summary>
    /// The bot's public address (https://host), as Teams and a browser reach it. Empty: the address of the request
    /// that asked for the link (the Bot Service calls the bot at its public messaging endpoint).
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>How long a download link works, once.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(10);
}

internal sealed class DownloadOptionsValidator : IValidateOptions<DownloadOptions>
{
    public ValidateOptionsResult Validate(string? name, DownloadOptions options)
    {
        var errors = new List<string>();
        if (options.PublicBaseUrl.Length > 0
            && (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Query.Length > 0))
        {
            errors.Add($"Documents:PublicBaseUrl must be an absolute http(s) address without a query (it is \"{options.PublicBaseUrl}\").");
        }

        if (options.LinkLifetime < TimeSpan.FromMinutes(1) || options.LinkLifetime > TimeSpan.FromHours(1))
        {
            errors.Add($"Documents:LinkLifetime must be from 00:01:00 to 01:00:00 (it is {options.LinkLifetime}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
