using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Playground;

/// <summary>
/// The connections the Playground 0.2.28 tries at start-up whatever its options (even --disable-telemetry): its
/// bundled Application Insights SDK probes the Azure instance metadata service and sends its own "statsbeat"
/// telemetry. The guard refuses them and the Playground works without them; any other refusal fails the test.
/// </summary>
internal static class PlaygroundRefusals
{
    private static readonly (string Host, string Why)[] Known =
    [
        ("169.254.169.254", "Application Insights SDK: Azure instance metadata probe"),
        (".applicationinsights.azure.com", "Application Insights SDK: statsbeat ingestion"),
        (".services.visualstudio.com", "Application Insights SDK: default ingestion / live metrics"),
        (".monitor.azure.com", "Application Insights SDK: ingestion"),
    ];

    public static string? Explanation(NodeRefusal refusal) =>
        Known.FirstOrDefault(k => refusal.Host == k.Host || (k.Host.StartsWith('.') && refusal.Host.EndsWith(k.Host, StringComparison.OrdinalIgnoreCase))).Why;

    /// <summary>One line per refusal, each with its explanation or "UNEXPLAINED".</summary>
    public static IEnumerable<string> Describe(IEnumerable<NodeRefusal> refusals) =>
        refusals.GroupBy(r => r.ToString()).Select(g => $"{g.Key} ×{g.Count()}: {Explanation(g.First()) ?? "UNEXPLAINED"}");
}
