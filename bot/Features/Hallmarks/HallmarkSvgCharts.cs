using System.Globalization;
using ScottPlot;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>Colours of a chart for one of Teams' themes (default, dark, contrast).</summary>
internal sealed record ChartTheme(string Background, string Text, string Grid, IReadOnlyList<string> Series)
{
    public static ChartTheme Light { get; } = new("#FFFFFF", "#242424", "#E0E0E0", ["#2F5597", "#8A4F00", "#0E6B3A", "#6B2C91", "#A4262C", "#005B70"]);
    public static ChartTheme Dark { get; } = new("#1F1F1F", "#FFFFFF", "#3D3D3D", ["#8FB4FF", "#FFB35C", "#5FD38D", "#D6A6FF", "#FF8A8F", "#6FD8EE"]);
    public static ChartTheme Contrast { get; } = new("#000000", "#FFFFFF", "#FFFFFF", ["#FFFF00", "#00FFFF", "#FFFFFF", "#FF00FF", "#00FF00", "#FFA500"]);

    public static ChartTheme Named(string? name) => name switch
    {
        "dark" => Dark,
        "contrast" => Contrast,
        _ => Light,
    };
}

/// <summary>
/// The tab's hallmark charts as SVG, drawn on the server with ScottPlot from the same records the page's tables show.
/// Every bar carries its value as a label, so the chart's figures can be read (and checked) against the table.
/// </summary>
internal static partial class HallmarkSvgCharts
{
    private const int MinWidth = 820;
    private const int Height = 380;

    /// <summary>Horizontal room per bar, so ten years of assessments keep their value labels apart (the page scales the image down).</summary>
    private const int BarPixels = 30;

    /// <summary>
    /// What the SVG's text asks the browser for: the page's own fonts first. The server measures with its sans-serif
    /// font (<see cref="Fonts.Sans"/>) and places every glyph, so a similar sans-serif font on the reader's machine fits.
    /// </summary>
    private const string FontFamilies = "Segoe UI, DejaVu Sans, Helvetica, Arial, sans-serif";

    /// <summary>One bar group per hallmark, one bar per assessment (oldest first), labelled "62%".</summary>
    public static string Trend(PartnershipHallmarks history, IReadOnlyList<(string Id, string Title)> hallmarks, ChartTheme theme)
    {
        var plot = NewPlot(theme);
        var count = Math.Max(history.Assessments.Count, 1);
        var step = count + 1;
        for (var a = 0; a < history.Assessments.Count; a++)
        {
            var assessment = history.Assessments[a];
            var color = Color.FromHex(theme.Series[a % theme.Series.Count]);
            var bars = new List<Bar>();
            for (var h = 0; h < hallmarks.Count; h++)
            {
                if (assessment.Hallmarks.FirstOrDefault(x => x.GroupId == hallmarks[h].Id)?.Percent is { } percent)
                {
                    bars.Add(Bar(h * step + a, percent, color, theme));
                }
            }

            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = assessment.AssessedOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        }

        Finish(plot, hallmarks.Select(h => h.Title).ToList(), step, count, theme, showLegend: history.Assessments.Count > 0);
        return Svg(plot, hallmarks.Count * step);
    }

    /// <summary>The council-wide average per hallmark, weakest first, labelled "62%".</summary>
    public static string Council(IReadOnlyList<HallmarkSummary> summaries, ChartTheme theme)
    {
        var plot = NewPlot(theme);
        var color = Color.FromHex(theme.Series[0]);
        var bars = summaries.Select((s, i) => s.AveragePercent is { } p ? Bar(i, p, color, theme) : null).OfType<Bar>().ToList();
        plot.Add.Bars(bars);
        Finish(plot, summaries.Select(s => s.Title).ToList(), 1, 1, theme, showLegend: false);
        return Svg(plot, summaries.Count);
    }

    private static Bar Bar(double position, int percent, Color color, ChartTheme theme) => new()
    {
        Position = position,
        Value = percent,
        FillColor = color,
        LineWidth = 0,
        Label = percent.ToString(CultureInfo.InvariantCulture) + "%",
    };

    private static Plot NewPlot(ChartTheme theme)
    {
        var plot = new Plot();
        plot.Font.Set(Fonts.Sans);
        plot.FigureBackground.Color = Color.FromHex(theme.Background);
        plot.DataBackground.Color = Color.FromHex(theme.Background);
        plot.Axes.Color(Color.FromHex(theme.Text));
        plot.Grid.MajorLineColor = Color.FromHex(theme.Grid);
        return plot;
    }

    /// <summary>Axes for <paramref name="labels"/> groups of <paramref name="perGroup"/> bars, <paramref name="step"/> apart.</summary>
    private static void Finish(Plot plot, IReadOnlyList<string> labels, int step, int perGroup, ChartTheme theme, bool showLegend)
    {
        foreach (var bars in plot.GetPlottables<ScottPlot.Plottables.BarPlot>())
        {
            bars.ValueLabelStyle.ForeColor = Color.FromHex(theme.Text);
            bars.ValueLabelStyle.FontSize = 11;
        }

        // Each group's label sits under the middle of its bars.
        var middle = (perGroup - 1) / 2.0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            labels.Select((_, i) => i * step + middle).ToArray(),
            labels.Select(Wrap).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [0, 20, 40, 60, 80, 100], ["0", "20", "40", "60", "80", "100"]);

        // From half a bar gap before the first bar to the same after the last one: no bar (or its label) is cut off.
        var last = (labels.Count - 1) * step + perGroup - 1;
        plot.Axes.SetLimits(-0.8, Math.Max(last, 0) + 0.8, 0, 112);
        plot.Axes.Left.Label.Text = "Score (%)";
        plot.Axes.Left.Label.FontSize = 12;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 10;
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        if (showLegend)
        {
            plot.Legend.BackgroundColor = Color.FromHex(theme.Background);
            plot.Legend.FontColor = Color.FromHex(theme.Text);
            plot.Legend.OutlineColor = Color.FromHex(theme.Grid);
            plot.Legend.Orientation = Orientation.Horizontal;
            plot.ShowLegend(Edge.Bottom);
        }
    }

    private static string Svg(Plot plot, int positions)
    {
        var svg = plot.GetSvgXml(Math.Max(MinWidth, 80 + (positions * BarPixels)), Height);
        return FontFamily().Replace(svg, $"font-family=\"{FontFamilies}\"");
    }

    [System.Text.RegularExpressions.GeneratedRegex("font-family=\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex FontFamily();

    /// <summary>Hallmark titles are long: wrapped on word boundaries into lines of at most 20 characters (a longer word stands alone) (the table beside has them whole).</summary>
    public static string Wrap(string title)
    {
        const int Line = 20;
        var lines = new List<string>();
        var current = "";
        foreach (var word in title.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > Line)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = current.Length == 0 ? word : current + " " + word;
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        return string.Join('\n', lines);
    }
}
