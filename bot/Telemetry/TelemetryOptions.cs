using Microsoft.Extensions.Options;

namespace PartnershipBot.Telemetry;

/// <summary>The Telemetry section: where to export traces and metrics with OTLP. Empty: nothing is exported.</summary>
internal sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Base URL of an OTLP/HTTP receiver (collector), e.g. http://localhost:4318; traces go to /v1/traces, metrics to /v1/metrics.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>How often metrics are exported.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(60);

    public bool Enabled => !string.IsNullOrWhiteSpace(OtlpEndpoint);
}

/// <summary>Checks the Telemetry section at start-up, naming the setting that is wrong.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (options.Enabled && (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add($"Telemetry:OtlpEndpoint must be an absolute http(s) URL such as http://localhost:4318; '{options.OtlpEndpoint}' is not.");
        }

        if (options.MetricsInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"Telemetry:MetricsInterval must be at least 00:00:01; it is {options.MetricsInterval}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
