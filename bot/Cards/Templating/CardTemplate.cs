using System.Text.Json.Nodes;

namespace PartnershipBot.Cards.Templating;

/// <summary>A card template parsed once: every string containing `${` is already an expression, so errors surface at load.</summary>
internal sealed record CardTemplate(string Name, TemplateNode Root)
{
    /// <summary>Keys the JS library removes from the output.</summary>
    public static readonly IReadOnlySet<string> ReservedKeys =
        new HashSet<string>(StringComparer.Ordinal) { "$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion" };

    /// <summary>Parses a template; throws <see cref="CardTemplateException"/> naming the template and the JSON path.</summary>
    public static CardTemplate Parse(string name, JsonNode? template) => new(name, ParseNode(name, template, "$"));

    private static TemplateNode ParseNode(string name, JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                return ParseObject(name, obj, path);
            case JsonArray array:
                return new ArrayNode(path, array.Select((item, i) => ParseNode(name, item, $"{path}[{i}]")).ToList());
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                var expression = ParseString(name, value.GetValue<string>(), path);
                return expression is null ? new ConstantNode(path, value.DeepClone()) : new ExpressionNode(path, expression);
            default:
                return new ConstantNode(path, node?.DeepClone());
        }
    }

    private static ObjectNode ParseObject(string name, JsonObject obj, string path)
    {
        TemplateExpression? when = null, data = null;
        var properties = new List<KeyValuePair<string, TemplateNode>>();
        foreach (var (key, value) in obj)
        {
            var childPath = $"{path}.{key}";
            switch (key)
            {
                case "$when":
                    when = RequireExpression(name, value, childPath);
                    break;
                case "$data":
                    data = RequireExpression(name, value, childPath);
                    break;
                case var reserved when ReservedKeys.Contains(reserved):
                    throw new CardTemplateException($"Template '{name}' at {childPath}: '{key}' is not supported as a property");
                default:
                    properties.Add(new(key, ParseNode(name, value, childPath)));
                    break;
            }
        }

        return new ObjectNode(path, properties, when, data);
    }

    private static TemplateExpression RequireExpression(string name, JsonNode? value, string path)
    {
        var text = value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;
        var expression = text is null ? null : ParseString(name, text, path);
        if (expression is null or InterpolationExpression)
        {
            throw new CardTemplateException($"Template '{name}' at {path}: must be a single expression \"${{...}}\"");
        }

        return expression;
    }

    private static TemplateExpression? ParseString(string name, string text, string path)
    {
        try
        {
            return ExpressionParser.ParseTemplateString(text);
        }
        catch (CardTemplateException e)
        {
            throw new CardTemplateException($"Template '{name}' at {path}: {e.Message}");
        }
    }
}

/// <summary>A node of a parsed template; Path is its JSON path in the template file, for messages.</summary>
internal abstract record TemplateNode(string Path);

/// <summary>A value copied to the output as it is.</summary>
internal sealed record ConstantNode(string Path, JsonNode? Value) : TemplateNode(Path);

/// <summary>A string that is, or contains, expressions.</summary>
internal sealed record ExpressionNode(string Path, TemplateExpression Expression) : TemplateNode(Path);

/// <summary>A JSON array of nodes.</summary>
internal sealed record ArrayNode(string Path, IReadOnlyList<TemplateNode> Items) : TemplateNode(Path);

/// <summary>A JSON object, with its optional `$when` condition and `$data` binding.</summary>
internal sealed record ObjectNode(
    string Path,
    IReadOnlyList<KeyValuePair<string, TemplateNode>> Properties,
    TemplateExpression? When,
    TemplateExpression? Data) : TemplateNode(Path);
