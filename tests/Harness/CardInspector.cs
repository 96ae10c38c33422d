using System.Text.Json.Nodes;

namespace PartnershipBot.Tests.Harness;

/// <summary>Reads rendered cards the way a person looks at them: texts shown and buttons offered.</summary>
public static class CardInspector
{
    // "Edit" also finds the first of the review's named buttons ("Edit: Partnership name").
    public static JsonObject? FindExecuteAction(JsonObject card, string title) =>
        Actions(card).FirstOrDefault(a => a["type"]?.GetValue<string>() == "Action.Execute" && a["title"]?.GetValue<string>() == title)
        ?? Actions(card).FirstOrDefault(a => a["type"]?.GetValue<string>() == "Action.Execute"
            && a["title"]?.GetValue<string>()?.StartsWith(title + ": ", StringComparison.Ordinal) == true);

    public static IReadOnlyList<string> ButtonTitles(JsonObject card) =>
        Actions(card).Select(a => a["title"]?.GetValue<string>() ?? "").ToList();

    /// <summary>Every text the card shows (TextBlock text, TextRun text, FactSet titles and values, input labels).</summary>
    public static IReadOnlyList<string> Texts(JsonNode? node)
    {
        var texts = new List<string>();
        Walk(node, n =>
        {
            var type = n["type"]?.GetValue<string>();
            if (type is "TextBlock" or "TextRun" && n["text"] is JsonValue text)
            {
                texts.Add(text.GetValue<string>());
            }

            if (n["title"] is JsonValue title && type is null)
            {
                texts.Add(title.GetValue<string>());
            }

            if (n["value"] is JsonValue value && type is null && value.TryGetValue<string>(out var s))
            {
                texts.Add(s);
            }

            if (n["label"] is JsonValue label)
            {
                texts.Add(label.GetValue<string>());
            }
        });
        return texts;
    }

    public static string AllText(JsonNode? card) => string.Join("\n", Texts(card));

    private static IEnumerable<JsonObject> Actions(JsonNode? node)
    {
        var actions = new List<JsonObject>();
        Walk(node, n =>
        {
            if (n["type"]?.GetValue<string>() is { } type && type.StartsWith("Action.", StringComparison.Ordinal))
            {
                actions.Add(n);
            }
        });
        return actions;
    }

    private static void Walk(JsonNode? node, Action<JsonObject> visit)
    {
        switch (node)
        {
            case JsonObject obj:
                visit(obj);
                foreach (var (key, child) in obj)
                {
                    // A fallback repeats its action for old clients; count each button once.
                    if (key != "fallback")
                    {
                        Walk(child, visit);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Walk(child, visit);
                }

                break;
        }
    }
}
