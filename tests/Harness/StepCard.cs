using System.Text.Json.Nodes;

namespace PartnershipBot.Tests.Harness;

/// <summary>Reads a question-step or review card and fills it in the way an officer would.</summary>
public static class StepCard
{
    public static bool IsQuestion(JsonObject card) => CardInspector.FindExecuteAction(card, "Next") is not null;

    public static bool IsReview(JsonObject card) => !IsQuestion(card) && CardInspector.ButtonTitles(card).Any(t => t.StartsWith("Edit: ", StringComparison.Ordinal));

    public static string StepId(JsonObject card) =>
        CardInspector.FindExecuteAction(card, "Next")?["data"]?["stepId"]?.GetValue<string>()
        ?? throw new InvalidOperationException("Not a question card: " + string.Join(", ", CardInspector.ButtonTitles(card)));

    public static string DraftId(JsonObject card) =>
        Inputs(card).Count >= 0 && FirstData(card)?["draftId"]?.GetValue<string>() is { } id ? id : throw new InvalidOperationException("No draft id on the card.");

    /// <summary>The inputs the card shows: id, type and the element itself.</summary>
    public static IReadOnlyList<JsonObject> Inputs(JsonNode? card)
    {
        var inputs = new List<JsonObject>();
        Walk(card, o =>
        {
            if (o["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal))
            {
                inputs.Add(o);
            }
        });
        return inputs;
    }

    /// <summary>The value prefilled in an input, or null.</summary>
    public static string? Prefilled(JsonObject card, string inputId) =>
        Inputs(card).FirstOrDefault(i => i["id"]?.GetValue<string>() == inputId)?["value"] is JsonValue v ? v.ToString() : null;

    /// <summary>A valid value for every input on the card.</summary>
    public static Dictionary<string, string> ValidAnswers(JsonObject card)
    {
        var answers = new Dictionary<string, string>();
        foreach (var input in Inputs(card))
        {
            var id = input["id"]!.GetValue<string>();
            answers[id] = input["type"]!.GetValue<string>() switch
            {
                "Input.ChoiceSet" => Choice(input["choices"]!.AsArray()),
                "Input.Number" => (input["min"]?.GetValue<double>() is { } min ? (int)min + 2 : 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "Input.Date" => "2027-04-01",
                "Input.Toggle" => "true",
                _ => $"Answer for {id}",
            };
        }

        return answers;
    }

    // The first choice, except on a 1-5 scale (risk likelihood and impact): 3, the middle, as a typed number would be.
    private static string Choice(JsonArray choices)
    {
        var values = choices.Select(c => c!["value"]!.GetValue<string>()).ToList();
        return values.Count >= 3 && values.All(v => int.TryParse(v, out _)) ? values[2] : values[0];
    }

    private static JsonObject? FirstData(JsonObject card)
    {
        JsonObject? data = null;
        Walk(card, o =>
        {
            if (data is null && o["type"]?.GetValue<string>() == "Action.Execute" && o["data"]?["draftId"] is not null)
            {
                data = o["data"]!.AsObject();
            }
        });
        return data;
    }

    private static void Walk(JsonNode? node, Action<JsonObject> visit)
    {
        if (node is JsonObject obj)
        {
            visit(obj);
            foreach (var (key, child) in obj)
            {
                if (key != "fallback")
                {
                    Walk(child, visit);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                Walk(child, visit);
            }
        }
    }
}
