using System.Text.Json.Nodes;

namespace PartnershipBot.Cards.Templating;

/// <summary>What `$root`, `$data` and `$index` refer to while a part of the template is expanded.</summary>
/// <param name="Root">The whole data object.</param>
/// <param name="HasData">False until a `$data` binding sets the current item; `$data` then means `$root`.</param>
/// <param name="Data">The current item of a `$data` binding (may be JSON null).</param>
/// <param name="Index">The position in the array of the innermost `$data` repetition, if any.</param>
internal sealed record TemplateScope(JsonNode? Root, bool HasData, JsonNode? Data, int? Index)
{
    /// <summary>The value of `$data`.</summary>
    public JsonNode? CurrentData => HasData ? Data : Root;

    /// <summary>A scope at the top of the template.</summary>
    public static TemplateScope ForRoot(JsonNode? root) => new(root, false, null, null);
}

/// <summary>The outcome of evaluating an expression: a value (JSON null allowed), "undefined" (absent), or an error.</summary>
internal readonly record struct EvalResult(JsonNode? Value, bool IsUndefined, string? Error)
{
    public static EvalResult Of(JsonNode? value) => new(value, false, null);

    public static readonly EvalResult Undefined = new(null, true, null);

    public static EvalResult Fail(string error) => new(null, true, error);

    /// <summary>JS null or undefined.</summary>
    public bool IsNullish => IsUndefined || Value is null;
}
