using System.Globalization;
using System.Text.RegularExpressions;
using PartnershipBot.Features.Hallmarks;

namespace PartnershipBot.Tests.Features.Hallmarks;

/// <summary>The tab's server-drawn hallmark charts: every bar and its value label inside the plot, readable titles, sans-serif text.</summary>
public sealed partial class HallmarkSvgChartsTests
{
    private static readonly (string Id, string Title)[] Hallmarks =
    [
        ("leadership", "Empowered and Effective Leadership"),
        ("processes", "Intelligence-led Business Processes"),
        ("delivery", "Effective and Responsive Delivery Systems"),
        ("communities", "Engaged Communities"),
        ("accountability", "Visible and Constructive Accountability"),
        ("skills", "Appropriate Skills and Knowledge"),
    ];

    [GeneratedRegex(@"<clipPath[^>]*>\s*<rect x=""([\d.]+)"" y=""[\d.]+"" width=""([\d.]+)""")]
    private static partial Regex PlotArea();

    [GeneratedRegex("""<text[^>]*transform="translate\(([\d.]+) [\d.]+\)"[^>]*x="([^"]*)"[^>]*>\s*(\d+%)\s*</text>""")]
    private static partial Regex ValueLabel();

    /// <summary>Each "NN%" label with its left and right edge (its anchor plus its glyphs' offsets).</summary>
    private static List<(string Text, double Left, double Right)> Labels(string svg) =>
        ValueLabel().Matches(svg).Select(m =>
        {
            var anchor = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var offsets = m.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToList();
            return (m.Groups[3].Value, anchor + offsets.Min(), anchor + offsets.Max() + 5);
        }).ToList();

    private static void AssertInsidePlot(string svg, int labels)
    {
        var area = PlotArea().Match(svg);
        Assert.True(area.Success, "no plot area in the SVG");
        var left = double.Parse(area.Groups[1].Value, CultureInfo.InvariantCulture);
        var right = left + double.Parse(area.Groups[2].Value, CultureInfo.InvariantCulture);
        var found = Labels(svg);
        Assert.Equal(labels, found.Count);
        Assert.All(found, l => Assert.True(l.Left >= left && l.Right <= right, $"{l.Text} spans {l.Left:0}-{l.Right:0}, the plot {left:0}-{right:0}"));
    }

    [Fact]
    public void Council_SixHallmarks_EveryBarLabelInsideThePlot()
    {
        var summaries = Hallmarks.Select((h, i) => new HallmarkSummary(h.Id, h.Title, 50 + (i * 10), 2, 0)).ToList();

        var svg = HallmarkSvgCharts.Council(summaries, ChartTheme.Light);

        AssertInsidePlot(svg, 6);
        Assert.Contains("100%", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("Serif", svg, StringComparison.Ordinal);
        Assert.Contains("font-family=\"Segoe UI, DejaVu Sans", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Trend_TenYearsOfAssessments_EveryBarLabelInsideThePlot()
    {
        var assessments = Enumerable.Range(0, 10).Select(y => new AssessmentScores(
            $"d{y}", new DateOnly(2017 + y, 4, 1), "Hana",
            Hallmarks.Select((h, i) => new HallmarkPercent(h.Id, h.Title, (y * 7 + i * 11) % 101)).ToList(), 60)).ToList();

        var svg = HallmarkSvgCharts.Trend(new PartnershipHallmarks("kp03", "Community Safety Partnership", assessments, []), Hallmarks, ChartTheme.Dark);

        AssertInsidePlot(svg, 60);
    }

    [Theory]
    [InlineData("Effective and Responsive Delivery Systems", "Effective and\nResponsive Delivery\nSystems")]
    [InlineData("Visible and Constructive Accountability", "Visible and\nConstructive\nAccountability")]
    [InlineData("Engaged Communities", "Engaged Communities")]
    [InlineData("Appropriate Skills and Knowledge", "Appropriate Skills\nand Knowledge")]
    public void Wrap_LongTitle_WholeWordsOnShortLinesNothingDropped(string title, string wrapped)
    {
        Assert.Equal(wrapped, HallmarkSvgCharts.Wrap(title));
    }
}
