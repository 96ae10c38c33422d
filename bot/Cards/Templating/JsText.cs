using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnershipBot.Cards.Templating;

/// <summary>Converts JSON values to text the way JavaScript's toString does, so interpolated strings match the JS library.</summary>
internal static class JsText
{
    /// <summary>JS `value.toString()`; null means the JS library would throw (it cannot call toString on null).</summary>
    public static string? ToText(JsonNode? value) => value switch
    {
        null => null,
        JsonArray array => JoinArray(array, ","),
        JsonObject => "[object Object]",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => FormatNumber(ToNumber(value)),
            _ => null,
        },
    };

    /// <summary>The value of a JSON number node, whatever CLR type backs it.</summary>
    public static double ToNumber(JsonNode number) =>
        double.Parse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>JS `Array.prototype.join`: null items become empty strings.</summary>
    public static string JoinArray(JsonArray array, string separator) =>
        string.Join(separator, array.Select(item => item is null ? "" : ToText(item) ?? ""));

    /// <summary>JS Number.prototype.toString for finite numbers (shortest round-trip digits, JS exponent rules).</summary>
    public static string FormatNumber(double number)
    {
        if (double.IsNaN(number))
        {
            return "NaN";
        }

        if (double.IsInfinity(number))
        {
            return number > 0 ? "Infinity" : "-Infinity";
        }

        if (number == 0)
        {
            return "0";
        }

        // "E16" is not shortest; "R" is, but its layout differs from JS, so take its digits and exponent and re-lay them out.
        var roundTrip = Math.Abs(number).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = roundTrip.IndexOf('E');
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.');
        var digits = (dot < 0 ? mantissa : mantissa.Remove(dot, 1)).TrimStart('0');
        var leadingZeros = (dot < 0 ? mantissa : mantissa.Remove(dot, 1)).Length - digits.Length;
        var pointAt = (dot < 0 ? mantissa.Length : dot) + exponent - leadingZeros; // value = 0.digits * 10^pointAt
        digits = digits.TrimEnd('0');
        var k = digits.Length;
        var sign = number < 0 ? "-" : "";

        if (k <= pointAt && pointAt <= 21)
        {
            return sign + digits + new string('0', pointAt - k);
        }

        if (0 < pointAt && pointAt <= 21)
        {
            return sign + digits[..pointAt] + "." + digits[pointAt..];
        }

        if (-6 < pointAt && pointAt <= 0)
        {
            return sign + "0." + new string('0', -pointAt) + digits;
        }

        var e = pointAt - 1;
        var exponentText = (e >= 0 ? "+" : "-") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        return sign + digits[..1] + (k > 1 ? "." + digits[1..] : "") + "e" + exponentText;
    }
}
