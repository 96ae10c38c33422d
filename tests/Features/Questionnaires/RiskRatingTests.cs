using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Tests.Features.Questionnaires;

/// <summary>The 5×5 matrix: score = likelihood × impact; 1-6 Low, 8-12 Medium, 15-25 High; overall = highest.</summary>
public sealed class RiskRatingTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 3, 6)]
    [InlineData(4, 5, 20)]
    [InlineData(5, 5, 25)]
    public void Score_LikelihoodAndImpact_IsTheirProduct(int likelihood, int impact, int expected) =>
        Assert.Equal(expected, RiskRating.Score(likelihood, impact));

    [Theory]
    [InlineData(0, 3)]
    [InlineData(6, 3)]
    [InlineData(3, 0)]
    [InlineData(3, 6)]
    public void Score_OutsideOneToFive_Throws(int likelihood, int impact) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskRating.Score(likelihood, impact));

    [Theory]
    [InlineData(1, "Low")]
    [InlineData(6, "Low")]
    [InlineData(7, "Medium")]
    [InlineData(8, "Medium")]
    [InlineData(12, "Medium")]
    [InlineData(13, "High")]
    [InlineData(14, "High")]
    [InlineData(15, "High")]
    [InlineData(25, "High")]
    public void Band_Score_FallsInTheCouncilBand(int score, string expected) =>
        Assert.Equal(expected, RiskRating.Band(score).ToString());

    [Fact]
    public void Band_EveryReachableScore_IsOneOfTheDocumentedRanges()
    {
        var scores = Enumerable.Range(1, 5).SelectMany(l => Enumerable.Range(1, 5), RiskRating.Score).Distinct().ToList();

        Assert.DoesNotContain(7, scores);
        Assert.DoesNotContain(13, scores);
        Assert.DoesNotContain(14, scores);
        Assert.All(scores.Where(s => s <= 6), s => Assert.Equal(RiskBand.Low, RiskRating.Band(s)));
        Assert.All(scores.Where(s => s is >= 8 and <= 12), s => Assert.Equal(RiskBand.Medium, RiskRating.Band(s)));
        Assert.All(scores.Where(s => s >= 15), s => Assert.Equal(RiskBand.High, RiskRating.Band(s)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(26)]
    public void Band_ImpossibleScore_Throws(int score) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskRating.Band(score));

    [Fact]
    public void Overall_MixedBands_IsTheHighest()
    {
        Assert.Equal(RiskBand.High, RiskRating.Overall([RiskBand.Low, RiskBand.High, RiskBand.Medium]));
        Assert.Equal(RiskBand.Low, RiskRating.Overall([RiskBand.Low]));
        Assert.Null(RiskRating.Overall([]));
    }

    [Fact]
    public void Assess_SavedRiskItems_ScoresEachAndRatesOverall()
    {
        IReadOnlyDictionary<string, string>[] items =
        [
            new Dictionary<string, string> { ["description"] = "Partner withdraws", ["likelihood"] = "2", ["impact"] = "3" },
            new Dictionary<string, string> { ["description"] = "Funding cut", ["likelihood"] = "3", ["impact"] = "4" },
        ];

        var assessment = RiskRating.Assess(items);

        Assert.Equal([(6, RiskBand.Low), (12, RiskBand.Medium)], assessment.Risks.Select(r => (r.Score, r.Band)));
        Assert.Equal(RiskBand.Medium, assessment.Overall);
    }
}
