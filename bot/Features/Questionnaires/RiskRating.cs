using System.Globalization;

namespace PartnershipBot.Features.Questionnaires;

/// <summary>The council's 5×5 risk matrix: score = likelihood × impact, banded Low / Medium / High.</summary>
internal static class RiskRating
{
    /// <summary>The field ids the risk items use in new-partnership.json.</summary>
    public const string LikelihoodField = "likelihood";

    /// <inheritdoc cref="LikelihoodField"/>
    public const string ImpactField = "impact";

    /// <summary>The council's names for likelihood 1-5.</summary>
    public static IReadOnlyList<string> LikelihoodNames { get; } = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"];

    /// <summary>The council's names for impact 1-5.</summary>
    public static IReadOnlyList<string> ImpactNames { get; } = ["Negligible", "Minor", "Moderate", "Major", "Severe"];

    /// <summary>The names of a risk field's 1-5 scale, or null for any other field.</summary>
    public static IReadOnlyList<string>? Scale(string fieldId) => fieldId switch
    {
        LikelihoodField => LikelihoodNames,
        ImpactField => ImpactNames,
        _ => null,
    };

    /// <summary>"Rating 12 of 25: Medium" for a risk item with both scores, else null.</summary>
    public static string? Describe(IReadOnlyDictionary<string, string> item) =>
        int.TryParse(item.GetValueOrDefault(LikelihoodField), CultureInfo.InvariantCulture, out var l) && l is >= 1 and <= 5
        && int.TryParse(item.GetValueOrDefault(ImpactField), CultureInfo.InvariantCulture, out var i) && i is >= 1 and <= 5
            ? string.Create(CultureInfo.InvariantCulture, $"Rating {Score(l, i)} of 25: {Band(Score(l, i))}")
            : null;

    /// <summary>Likelihood × impact, each 1-5.</summary>
    public static int Score(int likelihood, int impact)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(likelihood, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(likelihood, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(impact, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(impact, 5);
        return likelihood * impact;
    }

    /// <summary>
    /// 1-6 Low, 8-12 Medium, 15-25 High. 7, 13 and 14 are not products of 1..5; they go to the band above the
    /// one they exceed (anything over a band's top is treated as the next band up).
    /// </summary>
    public static RiskBand Band(int score)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(score, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, 25);
        return score switch
        {
            <= 6 => RiskBand.Low,
            <= 12 => RiskBand.Medium,
            _ => RiskBand.High,
        };
    }

    /// <summary>The highest band among the risks, or null when there are none.</summary>
    public static RiskBand? Overall(IEnumerable<RiskBand> bands) =>
        bands.Select(b => (RiskBand?)b).Max();

    /// <summary>Scores the saved items of a risk step (validated by the engine, so the numbers parse).</summary>
    public static RiskAssessment Assess(IEnumerable<IReadOnlyDictionary<string, string>> items)
    {
        var risks = items.Select(item =>
        {
            var likelihood = int.Parse(item[LikelihoodField], CultureInfo.InvariantCulture);
            var impact = int.Parse(item[ImpactField], CultureInfo.InvariantCulture);
            var score = Score(likelihood, impact);
            return new RiskScore(likelihood, impact, score, Band(score));
        }).ToList();
        return new RiskAssessment(risks, Overall(risks.Select(r => r.Band)));
    }
}

/// <summary>A risk band, ordered from lowest to highest.</summary>
internal enum RiskBand
{
    Low,
    Medium,
    High,
}

/// <summary>One scored risk.</summary>
internal sealed record RiskScore(int Likelihood, int Impact, int Score, RiskBand Band);

/// <summary>Every risk scored, in order, and the overall rating (the highest band; null when there are no risks).</summary>
internal sealed record RiskAssessment(IReadOnlyList<RiskScore> Risks, RiskBand? Overall);
