using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using PartnershipBot.Features.Hallmarks;

namespace PartnershipBot.Tests.Cards;

/// <summary>
/// WCAG 2.2 AA text contrast (4.5:1) for every text colour on every background the cards can show, computed from
/// Teams-like host colours (light, dark, high contrast; tests/Cards/hostconfigs) — issue 18, item 19. Colours bound
/// from data are checked for every value the bot can bind (listed below, from the code where it decides them).
/// </summary>
public sealed class CardContrastTests
{
    private const double Aa = 4.5;

    private static readonly string[] ContainerTypes = ["AdaptiveCard", "Container", "Column", "ColumnSet", "Table", "TableCell"];

    // What each bound colour or style can be. A new binding fails the test until its values are listed here.
    private static readonly Dictionary<string, IReadOnlyList<string>> BoundValues = new(StringComparer.Ordinal)
    {
        ["${ratingColor}"] = RatingColours(),
        ["${overall.ratingColor}"] = RatingColours(),
        ["${flagsColor}"] = ["attention", "default"],
    };

    public static TheoryData<string> Themes() => ["teams-light", "teams-dark", "teams-contrast"];

    [Theory]
    [MemberData(nameof(Themes))]
    public void EveryTextColourOnItsBackground_MeetsAa(string theme)
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "Cards", "hostconfigs", theme + ".json")))!;
        var failures = new List<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Cards, "*.json").Where(f => !f.EndsWith(".data.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var card = JsonNode.Parse(File.ReadAllText(file))!;
            Walk(card, "default", Path.GetFileName(file), host, failures);
        }

        Assert.True(failures.Count == 0, $"{theme}: text below {Aa}:1 —{Environment.NewLine}{string.Join(Environment.NewLine, failures.Distinct())}");
    }

    [Theory]
    [InlineData("#92C353", "#FFFFFF", 2.07)]
    [InlineData("#F8D22A", "#FFFFFF", 1.47)]
    [InlineData("#C4314B", "#FFC5B2", 3.57)]
    [InlineData("#000000", "#FFFFFF", 21.0)]
    public void Ratio_KnownPairs_AsMeasuredOnTheCards(string foreground, string background, double expected) =>
        Assert.Equal(expected, Math.Round(Ratio(foreground, background), 2));

    private static void Walk(JsonNode? node, string style, string where, JsonNode host, List<string> failures)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, style, where, host, failures);
                }

                break;
            case JsonObject o:
                var type = o["type"]?.GetValue<string>() ?? "";
                var styles = ContainerTypes.Contains(type) && o["style"] is { } s ? Values(s.GetValue<string>(), where) : [style];
                foreach (var current in styles)
                {
                    if (type is "TextBlock" or "TextRun")
                    {
                        Check(o, current, where, host, failures);
                    }

                    foreach (var (key, child) in o)
                    {
                        // A fallback is shown only by clients that cannot show the element; actions are the host's buttons.
                        if (key is not "fallback" and not "actions" and not "selectAction")
                        {
                            Walk(child, current, where, host, failures);
                        }
                    }
                }

                break;
        }
    }

    private static void Check(JsonObject text, string style, string where, JsonNode host, List<string> failures)
    {
        var shade = text["isSubtle"]?.GetValue<bool>() == true ? "subtle" : "default";
        var colours = text["color"] is { } c ? Values(c.GetValue<string>(), where) : ["default"];
        var containerStyle = host["containerStyles"]![style] ?? throw new InvalidOperationException($"{where}: unknown container style '{style}'");
        var background = containerStyle["backgroundColor"]!.GetValue<string>();
        foreach (var colour in colours)
        {
            var foreground = containerStyle["foregroundColors"]![colour.ToLowerInvariant()]?[shade]?.GetValue<string>()
                ?? throw new InvalidOperationException($"{where}: unknown colour '{colour}'");
            var ratio = Ratio(foreground, background);
            if (ratio < Aa)
            {
                var shown = text["text"]?.GetValue<string>() ?? "";
                failures.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{where}: \"{shown[..Math.Min(50, shown.Length)]}\" {colour}/{shade} {foreground} on {style} {background}: {ratio:0.00}:1"));
            }
        }
    }

    private static IReadOnlyList<string> Values(string value, string where) =>
        !value.Contains("${", StringComparison.Ordinal) ? [value]
        : BoundValues.TryGetValue(value, out var values) ? values
        : throw new InvalidOperationException($"{where}: colour or style bound from {value}: list what it can be in {nameof(CardContrastTests)}.{nameof(BoundValues)}.");

    private static IReadOnlyList<string> RatingColours() =>
        typeof(Rating).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(Rating))
            .Select(f => ((Rating)f.GetValue(null)!).Color)
            .Distinct()
            .ToList();

    /// <summary>The WCAG contrast ratio of two sRGB colours written #RRGGBB.</summary>
    public static double Ratio(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(1 + offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(0)) + (0.7152 * Channel(2)) + (0.0722 * Channel(4));
    }
}
