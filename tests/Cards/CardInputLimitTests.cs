using System.Globalization;
using System.Text.Json.Nodes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Cards;

/// <summary>Every text input says its limit, as the client enforces it: maxLength and "up to N characters" (issue 18, item 8).</summary>
public sealed class CardInputLimitTests
{
    [Fact]
    public void EveryTextInput_OnEveryCard_HasMaxLengthAndSaysItInItsLabelOrPlaceholder()
    {
        var problems = new List<string>();
        foreach (var (label, view) in CardSamples.Variants())
        {
            foreach (var input in StepCard.Inputs(CardSamples.Render(view)).Where(i => i["type"]?.GetValue<string>() == "Input.Text"))
            {
                var id = input["id"]?.GetValue<string>();
                if (input["maxLength"] is not JsonValue max || !max.TryGetValue<int>(out var limit))
                {
                    problems.Add($"{label}, {id}: no maxLength");
                    continue;
                }

                var said = string.Create(CultureInfo.InvariantCulture, $"up to {limit:N0} characters");
                if (!$"{input["label"]} {input["placeholder"]}".Contains(said, StringComparison.Ordinal))
                {
                    problems.Add($"{label}, {id}: label and placeholder do not say \"{said}\"");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
