using System.Text.Json.Serialization;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// The Divisional Head's assessment (guidance s.4.1): whether the partnership is likely to contribute to or complement
/// the Authority's work and why, their conclusions, and whether it should be reported to the Executive. Kept with
/// the endorsement; SMT's card and the proposal view show it.
/// </summary>
internal sealed record DivisionalHeadAssessment(AimsFit Fit, string Reasoning, string Conclusions, bool ReportToExecutive)
{
    public const int MaxLength = ApprovalRules.MaxTextLength;

    public const string Incomplete =
        "To endorse, record your assessment: whether the partnership contributes to or complements the council's work, your reasoning and your conclusions.";

    /// <summary>Reads the card's inputs; null when something required is missing (kept whole: the card limits the length, the cards shorten what they show).</summary>
    public static DivisionalHeadAssessment? From(string? fit, string? reasoning, string? conclusions, string? report) =>
        Parse(fit) is { } f && Text(reasoning) is { } r && Text(conclusions) is { } c
            ? new DivisionalHeadAssessment(f, r, c, string.Equals(report, "true", StringComparison.OrdinalIgnoreCase))
            : null;

    public static string FitText(AimsFit fit) => fit switch
    {
        AimsFit.Contributes => "Likely to contribute to the work of the Authority",
        AimsFit.Complements => "Likely to complement the work of the Authority",
        AimsFit.Both => "Likely to contribute to and complement the work of the Authority",
        _ => "Neither contributes to nor complements the work of the Authority",
    };

    /// <summary>One paragraph for cards, the proposal view and e-mail (each renderer escapes it).</summary>
    public string Text() =>
        $"{FitText(Fit)}. Reasoning: {Reasoning} Conclusions: {Conclusions} "
        + (ReportToExecutive ? "Recommends that it is reported to the Executive." : "Does not ask for it to be reported to the Executive.");

    /// <summary>The audit trail's short form.</summary>
    public string AuditText() => $"assessment: {Fit}; report to the Executive: {(ReportToExecutive ? "yes" : "no")}";

    private static AimsFit? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "contributes" => AimsFit.Contributes,
        "complements" => AimsFit.Complements,
        "both" => AimsFit.Both,
        "neither" => AimsFit.Neither,
        _ => null,
    };

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>How the partnership fits the council's aims, in the Divisional Head's view.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AimsFit>))]
internal enum AimsFit
{
    Contributes,
    Complements,
    Both,
    Neither,
}
