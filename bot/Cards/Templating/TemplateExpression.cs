using System.Text.Json.Nodes;

namespace PartnershipBot.Cards.Templating;

/// <summary>A parsed `${...}` expression of the supported templating subset; Source is the text between the braces.</summary>
internal abstract record TemplateExpression(string Source);

/// <summary>A constant: a string, number, true, false or null.</summary>
internal sealed record LiteralExpression(string Source, JsonNode? Value) : TemplateExpression(Source);

/// <summary>A data path such as `name`, `$root.drafts[0].title` or `$index`.</summary>
internal sealed record PathExpression(string Source, IReadOnlyList<PathSegment> Segments) : TemplateExpression(Source)
{
    /// <summary>The path as the JS library prints it when substituting a missing value, e.g. `a[1].b`.</summary>
    public string Text { get; } = string.Concat(Segments.Select((s, i) => s.Index is { } n ? $"[{n}]" : i == 0 ? s.Name : "." + s.Name));
}

/// <summary>One step of a path: a property name or an array index.</summary>
internal sealed record PathSegment(string? Name, int? Index);

/// <summary>A call of one of the supported functions.</summary>
internal sealed record CallExpression(string Source, string Function, IReadOnlyList<TemplateExpression> Arguments) : TemplateExpression(Source);

/// <summary>A string with embedded expressions, e.g. "Question ${n} of ${total}"; parts are string or TemplateExpression.</summary>
internal sealed record InterpolationExpression(string Source, IReadOnlyList<object> Parts) : TemplateExpression(Source);
