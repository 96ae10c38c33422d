using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PartnershipBot.Cards.Templating;

/// <summary>
/// Checks a parsed template against the view model type it is bound from, so a typo or a renamed field fails
/// at start-up (and in tests) instead of showing "${field}" to a user. Rules: every path names a field of the
/// view (as serialized, camelCase); `$data` binds a list or object; `$index` only inside a repetition; a
/// nullable field inside a longer text is guarded by a `$when` that mentions it (the JS library throws on null
/// there); a <see cref="UserTextAttribute"/> field is only shown where text is not treated as Markdown.
/// </summary>
internal static class CardTemplateChecker
{
    /// <summary>Throws <see cref="CardTemplateException"/> naming the template, the JSON path and the bad binding.</summary>
    public static void Check(CardTemplate template, Type viewType, JsonSerializerOptions options)
    {
        var root = new Scope(viewType, viewType, false, false, null, null, false, []);
        new Walker(template.Name, options).Walk(template.Root, root);
    }

    private sealed record Scope(
        Type Root,
        Type Data,
        bool DataIsUserText,
        bool InRepetition,
        string? ObjectType,
        string? Key,
        bool InActionData,
        IReadOnlyList<string> Guards);

    private sealed record Resolved(Type Type, bool IsNullable, bool IsUserText);

    private sealed class Walker(string templateName, JsonSerializerOptions options)
    {
        private readonly NullabilityInfoContext nullability = new();

        public void Walk(TemplateNode node, Scope scope)
        {
            switch (node)
            {
                case ArrayNode array:
                    foreach (var item in array.Items)
                    {
                        Walk(item, scope);
                    }

                    break;
                case ExpressionNode expression:
                    CheckOutput(expression.Path, expression.Expression, scope);
                    break;
                case ObjectNode obj:
                    WalkObject(obj, scope);
                    break;
            }
        }

        private void WalkObject(ObjectNode obj, Scope scope)
        {
            if (obj.Data is not null)
            {
                if (obj.Data is not PathExpression dataPath)
                {
                    throw Fail($"{obj.Path}.$data", obj.Data, "$data must be a path to a list or an object");
                }

                var resolved = Resolve(dataPath, scope, $"{obj.Path}.$data");
                var kind = options.GetTypeInfo(resolved.Type).Kind;
                scope = kind switch
                {
                    JsonTypeInfoKind.Enumerable => scope with
                    {
                        Data = options.GetTypeInfo(resolved.Type).ElementType!,
                        DataIsUserText = resolved.IsUserText,
                        InRepetition = true,
                    },
                    JsonTypeInfoKind.Object => scope with { Data = resolved.Type, DataIsUserText = false },
                    _ => throw Fail($"{obj.Path}.$data", obj.Data, "$data must bind a list or an object"),
                };
            }

            if (obj.When is not null)
            {
                CheckPaths(obj.When, scope, $"{obj.Path}.$when");
                scope = scope with { Guards = [.. scope.Guards, obj.When.Source] };
            }

            var type = obj.Properties.FirstOrDefault(p => p.Key == "type").Value is ConstantNode { Value: { } t }
                && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : null;
            foreach (var (key, value) in obj.Properties)
            {
                Walk(value, scope with
                {
                    ObjectType = type,
                    Key = key,
                    InActionData = scope.InActionData || (key == "data" && type?.StartsWith("Action.", StringComparison.Ordinal) == true),
                });
            }
        }

        private void CheckOutput(string path, TemplateExpression expression, Scope scope)
        {
            var paths = CheckPaths(expression, scope, path);
            var showsUserText = paths.Any(p => p.Resolved.IsUserText);
            var literalPlace = scope.InActionData
                || (scope.ObjectType == "TextRun" && scope.Key == "text")
                || (scope.ObjectType?.StartsWith("Input.", StringComparison.Ordinal) == true && scope.Key == "value");
            if (showsUserText && !literalPlace)
            {
                throw Fail(path, expression, "user-typed text may only be shown in a TextRun's text, an input's value or action data (a TextBlock would render its Markdown)");
            }

            if (expression is InterpolationExpression interpolation)
            {
                foreach (var part in interpolation.Parts.OfType<PathExpression>())
                {
                    var resolved = paths.First(p => ReferenceEquals(p.Path, part)).Resolved;
                    if (resolved.IsNullable && !scope.Guards.Any(g => g.Contains(part.Source, StringComparison.Ordinal)))
                    {
                        throw Fail(path, expression, $"'{part.Source}' can be null inside a longer text; guard the element with a $when that tests it");
                    }
                }
            }
        }

        private List<(PathExpression Path, Resolved Resolved)> CheckPaths(TemplateExpression expression, Scope scope, string path)
        {
            var found = new List<(PathExpression, Resolved)>();
            Collect(expression);
            return found;

            void Collect(TemplateExpression e)
            {
                switch (e)
                {
                    case PathExpression p:
                        found.Add((p, Resolve(p, scope, path)));
                        break;
                    case CallExpression call:
                        call.Arguments.ToList().ForEach(Collect);
                        break;
                    case InterpolationExpression interpolation:
                        interpolation.Parts.OfType<TemplateExpression>().ToList().ForEach(Collect);
                        break;
                }
            }
        }

        private Resolved Resolve(PathExpression expression, Scope scope, string path)
        {
            var first = expression.Segments[0].Name!;
            Resolved current = first switch
            {
                "$root" => new(scope.Root, false, false),
                "$data" => new(scope.Data, false, scope.DataIsUserText),
                "$index" when scope.InRepetition => new(typeof(int), false, false),
                "$index" => throw Fail(path, expression, "$index is only defined inside a $data repetition over a list"),
                _ => Member(new(scope.Data, false, false), first, expression, path),
            };

            foreach (var segment in expression.Segments.Skip(1))
            {
                if (segment.Name is { } name)
                {
                    current = Member(current, name, expression, path);
                    continue;
                }

                var info = options.GetTypeInfo(current.Type);
                if (info.Kind != JsonTypeInfoKind.Enumerable)
                {
                    throw Fail(path, expression, $"[{segment.Index}] indexes {current.Type.Name}, which is not a list");
                }

                current = new(info.ElementType!, false, current.IsUserText);
            }

            return current;
        }

        private Resolved Member(Resolved owner, string name, PathExpression expression, string path)
        {
            var info = options.GetTypeInfo(owner.Type);
            if (info.Kind != JsonTypeInfoKind.Object)
            {
                throw Fail(path, expression, $"'{name}' is read from {owner.Type.Name}, which has no fields");
            }

            var property = info.Properties.FirstOrDefault(p => p.Name == name)
                ?? throw Fail(path, expression, $"{owner.Type.Name} has no field '{name}' (fields: {string.Join(", ", info.Properties.Select(p => p.Name))})");
            var member = property.AttributeProvider as PropertyInfo;
            var isNullable = Nullable.GetUnderlyingType(property.PropertyType) is not null
                || (member is not null && !property.PropertyType.IsValueType && nullability.Create(member).ReadState == NullabilityState.Nullable);
            var isUserText = member?.GetCustomAttribute<UserTextAttribute>() is not null;
            return new(property.PropertyType, isNullable, isUserText);
        }

        private CardTemplateException Fail(string path, TemplateExpression expression, string problem) =>
            new($"Template '{templateName}' at {path}: binding '${{{expression.Source}}}': {problem}");
    }
}
