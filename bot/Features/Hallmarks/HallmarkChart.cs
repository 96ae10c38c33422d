using ScottPlot;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>Draws the six hallmark scores (this assessment beside the previous one) as a small PNG bar chart.</summary>
internal static class HallmarkChart
{
    private const int Width = 520;
    private const int Height = 250;
    private static readonly Color Current = Color.FromHex("#2F5597");
    private static readonly Color Previous = Color.FromHex("#A6A6A6");

    /// <summary>One bar pair: a short label and the two percentages (null = not assessed, no bar).</summary>
    public sealed record Entry(string Label, int? Now, int? Before);

    public static byte[] Png(IReadOnlyList<Entry> entries, bool hasPrevious)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        var step = hasPrevious ? 3 : 2;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Now is { } now)
            {
                bars.Add(new Bar { Position = i * step, Value = now, FillColor = Current, LineWidth = 0 });
            }

            if (hasPrevious && entries[i].Before is { } before)
            {
                bars.Add(new Bar { Position = i * step + 1, Value = before, FillColor = Previous, LineWidth = 0 });
            }
        }

        plot.Add.Bars(bars);
        var offset = hasPrevious ? 0.5 : 0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            entries.Select((_, i) => i * step + offset).ToArray(),
            entries.Select(e => e.Label).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(-1, entries.Count * step - (hasPrevious ? 1 : 0), 0, 100);
        plot.Axes.Left.Label.Text = "Score (%)";
        plot.Axes.Left.Label.FontSize = 12;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "This assessment", FillColor = Current });
        if (hasPrevious)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Previous", FillColor = Previous });
        }

        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.ShadowOffset = new PixelOffset(0, 0);
        plot.Legend.FontSize = 11;
        plot.ShowLegend(Edge.Bottom);
        // No anti-aliasing of lines and bars: flat colours compress far better, keeping the PNG under the card's 20 KB budget.
        plot.Axes.AntiAlias(false);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    public static string DataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);
}
