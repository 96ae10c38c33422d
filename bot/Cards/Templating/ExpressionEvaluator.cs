using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnershipBot.Cards.Templating;

/// <summary>
/// Evaluates expressions with the semantics of the JS library `adaptivecards-templating` (built on
/// adaptive-expressions): a missing field becomes the text "${path}" where substitution is on, property
/// names match case-insensitively, and logic functions treat errors and null as false.
/// Values from the data are returned as they are, never parsed or re-evaluated.
/// </summary>
internal static class ExpressionEvaluator
{
    private const double JsNumberEpsilon = 2.220446049250313e-16; // JS Number.EPSILON

    /// <summary>Evaluates an expression; substitute=true replaces a missing field by the text "${path}".</summary>
    public static EvalResult Evaluate(TemplateExpression expression, TemplateScope scope, bool substitute) => expression switch
    {
        LiteralExpression literal => EvalResult.Of(literal.Value),
        PathExpression path => EvaluatePath(path, scope, substitute),
        CallExpression call => EvaluateCall(call, scope, substitute),
        InterpolationExpression interpolation => EvalResult.Of(JsonValue.Create(Interpolate(interpolation, scope))),
        _ => throw new InvalidOperationException($"unknown expression {expression.GetType().Name}"),
    };

    /// <summary>JS truthiness as adaptive-expressions defines it: booleans as they are, null/undefined false, anything else true.</summary>
    public static bool IsLogicTrue(EvalResult result) =>
        !result.IsNullish && (result.Value!.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => true,
        });

    private static string Interpolate(InterpolationExpression interpolation, TemplateScope scope)
    {
        var text = new StringBuilder();
        foreach (var part in interpolation.Parts)
        {
            if (part is string constant)
            {
                text.Append(constant);
                continue;
            }

            var expression = (TemplateExpression)part;
            var result = Evaluate(expression, scope, substitute: true);
            if (result.Error is not null)
            {
                // The JS library puts a failing part back as its source text rather than failing the card.
                text.Append("${").Append(expression.Source).Append('}');
                continue;
            }

            text.Append(JsText.ToText(result.IsUndefined ? null : result.Value)
                ?? throw new CardTemplateException($"'${{{expression.Source}}}' is null inside the text \"{interpolation.Source}\" (guard it with $when)"));
        }

        return text.ToString();
    }

    private static EvalResult EvaluatePath(PathExpression path, TemplateScope scope, bool substitute)
    {
        var segments = path.Segments;
        if (segments.Count > 1 && segments[^1].Index is { } index)
        {
            // A trailing [n] is an element access on the value before it, with its own error rules.
            var prefix = new PathExpression(path.Source, segments.Take(segments.Count - 1).ToList());
            var instance = EvaluatePath(prefix, scope, substitute);
            if (instance.Error is not null)
            {
                return instance;
            }

            if (instance.IsNullish)
            {
                return EvalResult.Undefined;
            }

            if (instance.Value is not JsonArray array)
            {
                return EvalResult.Fail($"{JsText.ToText(instance.Value)} is not a collection.");
            }

            return index < array.Count ? EvalResult.Of(array[index]) : EvalResult.Fail($"{index} is out of range");
        }

        var found = Lookup(segments, scope);
        if (!found.IsUndefined)
        {
            return found;
        }

        return substitute ? EvalResult.Of(JsonValue.Create("${" + path.Text + "}")) : EvalResult.Undefined;
    }

    private static EvalResult Lookup(IReadOnlyList<PathSegment> segments, TemplateScope scope)
    {
        var first = segments[0].Name;
        EvalResult current = first switch
        {
            "$root" => EvalResult.Of(scope.Root),
            "$data" => EvalResult.Of(scope.CurrentData),
            "$index" => scope.Index is { } i ? EvalResult.Of(JsonValue.Create(i)) : EvalResult.Undefined,
            _ => Property(EvalResult.Of(scope.CurrentData), first!),
        };

        foreach (var segment in segments.Skip(1))
        {
            current = segment.Index is { } index
                ? current.Value is JsonArray array && !current.IsUndefined
                    ? index < array.Count ? EvalResult.Of(array[index]) : EvalResult.Undefined
                    : Property(current, index.ToString(System.Globalization.CultureInfo.InvariantCulture))
                : Property(current, segment.Name!);
        }

        return current;
    }

    private static EvalResult Property(EvalResult instance, string name)
    {
        if (instance.IsUndefined || instance.Value is not JsonObject obj)
        {
            return EvalResult.Undefined;
        }

        foreach (var (key, value) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return EvalResult.Of(value);
            }
        }

        return EvalResult.Undefined;
    }

    private static EvalResult EvaluateCall(CallExpression call, TemplateScope scope, bool substitute)
    {
        var args = call.Arguments;
        switch (call.Function)
        {
            case "if":
                var condition = Evaluate(args[0], scope, substitute: false);
                return Evaluate(condition.Error is null && IsLogicTrue(condition) ? args[1] : args[2], scope, substitute);

            case "not":
                var operand = Evaluate(args[0], scope, substitute: false);
                return Bool(operand.Error is not null || !IsLogicTrue(operand));

            case "and":
                return Bool(args.All(a => Evaluate(a, scope, substitute: false) is var r && r.Error is null && IsLogicTrue(r)));

            case "or":
                return Or(args, scope);

            case "equals":
                var left = Evaluate(args[0], scope, substitute: false);
                var right = left.Error is null ? Evaluate(args[1], scope, substitute: false) : left;
                return Bool(left.Error is null && right.Error is null && JsEquals(left, right));

            case "empty":
                return Empty(Evaluate(args[0], scope, substitute: false));

            case "count":
                return Count(Evaluate(args[0], scope, substitute));

            case "join":
                return Join(args.Select(a => Evaluate(a, scope, substitute)).ToList());

            default:
                return EvalResult.Fail($"Unknown function {call.Function}");
        }
    }

    // adaptive-expressions' or: true as soon as one argument is true, otherwise the last argument's own value.
    private static EvalResult Or(IReadOnlyList<TemplateExpression> args, TemplateScope scope)
    {
        var last = EvalResult.Undefined;
        foreach (var arg in args)
        {
            var result = Evaluate(arg, scope, substitute: false);
            if (result.Error is not null)
            {
                last = EvalResult.Undefined;
                continue;
            }

            if (IsLogicTrue(result))
            {
                return Bool(true);
            }

            last = result;
        }

        return last;
    }

    private static EvalResult Bool(bool value) => EvalResult.Of(JsonValue.Create(value));

    private static EvalResult Empty(EvalResult arg)
    {
        if (arg.Error is not null)
        {
            return Bool(false);
        }

        return arg.IsNullish
            ? Bool(true)
            : arg.Value switch
            {
                JsonArray array => Bool(array.Count == 0),
                JsonObject obj => Bool(obj.Count == 0),
                _ when arg.Value!.GetValueKind() == JsonValueKind.String => Bool(arg.Value.GetValue<string>().Length == 0),
                _ => Bool(false), // numbers and booleans are not containers: the comparison fails, which reads as false
            };
    }

    private static EvalResult Count(EvalResult arg)
    {
        if (arg.Error is not null)
        {
            return arg;
        }

        return arg.IsNullish
            ? EvalResult.Fail("count needs a string, list or object")
            : arg.Value switch
            {
                JsonArray array => EvalResult.Of(JsonValue.Create(array.Count)),
                JsonObject obj => EvalResult.Of(JsonValue.Create(obj.Count)),
                _ when arg.Value!.GetValueKind() == JsonValueKind.String => EvalResult.Of(JsonValue.Create(arg.Value.GetValue<string>().Length)),
                _ => EvalResult.Fail("count needs a string, list or object"),
            };
    }

    private static EvalResult Join(IReadOnlyList<EvalResult> args)
    {
        if (args.FirstOrDefault(a => a.Error is not null) is { Error: not null } failed)
        {
            return failed;
        }

        if (args[0].IsUndefined || args[0].Value is not JsonArray array)
        {
            return EvalResult.Fail("join needs a list");
        }

        var separator = Separator(args[1]);
        if (args.Count == 2 || array.Count < 3)
        {
            return EvalResult.Of(JsonValue.Create(JsText.JoinArray(array, args.Count == 2 ? separator : Separator(args[2]))));
        }

        var head = new JsonArray(array.Take(array.Count - 1).Select(n => n?.DeepClone()).ToArray());
        var last = array[^1];
        return EvalResult.Of(JsonValue.Create(JsText.JoinArray(head, separator) + Separator(args[2]) + (JsText.ToText(last) ?? "null")));
    }

    // JS Array.join: an undefined separator means ",", anything else is converted with String().
    private static string Separator(EvalResult arg) =>
        arg.IsUndefined ? "," : JsText.ToText(arg.Value) ?? "null";

    private static bool JsEquals(EvalResult a, EvalResult b)
    {
        if (a.IsNullish || b.IsNullish)
        {
            return a.IsNullish && b.IsNullish;
        }

        var (x, y) = (a.Value!, b.Value!);
        if (x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number)
        {
            return Math.Abs(JsText.ToNumber(x) - JsText.ToNumber(y)) < JsNumberEpsilon;
        }

        return JsonNode.DeepEquals(x, y);
    }
}
