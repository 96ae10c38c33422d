using ScottPlot;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>
/// Draws the six hallmark scores (this assessment beside the previous one) as a small PNG bar chart for the results
/// card: 0 % drawn as a visible stub labelled "0%" and "not assessed" written "n/a" (never a bar), dashed lines where
/// the Strong and Developing bands start (named on the right axis, where no bar hides the names), labels that fit
/// their place, in a sans-serif font like Teams'. The figures themselves are written beside the chart on the card.
/// </summary>
internal static class HallmarkChart
{
    private const int Width = 560;
    private const int Height = 250;
    private const float TickFontSize = 10;

    // Colours at 3:1 or more against white (WCAG 1.4.11 for graphics); text at 4.5:1.
    private static readonly Color Current = Color.FromHex("#2F5597");
    private static readonly Color Previous = Color.FromHex("#767676");
    private static readonly Color Text = Color.FromHex("#242424");
    private static readonly Color StrongLine = Color.FromHex("#0E700E");
    private static readonly Color DevelopingLine = Color.FromHex("#8A3707");

    /// <summary>The first sans-serif font installed of Teams' own (Segoe UI) and its usual stand-ins.</summary>
    public static string FontName { get; } = PickFont();

    /// <summary>One bar pair: a short label and the two percentages (null = not assessed, no bar).</summary>
    public sealed record Entry(string Label, int? Now, int? Before);

    public static byte[] Png(IReadOnlyList<Entry> entries, bool hasPrevious, int strongFrom, int developingFrom) =>
        Draw(entries, hasPrevious, strongFrom, developingFrom).GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>Where each hallmark's label lies on the rendered chart, in pixels (left, right), in order.</summary>
    public static IReadOnlyList<(float Left, float Right)> LabelSpans(IReadOnlyList<Entry> entries, bool hasPrevious, int strongFrom, int developingFrom)
    {
        var plot = Draw(entries, hasPrevious, strongFrom, developingFrom);
        plot.GetImageBytes(Width, Height, ImageFormat.Png);
        var offset = hasPrevious ? 0.5 : 0;
        var step = hasPrevious ? 3 : 2;
        return entries.Select((e, i) =>
        {
            var centre = plot.GetPixel(new Coordinates(i * step + offset, 0)).X;
            using var font = new SkiaSharp.SKFont(SkiaSharp.SKTypeface.FromFamilyName(FontName), TickFontSize);
            var half = font.MeasureText(e.Label) / 2;
            return (centre - half, centre + half);
        }).ToList();
    }

    private static Plot Draw(IReadOnlyList<Entry> entries, bool hasPrevious, int strongFrom, int developingFrom)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        var step = hasPrevious ? 3 : 2;
        var bars = new List<Bar>();
        for (var i = 0; i < entries.Count; i++)
        {
            Value(plot, bars, i * step, entries[i].Now, Current);
            if (hasPrevious)
            {
                Value(plot, bars, i * step + 1, entries[i].Before, Previous);
            }
        }

        plot.Add.Bars(bars);
        plot.Add.HorizontalLine(strongFrom, 1.5f, StrongLine, LinePattern.Dashed);
        plot.Add.HorizontalLine(developingFrom, 1.5f, DevelopingLine, LinePattern.Dashed);

        // The band lines are named on the right axis, where no bar can hide the names.
        plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [developingFrom, strongFrom], [$"Developing {developingFrom}%", $"Strong {strongFrom}%"]);
        plot.Axes.Right.TickLabelStyle.FontSize = TickFontSize;
        plot.Axes.Right.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsY(0, 108, plot.Axes.Right);

        var offset = hasPrevious ? 0.5 : 0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            entries.Select((_, i) => i * step + offset).ToArray(),
            entries.Select(e => e.Label).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(-0.7, (entries.Count - 1) * step + (hasPrevious ? 1 : 0) + 0.7, 0, 108);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100"]);
        plot.Axes.Left.Label.Text = "Score (%)";
        plot.Axes.Left.Label.FontSize = 12;
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickFontSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickFontSize;
        plot.Axes.Color(Text);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "This assessment", FillColor = Current });
        if (hasPrevious)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Previous", FillColor = Previous });
        }

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "n/a: not assessed", FillColor = Colors.Transparent, OutlineWidth = 0 });
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.ShadowOffset = new PixelOffset(0, 0);
        plot.Legend.FontSize = TickFontSize;
        plot.Legend.FontColor = Text;
        plot.ShowLegend(Edge.Bottom);

        // No anti-aliasing of lines and bars: flat colours compress far better, keeping the PNG under the card's budget.
        plot.Axes.AntiAlias(false);
        return plot;
    }

    /// <summary>A bar with its percentage above it; 0 % as a stub on the axis, not assessed as "n/a" with no bar.</summary>
    private static void Value(Plot plot, List<Bar> bars, double x, int? percent, Color color)
    {
        if (percent is { } p)
        {
            bars.Add(new Bar { Position = x, Value = Math.Max(p, 2.0), FillColor = color, LineWidth = 0 });
        }

        if (percent is > 0)
        {
            return; // the figures are beside the chart on the card; only what a bar cannot show is written
        }

        var label = plot.Add.Text(percent is { } v ? $"{v}%" : "n/a", x, 2);
        label.LabelFontName = FontName;
        label.LabelFontSize = 10;
        label.LabelFontColor = Text;
        label.LabelItalic = percent is null;
        label.LabelAlignment = Alignment.LowerCenter;
    }

    private static string PickFont()
    {
        var installed = SkiaSharp.SKFontManager.Default.GetFontFamilies().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new[] { "Segoe UI", "Selawik", "Liberation Sans", "Arial", "Helvetica", "DejaVu Sans" }.FirstOrDefault(installed.Contains) ?? Fonts.Sans;
    }

    public static string DataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);
}
