using System.Globalization;
using System.Text.Json.Nodes;

namespace PartnershipBot.Cards.Templating;

/// <summary>
/// Parses template strings into expressions of the supported subset: paths, literals and calls of
/// <see cref="Functions"/>. Operators (==, +, !) and other functions are rejected, so a template
/// using them fails when it is loaded rather than when a card is shown.
/// </summary>
internal static class ExpressionParser
{
    /// <summary>Supported functions with their allowed argument counts.</summary>
    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> Functions = new Dictionary<string, (int, int)>
    {
        ["if"] = (3, 3),
        ["equals"] = (2, 2),
        ["not"] = (1, 1),
        ["and"] = (1, 16),
        ["or"] = (1, 16),
        ["empty"] = (1, 1),
        ["count"] = (1, 1),
        ["join"] = (2, 3),
    };

    /// <summary>Parses a template string; returns null when it contains no `${`, i.e. it is plain text.</summary>
    public static TemplateExpression? ParseTemplateString(string text)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return null;
        }

        // The JS library hands such strings to a backtick-string parser that treats these characters specially.
        if (text.Contains('\\') || text.Contains('`'))
        {
            throw new CardTemplateException($"a string with an expression must not contain a backslash or backtick: \"{text}\"");
        }

        var parts = new List<object>();
        var position = 0;
        while (position < text.Length)
        {
            var start = text.IndexOf("${", position, StringComparison.Ordinal);
            if (start < 0)
            {
                parts.Add(text[position..]);
                break;
            }

            if (start > position)
            {
                parts.Add(text[position..start]);
            }

            var reader = new Reader(text, start + 2);
            var expression = reader.ParseExpression();
            reader.SkipSpaces();
            if (reader.Peek() != '}')
            {
                throw new CardTemplateException($"expected '}}' at position {reader.Position} in \"{text}\"");
            }

            parts.Add(expression);
            position = reader.Position + 1;
        }

        // A string that is exactly one expression yields that expression's value with its type (number, array...),
        // except a lone literal, which the JS library still treats as text ("${42}" gives "42").
        return parts is [TemplateExpression single and not LiteralExpression] ? single : new InterpolationExpression(text, parts);
    }

    private sealed class Reader(string text, int position)
    {
        public int Position => position;

        public char Peek() => position < text.Length ? text[position] : '\0';

        public void SkipSpaces()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        public TemplateExpression ParseExpression()
        {
            SkipSpaces();
            var start = position;
            var c = Peek();
            if (c is '\'' or '"')
            {
                return ParseString(start);
            }

            if (char.IsAsciiDigit(c))
            {
                return ParseNumber(start);
            }

            var name = ReadName();
            if (name is "true" or "false" or "null")
            {
                return new LiteralExpression(name, name == "null" ? null : JsonValue.Create(name == "true"));
            }

            SkipSpaces();
            return Peek() == '(' ? ParseCall(start, name) : ParsePath(start, name);
        }

        private LiteralExpression ParseString(int start)
        {
            var quote = text[position++];
            var end = text.IndexOf(quote, position);
            if (end < 0)
            {
                throw Error("unterminated string");
            }

            var value = text[position..end];
            position = end + 1;
            return new LiteralExpression(text[start..position], JsonValue.Create(value));
        }

        private LiteralExpression ParseNumber(int start)
        {
            while (char.IsAsciiDigit(Peek()) || Peek() == '.')
            {
                position++;
            }

            var source = text[start..position];
            if (!double.TryParse(source, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                throw Error($"bad number '{source}'");
            }

            JsonNode value = source.Contains('.') ? JsonValue.Create(number) : JsonValue.Create(long.Parse(source, CultureInfo.InvariantCulture));
            return new LiteralExpression(source, value);
        }

        private CallExpression ParseCall(int start, string name)
        {
            if (!Functions.TryGetValue(name, out var arity))
            {
                throw Error($"unknown function '{name}' (supported: {string.Join(", ", Functions.Keys)})");
            }

            position++; // (
            var arguments = new List<TemplateExpression>();
            SkipSpaces();
            if (Peek() != ')')
            {
                while (true)
                {
                    arguments.Add(ParseExpression());
                    SkipSpaces();
                    if (Peek() == ',')
                    {
                        position++;
                        continue;
                    }

                    break;
                }
            }

            if (Peek() != ')')
            {
                throw Error($"expected ')' in call of '{name}'");
            }

            position++;
            if (arguments.Count < arity.Min || arguments.Count > arity.Max)
            {
                throw Error($"function '{name}' takes {arity.Min}..{arity.Max} arguments, got {arguments.Count}");
            }

            return new CallExpression(text[start..position], name, arguments);
        }

        private PathExpression ParsePath(int start, string first)
        {
            if (first.StartsWith('$') && first is not ("$root" or "$data" or "$index"))
            {
                throw Error($"unsupported name '{first}' (supported: $root, $data, $index)");
            }

            var segments = new List<PathSegment> { new(first, null) };
            while (true)
            {
                if (Peek() == '.')
                {
                    position++;
                    segments.Add(new PathSegment(ReadName(), null));
                }
                else if (Peek() == '[')
                {
                    position++;
                    var digitsStart = position;
                    while (char.IsAsciiDigit(Peek()))
                    {
                        position++;
                    }

                    if (position == digitsStart || Peek() != ']')
                    {
                        throw Error("an array index must be a non-negative integer in [ ]");
                    }

                    segments.Add(new PathSegment(null, int.Parse(text[digitsStart..position], CultureInfo.InvariantCulture)));
                    position++;
                }
                else
                {
                    break;
                }
            }

            return new PathExpression(text[start..position], segments);
        }

        private string ReadName()
        {
            var start = position;
            if (Peek() == '$')
            {
                position++;
            }

            while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '_')
            {
                position++;
            }

            if (position == start || char.IsAsciiDigit(text[start]))
            {
                throw Error($"expected a name, a literal or a function call, found '{Peek()}'");
            }

            return text[start..position];
        }

        private CardTemplateException Error(string message) =>
            new($"{message} at position {position} in \"{text}\"");
    }
}
