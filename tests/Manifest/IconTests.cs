namespace PartnershipBot.Tests.Manifest;

[Collection(PackageCollection.Name)]
public sealed class IconTests(PackageFixture fixture)
{
    [Fact]
    public void ColorIcon_PngHeader_Is192By192Truecolour()
    {
        var header = PngImage.ReadHeader(fixture.Package.Files["color.png"]);

        Assert.Equal((192, 192), (header.Width, header.Height));
        Assert.Contains(header.ColorType, new[] { PngHeader.Truecolor, PngHeader.TruecolorWithAlpha });
    }

    [Fact]
    public void ColorIcon_Pixels_AreInColour()
    {
        var rgba = PngImage.DecodeRgba(fixture.Package.Files["color.png"], out _);

        var coloured = Pixels(rgba).Count(p => p.A > 0 && (p.R != p.G || p.G != p.B));

        Assert.True(coloured > rgba.Length / 4 / 2, $"only {coloured} coloured pixels: the colour icon looks greyscale");
    }

    [Fact]
    public void OutlineIcon_PngHeader_Is32By32WithAlpha()
    {
        var header = PngImage.ReadHeader(fixture.Package.Files["outline.png"]);

        Assert.Equal((32, 32), (header.Width, header.Height));
        Assert.Equal(PngHeader.TruecolorWithAlpha, header.ColorType);
    }

    [Fact]
    public void OutlineIcon_Pixels_AreWhiteWhereverVisible()
    {
        var rgba = PngImage.DecodeRgba(fixture.Package.Files["outline.png"], out _);

        var notWhite = Pixels(rgba).Where(p => p.A > 0 && (p.R, p.G, p.B) != (255, 255, 255)).ToList();

        Assert.Empty(notWhite);
    }

    [Fact]
    public void OutlineIcon_Pixels_AreMostlyTransparentWithAnOpaqueShape()
    {
        var pixels = Pixels(PngImage.DecodeRgba(fixture.Package.Files["outline.png"], out _)).ToList();

        Assert.True(pixels.Count(p => p.A == 0) > pixels.Count / 3, "the outline icon needs a transparent background");
        Assert.True(pixels.Count(p => p.A == 255) > pixels.Count / 10, "the outline icon needs a visible white shape");
    }

    private static IEnumerable<(byte R, byte G, byte B, byte A)> Pixels(byte[] rgba)
    {
        for (var i = 0; i < rgba.Length; i += 4)
        {
            yield return (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]);
        }
    }
}
