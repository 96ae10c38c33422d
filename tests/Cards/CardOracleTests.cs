using System.Text.Json.Nodes;
using PartnershipBot.Cards.Templating;

namespace PartnershipBot.Tests.Cards;

/// <summary>
/// The C# engine against the official JS libraries: adaptivecards-templating must expand every template and
/// branch exactly as the C# engine does, and adaptivecards v3 must parse every rendered card without a warning.
/// </summary>
public sealed class CardOracleTests
{
    private static readonly Lazy<Task<Dictionary<string, (JsonNode? CSharp, JsonObject Js)>>> Results = new(RunAllAsync);

    public static TheoryData<string> Variants => [.. CardSamples.Variants().Select(v => v.Label)];

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Expand_TemplateWithData_EqualsJsTemplatingLibrary(string label)
    {
        var (csharp, js) = (await Results.Value)[label];

        Assert.Null(js["error"]);
        Assert.True(JsonNode.DeepEquals(js["expanded"], csharp), $"C#:\n{csharp}\nJS:\n{js["expanded"]}");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Parse_RenderedCard_JsAdaptiveCardsReportsNothing(string label)
    {
        var (_, js) = (await Results.Value)[label];

        Assert.Null(js["error"]);
        Assert.Empty(js["events"]!.AsArray());
    }

    [Fact]
    public async Task Parse_CardWithUnknownElement_JsAdaptiveCardsReportsIt()
    {
        // Control: proves the check above would see a problem.
        var card = JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Bogus"},{"type":"TextBlock","text":"x","color":"purple"}]}""")!;

        var result = await NodeOracle.RunOneAsync(new JsonObject { ["id"] = "control", ["card"] = card, ["validate"] = true });

        Assert.Equal(2, result["events"]!.AsArray().Count);
    }

    private static async Task<Dictionary<string, (JsonNode?, JsonObject)>> RunAllAsync()
    {
        var jobs = new JsonArray();
        var csharp = new Dictionary<string, JsonNode?>();
        foreach (var (label, view) in CardSamples.Variants())
        {
            var name = CardSamples.Names.Single(n => CardSamples.ViewType(n) == view.GetType());
            var data = CardSamples.ToData(view);
            var card = CardTemplateEngine.Expand(CardSamples.Template(name), data);
            csharp[label] = card;

            // The renderer (typed view) and the engine (JSON data) must agree too.
            Assert.True(JsonNode.DeepEquals(card, CardSamples.Render(view)), label);
            jobs.Add(new JsonObject
            {
                ["id"] = label,
                ["template"] = CardSamples.Template(name),
                ["data"] = data,
                ["card"] = card?.DeepClone(),
                ["validate"] = true,
            });
        }

        var results = await NodeOracle.RunAsync(jobs);
        return results.Select(r => r!.AsObject()).ToDictionary(r => r["id"]!.GetValue<string>(), r => (csharp[r["id"]!.GetValue<string>()], r));
    }
}
