using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnershipBot.Bench.Play;

/// <summary>A button press decided by <see cref="CardPlayer"/>: the invoke's verb and data (inputs merged in, as Teams does).</summary>
internal sealed record Click(string Verb, string Title, JsonObject Data, IReadOnlyList<string> Tokens, CardState State);

/// <summary>Where a card says the journey is: the draft and its revision as carried by the card's action data.</summary>
internal sealed record CardState(string? DraftId, int? Revision, string? StepId)
{
    public static readonly CardState None = new(null, null, null);

    /// <summary>
    /// Whether <paramref name="after"/> shows that the click on a card in this state changed the draft, i.e. the
    /// answer was stored: the same draft at a higher revision.
    /// </summary>
    public bool MovedOnTo(CardState after) =>
        DraftId is not null && after.DraftId == DraftId && Revision is { } before && after.Revision is { } now && now > before;
}

/// <summary>
/// Plays one journey the way a person in Teams would, without knowing the journey: fills every input of the card
/// generically and presses the forward button (Add another at most once, then Next, then Submit on the review card).
/// Text answers start with a unique token so the database can later be searched for every acknowledged answer.
/// </summary>
internal sealed class CardPlayer(int run, long journey)
{
    public const string DateAnswer = "2027-04-01";
    private const string Filler = " is the answer the load generator gave to this question, in plain words.";
    private static readonly string[] AddAnotherTitles = ["Add another", "Add another risk"];
    private int _tokens;
    private bool _addedAnother;

    /// <summary>Whether the last click chosen was the final Submit.</summary>
    public bool Submitted { get; private set; }

    /// <summary>Finds the tokens typed by players in stored JSON: "bt" run "x" journey "x" answer number.</summary>
    public const string TokenPattern = "bt[0-9]+x[0-9]+x[0-9]+";

    /// <summary>The next button to press on <paramref name="card"/>, or null when it offers no way forward.</summary>
    public Click? Next(JsonElement card)
    {
        var actions = new List<JsonElement>();
        var inputs = new List<JsonElement>();
        Collect(card, actions, inputs);

        var chosen = Pick(actions);
        if (chosen is not { } action)
        {
            return null;
        }

        var verb = action.GetProperty("verb").GetString()!;
        var title = action.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
        var data = action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(d.GetRawText())!.AsObject()
            : new JsonObject();
        var state = StateOf(data);
        var tokens = new List<string>();
        if (!(action.TryGetProperty("associatedInputs", out var associated) && associated.ValueKind == JsonValueKind.String
            && associated.GetString()!.Equals("none", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var input in inputs)
            {
                if (Fill(input, tokens) is { } filled)
                {
                    data[filled.Id] = filled.Value;
                }
            }
        }

        _addedAnother |= IsAddAnother(action);
        Submitted = IsSubmit(action);
        return new Click(verb, title, data, tokens, state);
    }

    /// <summary>
    /// For a step with a single text box, the answer typed as a plain message instead of clicking Next (the bot takes
    /// a typed message as the answer to the open question); null for any other card.
    /// </summary>
    public (string Text, string Token, CardState State)? Typed(JsonElement card)
    {
        var actions = new List<JsonElement>();
        var inputs = new List<JsonElement>();
        Collect(card, actions, inputs);
        if (inputs.Count != 1 || inputs[0].GetProperty("type").GetString() != "Input.Text" || Pick(actions) is not { } action
            || !(action.GetProperty("verb").GetString() == "step.next" || Title(action) == "Next"))
        {
            return null;
        }

        var tokens = new List<string>();
        var (_, text) = Fill(inputs[0], tokens)!.Value;
        return tokens.Count == 1 ? (text, tokens[0], StateOf(card)) : null;
    }

    /// <summary>Whether the card has a button this player would press (without pressing it).</summary>
    public bool OffersWayForward(JsonElement card)
    {
        var actions = new List<JsonElement>();
        Collect(card, actions, []);
        return Pick(actions) is not null;
    }

    /// <summary>The journey state carried by the first Action.Execute of a card (every step button carries it).</summary>
    public static CardState StateOf(JsonElement card)
    {
        var actions = new List<JsonElement>();
        Collect(card, actions, []);
        foreach (var action in actions)
        {
            if (action.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("draftId", out _))
            {
                return StateOf(JsonNode.Parse(data.GetRawText())!.AsObject());
            }
        }

        return CardState.None;
    }

    private static CardState StateOf(JsonObject data)
    {
        int? revision = data["revision"] is JsonValue r
            ? r.TryGetValue<int>(out var n) ? n
                : r.TryGetValue<string>(out var s) && int.TryParse(s, CultureInfo.InvariantCulture, out var p) ? p : null
            : null;
        return new CardState(data["draftId"]?.ToString(), revision, data["stepId"]?.ToString());
    }

    private JsonElement? Pick(List<JsonElement> actions)
    {
        JsonElement? next = null, submit = null, addAnother = null;
        foreach (var action in actions)
        {
            if (!action.TryGetProperty("verb", out var verb) || verb.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            if (IsAddAnother(action))
            {
                addAnother ??= action;
            }
            else if (IsSubmit(action))
            {
                submit ??= action;
            }
            else if (verb.GetString() == "step.next" || Title(action) == "Next")
            {
                next ??= action;
            }
        }

        return (_addedAnother ? null : addAnother) ?? next ?? submit;
    }

    private static bool IsAddAnother(JsonElement action) =>
        action.TryGetProperty("verb", out var v) && v.GetString() == "step.add-item" || AddAnotherTitles.Contains(Title(action));

    private static bool IsSubmit(JsonElement action) =>
        action.TryGetProperty("verb", out var v) && v.GetString() == "review.submit" || Title(action) == "Submit";

    private static string Title(JsonElement action) =>
        action.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";

    private (string Id, string Value)? Fill(JsonElement input, List<string> tokens)
    {
        if (!input.TryGetProperty("id", out var idElement) || idElement.GetString() is not { Length: > 0 } id)
        {
            return null;
        }

        switch (input.GetProperty("type").GetString())
        {
            case "Input.Text":
                var token = $"bt{run}x{journey}x{++_tokens}";
                var max = Number(input, "maxLength") is { } m and > 0 ? (int)m : 4000;
                var text = (token + Filler)[..Math.Min(max, token.Length + Filler.Length)];
                if (text.StartsWith(token, StringComparison.Ordinal))
                {
                    tokens.Add(token);
                }

                return (id, text);
            case "Input.ChoiceSet":
                return input.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
                    ? (id, choices[0].GetProperty("value").ToString())
                    : null;
            case "Input.Number":
                var value = Math.Clamp(3, Number(input, "min") ?? double.MinValue, Number(input, "max") ?? double.MaxValue);
                return (id, value.ToString(CultureInfo.InvariantCulture));
            case "Input.Date":
                return (id, DateAnswer);
            case "Input.Time":
                return (id, "09:30");
            case "Input.Toggle":
                return (id, input.TryGetProperty("valueOn", out var on) && on.ValueKind == JsonValueKind.String ? on.GetString()! : "true");
            default:
                return null;
        }
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        } : null;

    /// <summary>Finds Action.Execute buttons (not their Action.Submit fallbacks) and inputs anywhere in the card.</summary>
    private static void Collect(JsonElement node, List<JsonElement> actions, List<JsonElement> inputs)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                if (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
                {
                    var name = type.GetString()!;
                    if (name == "Action.Execute")
                    {
                        actions.Add(node);
                    }
                    else if (name.StartsWith("Input.", StringComparison.Ordinal))
                    {
                        inputs.Add(node);
                    }
                }

                foreach (var property in node.EnumerateObject())
                {
                    if (property.Name != "fallback")
                    {
                        Collect(property.Value, actions, inputs);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    Collect(item, actions, inputs);
                }

                break;
        }
    }
}
