using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnershipBot.Tests.Cards;

/// <summary>The rules every rendered card must follow (issue 4), as a list of problems found.</summary>
internal static class CardRules
{
    public static List<string> Problems(JsonObject card)
    {
        var problems = new List<string>();
        if (Text(card["type"]) != "AdaptiveCard" || Text(card["version"]) != "1.5")
        {
            problems.Add("card must be type AdaptiveCard, version 1.5");
        }

        if (card["refresh"]?["action"] is JsonObject refresh
            && (Text(refresh["type"]) != "Action.Execute" || Text(refresh["verb"]) is null || Text(refresh["data"]?["verb"]) != Text(refresh["verb"])))
        {
            problems.Add("refresh action must be an Action.Execute with a verb repeated in data");
        }

        Walk(card, "$", problems, inFallback: false);
        return problems;
    }

    private static void Walk(JsonNode? node, string path, List<string> problems, bool inFallback)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", problems, inFallback);
                }

                break;
            case JsonObject obj:
                CheckObject(obj, path, problems, inFallback);
                foreach (var (key, value) in obj)
                {
                    Walk(value, $"{path}.{key}", problems, inFallback || key == "fallback");
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Contains("${", StringComparison.Ordinal):
                problems.Add($"{path}: unresolved binding {value}");
                break;
        }
    }

    private static void CheckObject(JsonObject obj, string path, List<string> problems, bool inFallback)
    {
        var type = Text(obj["type"]);
        if (type == "Action.Submit" && !inFallback)
        {
            problems.Add($"{path}: buttons are Action.Execute; Action.Submit only as their fallback");
        }

        if (type == "Action.Execute" && !path.EndsWith(".refresh.action", StringComparison.Ordinal))
        {
            var verb = Text(obj["verb"]);
            if (string.IsNullOrEmpty(verb) || Text(obj["data"]?["verb"]) != verb)
            {
                problems.Add($"{path}: Action.Execute needs a verb, repeated as data.verb");
            }

            if (obj["fallback"] is not JsonObject fallback || Text(fallback["type"]) != "Action.Submit")
            {
                problems.Add($"{path}: Action.Execute needs an Action.Submit fallback");
            }
            else if (!JsonNode.DeepEquals(fallback["data"], obj["data"])
                || Text(fallback["title"]) != Text(obj["title"])
                || Text(fallback["associatedInputs"]) != Text(obj["associatedInputs"]))
            {
                problems.Add($"{path}: the fallback must carry the same title, data and associatedInputs");
            }
        }

        if (type?.StartsWith("Input.", StringComparison.Ordinal) == true)
        {
            if (string.IsNullOrEmpty(Text(obj["id"])) || string.IsNullOrEmpty(Text(obj["label"])))
            {
                problems.Add($"{path}: every input needs an id and a label");
            }

            if (obj["isRequired"]?.GetValueKind() == JsonValueKind.True && string.IsNullOrEmpty(Text(obj["errorMessage"])))
            {
                problems.Add($"{path}: a required input needs an errorMessage");
            }
        }

        if (obj["color"] is not null && type is "TextBlock" or "TextRun" && string.IsNullOrWhiteSpace(Text(obj["text"])))
        {
            problems.Add($"{path}: coloured text must say its meaning in words");
        }

        if (type == "Image" && string.IsNullOrEmpty(Text(obj["altText"])))
        {
            problems.Add($"{path}: an image needs altText");
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
