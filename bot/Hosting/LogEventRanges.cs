namespace PartnershipBot.Hosting;

/// <summary>
/// Which log event ids each area owns, by the namespace that declares the <c>[LoggerMessage]</c>. A test reflects over
/// every log event of the assembly and fails on a duplicate id, an id outside its area's range or an area with no
/// range, so an event id names one event wherever the logs end up. A new area adds its line here.
/// </summary>
internal static class LogEventRanges
{
    public sealed record Range(string Area, int First, int Last)
    {
        public bool Contains(int id) => id >= First && id <= Last;
    }

    /// <summary>Namespace (or namespace prefix) → range; the longest matching prefix wins.</summary>
    public static IReadOnlyDictionary<string, Range> ByNamespace { get; } = new Dictionary<string, Range>(StringComparer.Ordinal)
    {
        ["PartnershipBot.Storage"] = new("Storage", 1000, 1099),
        ["PartnershipBot.Hosting"] = new("Hosting", 1100, 1199),
        ["PartnershipBot.Auth"] = new("Auth", 1200, 1299),
        ["PartnershipBot.Turns"] = new("Turns", 2000, 2099),
        ["PartnershipBot.Endpoints"] = new("Endpoints", 2100, 2199),
        ["PartnershipBot.Connector"] = new("Connector", 2200, 2299),
        ["PartnershipBot.Cards"] = new("Cards", 2300, 2399),
        ["PartnershipBot.Notifications"] = new("Notifications", 3000, 3099),
        ["PartnershipBot.People"] = new("People/Graph", 3100, 3199),
        ["PartnershipBot.Graph"] = new("People/Graph", 3100, 3199),
        ["PartnershipBot.Scheduling"] = new("Scheduling", 3500, 3599),
        ["PartnershipBot.Features.Journeys"] = new("Journeys", 4000, 4099),
        ["PartnershipBot.Features.Questionnaires"] = new("Questionnaires", 4100, 4199),
        ["PartnershipBot.Questionnaires"] = new("Questionnaires", 4100, 4199),
        ["PartnershipBot.Features.Register"] = new("Register", 5000, 5099),
        ["PartnershipBot.Features.Reviews"] = new("Reviews", 5100, 5199),
        ["PartnershipBot.Features.AuditReport"] = new("AuditReport/Audit", 5200, 5299),
        ["PartnershipBot.Features.Audit"] = new("AuditReport/Audit", 5200, 5299),
        ["PartnershipBot.Audit"] = new("AuditReport/Audit", 5200, 5299),
        ["PartnershipBot.Features.Approvals"] = new("Approvals", 6000, 6099),
        ["PartnershipBot.Features.Hallmarks"] = new("Hallmarks", 7000, 7299),
        ["PartnershipBot.Tab"] = new("Tab/web", 8000, 8099),
        ["PartnershipBot.Web"] = new("Tab/web", 8000, 8099),
        ["PartnershipBot.Features.Tab"] = new("Tab/web", 8000, 8099),
        ["PartnershipBot.Documents"] = new("Documents", 8100, 8199),
        ["PartnershipBot.Features.Documents"] = new("Documents", 8100, 8199),
        ["PartnershipBot.Telemetry"] = new("Telemetry", 9000, 9099),
    };

    /// <summary>The range of the area that owns <paramref name="ns"/>, or null when no area claims it.</summary>
    public static Range? For(string? ns)
    {
        for (var candidate = ns; !string.IsNullOrEmpty(candidate); candidate = Parent(candidate))
        {
            if (ByNamespace.TryGetValue(candidate, out var range))
            {
                return range;
            }
        }

        return null;
    }

    private static string? Parent(string ns) => ns.LastIndexOf('.') is var dot and > 0 ? ns[..dot] : null;
}
