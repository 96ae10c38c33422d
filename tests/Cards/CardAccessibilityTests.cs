using System.Text.Json;
using System.Text.Json.Nodes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Cards;

/// <summary>
/// Issue 18.21, permanent: every card template, with its sample data, the variants that take each conditional part, and
/// its worst case (long markup-like text, many items), rendered by the official adaptivecards renderer in headless
/// Chromium with Teams-like light, dark and high-contrast host configs, has no serious or critical axe-core violation
/// (WCAG 2.2 A and AA rules, colour contrast among them). One browser, one page for every card (about 30 s). The computed contrast of
/// every colour pair the templates use is <see cref="CardContrastTests"/>.
/// </summary>
public sealed class CardAccessibilityTests
{
    private static readonly string[] Themes = ["teams-light", "teams-dark", "teams-contrast"];

    [Fact]
    public async Task EveryCard_SampleVariantsAndWorstCase_InEveryTeamsTheme_HasNoSeriousOrCriticalAxeViolation()
    {
        var chromium = await Chromium.PathAsync();
        var browserPackages = Path.Combine(RepoPaths.Root, "tests", "Tab", "node");
        await NpmPackages.EnsureInstalledAsync(RepoPaths.Node, "the cards' accessibility test");
        await NpmPackages.EnsureInstalledAsync(browserPackages, "the cards' accessibility test");

        var cards = new JsonArray();
        foreach (var (label, view) in CardSamples.Variants())
        {
            cards.Add(new JsonObject { ["label"] = label, ["card"] = CardSamples.Render(view) });
        }

        foreach (var name in CardSamples.Names)
        {
            cards.Add(new JsonObject { ["label"] = name + " worst case", ["card"] = CardSamples.Render(CardWorstCase.Of(CardSamples.View(name))) });
        }

        var themes = new JsonObject();
        foreach (var theme in Themes)
        {
            themes[theme] = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tests", "Cards", "hostconfigs", theme + ".json")));
        }

        var input = new JsonObject
        {
            ["chromium"] = chromium,
            ["args"] = new JsonArray([.. Chromium.Arguments.Select(a => (JsonNode)a)]),
            ["browserPackages"] = browserPackages,
            ["themes"] = themes,
            ["cards"] = cards,
        };

        // Kept beside the test output, so a failure can be looked into with `node card-a11y.mjs < cards-a11y-input.json`.
        var outDir = Path.Combine(AppContext.BaseDirectory, "TestResults", "cards");
        Directory.CreateDirectory(outDir);
        await File.WriteAllTextAsync(Path.Combine(outDir, "cards-a11y-input.json"), input.ToJsonString());

        using var guardLog = new NodeGuardLog();
        var run = await Node.RunAsync(["card-a11y.mjs"], RepoPaths.Node, guardLog, TimeSpan.FromMinutes(3), standardInput: input.ToJsonString());
        guardLog.ThrowIfAny("the cards' accessibility run", run.ToString());
        Assert.True(run.ExitCode == 0, $"The browser run failed: {run}");
        var result = JsonNode.Parse(run.StdOut)!.AsObject();
        await File.WriteAllTextAsync(Path.Combine(outDir, "cards-a11y-report.json"), run.StdOut);

        Assert.Empty(result["failed"]!.AsArray().Select(f => f!.ToJsonString()));
        Assert.Equal(cards.Count * Themes.Length, result["rendered"]!.GetValue<int>());
        var violations = result["violations"]!.AsArray().Select(v => v!.AsObject()).ToList();
        var byRule = violations.GroupBy(v => $"{v["id"]} ({v["theme"]})").Select(g => $"{g.Key}: {g.Count()} in {string.Join(", ", g.Select(v => v["card"]).Distinct().Take(8))}");
        Assert.True(violations.Count == 0, $"{violations.Count} serious or critical axe violations:\n" + string.Join("\n", byRule)
            + "\nFirst ones:\n" + string.Join("\n", violations.Take(10).Select(v => v.ToJsonString())));
    }

    [Fact]
    public void WorstCase_EveryTemplate_HasTheLongMarkupTextSomewhere()
    {
        foreach (var name in CardSamples.Names.Where(HasTopLevelUserText))
        {
            var card = CardSamples.Render(CardWorstCase.Of(CardSamples.View(name)));
            Assert.Contains("Pneumonoultramicroscopicsilicovolcanoconiosis", card.ToJsonString(), StringComparison.Ordinal);
        }
    }

    private static bool HasTopLevelUserText(string name)
    {
        var data = CardSamples.Data(name).AsObject();
        return CardSamples.ViewType(name).GetProperties()
            .Where(p => p.PropertyType == typeof(string) && p.GetCustomAttributes(typeof(PartnershipBot.Cards.UserTextAttribute), true).Length > 0)
            .Any(p => data[JsonNamingPolicy.CamelCase.ConvertName(p.Name)] is JsonValue v && v.TryGetValue<string>(out _));
    }
}
