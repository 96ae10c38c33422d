using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PartnershipBot.Telemetry;

/// <summary>
/// Exports the bot's traces and metrics with OTLP/HTTP when <c>Telemetry:OtlpEndpoint</c> is set; otherwise no
/// OpenTelemetry SDK is registered at all, so nothing is collected for export and nothing leaves the machine.
/// </summary>
internal static class TelemetryRegistration
{
    public static WebApplicationBuilder AddBotTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();

        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled || !Uri.TryCreate(options.OtlpEndpoint.TrimEnd('/') + "/", UriKind.Absolute, out var endpoint))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(BotTelemetry.Name))
            .WithTracing(tracing => tracing
                .AddSource(BotTelemetry.Name)
                .AddOtlpExporter(otlp =>
                {
                    otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
                    otlp.Endpoint = new Uri(endpoint, "v1/traces");
                }))
            .WithMetrics(metrics => metrics
                .AddMeter(BotTelemetry.Name)
                .AddOtlpExporter((otlp, reader) =>
                {
                    otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
                    otlp.Endpoint = new Uri(endpoint, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.MetricsInterval.TotalMilliseconds;
                }));
        return builder;
    }
}
