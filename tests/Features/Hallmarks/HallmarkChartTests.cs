using PartnershipBot.Features.Hallmarks;

namespace PartnershipBot.Tests.Features.Hallmarks;

public sealed class HallmarkChartTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static IReadOnlyList<HallmarkChart.Entry> Entries(bool withPrevious) =>
    [
        new("Leadership", 72, withPrevious ? 64 : null),
        new("Intelligence", 55, withPrevious ? 60 : null),
        new("Delivery", null, withPrevious ? 50 : null),
        new("Communities", 100, withPrevious ? 38 : null),
        new("Accountability", 0, withPrevious ? 81 : null),
        new("Skills", 58, null),
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Png_SixHallmarks_IsAPngUnder24KilobytesAsADataUri(bool withPrevious)
    {
        var png = HallmarkChart.Png(Entries(withPrevious), withPrevious, 75, 40);
        var uri = HallmarkChart.DataUri(png);

        Assert.Equal(PngSignature, png[..8]);
        // With the band lines and their names; the worst-case results card still fits 40 KB (HallmarkNavigationTests).
        Assert.True(uri.Length < 24 * 1024, $"The chart's data URI is {uri.Length} bytes.");
        Assert.StartsWith("data:image/png;base64,", uri);
        Assert.Equal(png, Convert.FromBase64String(uri["data:image/png;base64,".Length..]));
    }

    [Fact]
    public void Png_WithPrevious_DiffersFromTheChartWithout()
    {
        Assert.NotEqual(HallmarkChart.Png(Entries(true), true, 75, 40), HallmarkChart.Png(Entries(false), false, 75, 40));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LabelSpans_SixHallmarks_DoNotOverlapAndStayInTheImage(bool withPrevious)
    {
        var spans = HallmarkChart.LabelSpans(Entries(withPrevious), withPrevious, 75, 40);

        Assert.Equal(6, spans.Count);
        Assert.All(spans, s => Assert.InRange(s.Left, 0, s.Right));
        Assert.All(spans, s => Assert.InRange(s.Right, s.Left, 560));
        for (var i = 1; i < spans.Count; i++)
        {
            Assert.True(spans[i].Left - spans[i - 1].Right >= 4, $"Labels {i} and {i + 1} are {spans[i].Left - spans[i - 1].Right:F1} px apart.");
        }
    }

    [Fact]
    public void Png_ZeroPercentAndNotAssessed_AreDrawnDifferently()
    {
        IReadOnlyList<HallmarkChart.Entry> With(int? accountability) =>
            [.. Entries(false).Select(e => e.Label == "Accountability" ? e with { Now = accountability } : e)];

        Assert.NotEqual(HallmarkChart.Png(With(0), false, 75, 40), HallmarkChart.Png(With(null), false, 75, 40));
    }

    [Fact]
    public void Png_BandThresholds_AreDrawn()
    {
        Assert.NotEqual(HallmarkChart.Png(Entries(false), false, 75, 40), HallmarkChart.Png(Entries(false), false, 80, 50));
    }

    [Fact]
    public void FontName_IsAnInstalledSansSerifFont()
    {
        Assert.DoesNotContain("Serif", HallmarkChart.FontName, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(HallmarkChart.FontName, SkiaSharp.SKFontManager.Default.GetFontFamilies());
    }
}
