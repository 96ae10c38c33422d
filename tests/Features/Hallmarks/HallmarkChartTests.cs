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
    public void Png_SixHallmarks_IsAPngUnder20KilobytesAsADataUri(bool withPrevious)
    {
        var png = HallmarkChart.Png(Entries(withPrevious), withPrevious);
        var uri = HallmarkChart.DataUri(png);

        Assert.Equal(PngSignature, png[..8]);
        Assert.True(uri.Length < 20 * 1024, $"The chart's data URI is {uri.Length} bytes.");
        Assert.StartsWith("data:image/png;base64,", uri);
        Assert.Equal(png, Convert.FromBase64String(uri["data:image/png;base64,".Length..]));
    }

    [Fact]
    public void Png_WithPrevious_DiffersFromTheChartWithout()
    {
        Assert.NotEqual(HallmarkChart.Png(Entries(true), true), HallmarkChart.Png(Entries(false), false));
    }
}
