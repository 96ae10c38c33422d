using ScottPlot;

namespace PartnershipBot.Documents;

/// <summary>
/// A horizontal bar chart of percentages for papers: full labels on the vertical axis (no overlapping), a sans-serif
/// font, dashed lines at the band thresholds, and "not assessed" written out instead of an empty bar. Printed papers are
/// often black and white, so bars are one dark colour and every value is also written at the end of its bar.
/// </summary>
internal static class PaperChart
{
    public const int PixelWidth = 900;
    private const int RowHeight = 44;
    private static readonly Color Bar = Color.FromHex("#1F3864");
    private static readonly Color Threshold = Color.FromHex("#595959");

    /// <summary>One bar: a label and a percentage, or null when there is nothing to show.</summary>
    public sealed record Entry(string Label, int? Percent);

    public static int PixelHeight(int entries) => 90 + entries * RowHeight;

    public static byte[] Png(IReadOnlyList<Entry> entries, IReadOnlyList<(int Percent, string Label)> thresholds)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var bars = new List<ScottPlot.Bar>();
        for (var i = 0; i < entries.Count; i++)
        {
            var position = entries.Count - 1 - i;
            var percent = entries[i].Percent;
            if (percent is { } value)
            {
                bars.Add(new ScottPlot.Bar { Position = position, Value = value, FillColor = Bar, LineWidth = 0, Label = $"{value}%" });
            }
            else
            {
                var text = plot.Add.Text("not assessed", 1, position);
                text.LabelFontSize = 13;
                text.LabelAlignment = Alignment.MiddleLeft;
            }
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 13;
        foreach (var (percent, label) in thresholds)
        {
            var line = plot.Add.VerticalLine(percent, 1.5f, Threshold, LinePattern.Dashed);
            line.LabelText = $"{label} {percent}%";
            line.LabelOppositeAxis = true;
            line.LabelFontSize = 12;
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            entries.Select((_, i) => (double)(entries.Count - 1 - i)).ToArray(),
            entries.Select(e => e.Label).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Bottom.Label.Text = "Score (%)";
        plot.Axes.Bottom.Label.FontSize = 13;
        plot.Axes.SetLimits(0, 105, -0.6, entries.Count - 0.4);
        // Room above the plot for the threshold labels, which would otherwise be cut off at the image's top edge.
        plot.Axes.Top.MinimumSize = 34;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(10);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        return plot.GetImageBytes(PixelWidth, PixelHeight(entries.Count), ImageFormat.Png);
    }
}
