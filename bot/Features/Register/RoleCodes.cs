namespace PartnershipBot.Features.Register;

/// <summary>The lead-officer role codes of Appendix 1's key.</summary>
internal static class RoleCodes
{
    public const string ChiefExecutive = "CEX";
    public const string PeopleAndPolicyManager = "PPM";

    /// <summary>Every code with its title, in the order of the key.</summary>
    public static IReadOnlyList<(string Code, string Title)> All { get; } =
    [
        ("CEX", "Chief Executive"),
        ("PPM", "People and Policy Manager"),
        ("HCS", "Head of Community Services"),
        ("HPT", "Head of Planning and Transportation"),
        ("HLEMS", "Head of Legal, Estates & Member Services"),
        ("HES", "Head of Environmental Services"),
        ("HICS", "Head of Information & Customer Services"),
    ];

    public static bool IsKnown(string code) => All.Any(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The code in its canonical spelling, or null when unknown.</summary>
    public static string? Normalize(string code) =>
        All.FirstOrDefault(r => string.Equals(r.Code, code.Trim(), StringComparison.OrdinalIgnoreCase)).Code;

    public static string TitleOf(string code) =>
        All.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase)).Title ?? code;
}
