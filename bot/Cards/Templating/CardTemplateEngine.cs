using System.Text.Json.Nodes;

namespace PartnershipBot.Cards.Templating;

/// <summary>
/// Expands Adaptive Card templates with data, matching the JS library `adaptivecards-templating` on the
/// subset documented in cards/README.md. Pure: it never changes its inputs and does no I/O.
/// Data values are inserted as JSON values (never spliced into JSON text, never evaluated again),
/// so user text cannot add elements or expressions.
/// </summary>
internal static class CardTemplateEngine
{
    /// <summary>Parses and expands a template in one go (tests and tools; the app parses once at start).</summary>
    public static JsonNode? Expand(JsonNode template, JsonNode? data) => Expand(CardTemplate.Parse("inline", template), data);

    /// <summary>Expands a parsed template with data (the object `$root` refers to).</summary>
    public static JsonNode? Expand(CardTemplate template, JsonNode? data) =>
        ExpandNode(template, template.Root, TemplateScope.ForRoot(data)).Value;

    private readonly record struct Expanded(JsonNode? Value, bool IsUndefined)
    {
        public static readonly Expanded Undefined = new(null, true);
    }

    private static Expanded ExpandNode(CardTemplate template, TemplateNode node, TemplateScope scope) => node switch
    {
        ConstantNode constant => new(constant.Value?.DeepClone(), false),
        ExpressionNode expression => ExpandExpression(template, expression, scope),
        ArrayNode array => new(ExpandArray(template, array, scope), false),
        ObjectNode obj => new(ExpandObject(template, obj, scope), false),
        _ => throw new InvalidOperationException($"unknown node {node.GetType().Name}"),
    };

    private static Expanded ExpandExpression(CardTemplate template, ExpressionNode node, TemplateScope scope)
    {
        var result = ExpressionEvaluator.Evaluate(node.Expression, scope, substitute: true);
        if (result.Error is not null)
        {
            throw new CardTemplateException($"Template '{template.Name}' at {node.Path}: '${{{node.Expression.Source}}}' failed: {result.Error}");
        }

        return result.IsUndefined ? Expanded.Undefined : new(result.Value?.DeepClone(), false);
    }

    private static JsonArray ExpandArray(CardTemplate template, ArrayNode array, TemplateScope scope)
    {
        var output = new JsonArray();
        foreach (var item in array.Items)
        {
            var expanded = ExpandNode(template, item, scope);
            if (expanded.IsUndefined)
            {
                output.Add(null); // JSON.stringify writes an undefined array item as null
            }
            else if (expanded.Value is JsonArray repeated)
            {
                // Repetitions (and array values) are spliced into the surrounding array, as the JS library does.
                var items = repeated.ToArray();
                repeated.Clear();
                foreach (var repeatedItem in items)
                {
                    output.Add(repeatedItem);
                }
            }
            else if (expanded.Value is not null)
            {
                output.Add(expanded.Value);
            }
        }

        return output;
    }

    private static JsonNode? ExpandObject(CardTemplate template, ObjectNode obj, TemplateScope scope)
    {
        var scopes = new List<TemplateScope>();
        if (obj.Data is null)
        {
            scopes.Add(scope);
        }
        else
        {
            var data = ExpressionEvaluator.Evaluate(obj.Data, scope, substitute: true);
            if (data.Error is not null)
            {
                throw new CardTemplateException($"Template '{template.Name}' at {obj.Path}.$data: '${{{obj.Data.Source}}}' failed: {data.Error}");
            }

            if (data.Value is JsonArray items && !data.IsUndefined)
            {
                scopes.AddRange(items.Select((item, i) => scope with { HasData = true, Data = item, Index = i }));
            }
            else
            {
                scopes.Add(data.IsUndefined ? scope : scope with { HasData = true, Data = data.Value });
            }
        }

        var results = new List<JsonObject>();
        foreach (var itemScope in scopes)
        {
            if (obj.When is not null)
            {
                // Only a boolean true keeps the object; errors, missing values and non-booleans drop it.
                var when = ExpressionEvaluator.Evaluate(obj.When, itemScope, substitute: false);
                var keep = when.Error is null && !when.IsNullish && when.Value!.GetValueKind() == System.Text.Json.JsonValueKind.True;
                if (!keep)
                {
                    continue;
                }
            }

            var output = new JsonObject();
            foreach (var (key, valueNode) in obj.Properties)
            {
                var value = ExpandNode(template, valueNode, itemScope);
                if (!value.IsUndefined)
                {
                    output[key] = value.Value;
                }
            }

            results.Add(output);
        }

        return results.Count switch
        {
            0 => null,
            1 => results[0],
            _ => new JsonArray(results.ToArray<JsonNode?>()),
        };
    }
}
