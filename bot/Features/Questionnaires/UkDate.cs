using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnershipBot.Features.Questionnaires;

/// <summary>
/// Dates as UK officers write them and as every card shows them. Cards show one format, "1 April 2027"; typed
/// answers may be "1 April 2027", "1 Apr 2027", "1st April 2027", "01/04/2027", "1/4/27", "1.4.2027" or ISO
/// "2027-04-01" (what Input.Date sends). Day before month always: 01/04/2027 is 1 April, never 4 January.
/// </summary>
internal static partial class UkDate
{
    public static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "d/M/yyyy", "d/M/yy", "d.M.yyyy", "d-M-yyyy", "d MMMM yyyy", "d MMM yyyy", "d MMMM yy", "d MMM yy",
    ];

    /// <summary>The council's clock: times on cards and in e-mails are UK time (GMT or BST), whatever the server's zone.</summary>
    public static readonly TimeZoneInfo UkTime = FindUkTime();

    /// <summary>The one format cards, e-mails and papers show a date in: "1 April 2027".</summary>
    public static string Format(DateOnly date) => date.ToString("d MMMM yyyy", EnGb);

    /// <summary>The one format of a moment: "1 April 2027, 06:55", UK time.</summary>
    public static string Format(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, UkTime).ToString("d MMMM yyyy, HH:mm", EnGb);

    /// <summary>The UK day of a moment, as <see cref="Format(DateOnly)"/> shows it.</summary>
    public static string Day(DateTimeOffset at) => Format(Today(at));

    /// <inheritdoc cref="Format(DateOnly)"/>
    public static string Day(DateOnly date) => Format(date);

    /// <summary><see cref="Format(DateTimeOffset)"/>, or "" when there is no moment.</summary>
    public static string FormatOrEmpty(DateTimeOffset? at) => at is { } a ? Format(a) : "";

    /// <summary><see cref="Day(DateTimeOffset)"/>, or "" when there is no moment.</summary>
    public static string DayOrEmpty(DateTimeOffset? at) => at is { } a ? Day(a) : "";

    /// <summary>The UK calendar day of a moment (a proposal at 00:30 BST on 1 April is dated 1 April, not 31 March).</summary>
    public static DateOnly Today(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, UkTime).DateTime);

    /// <summary>A stored ISO date as cards show it; anything else unchanged.</summary>
    public static string Display(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Format(d) : value;

    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        // "1st April, 2027" → "1 April 2027"; "Sept" is the one common abbreviation .NET does not know.
        var cleaned = Spaces().Replace(Ordinal().Replace(text.Trim().Replace(",", " "), "$1"), " ").Trim();
        cleaned = Regex.Replace(cleaned, @"\bSept\b", "Sep", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        return DateOnly.TryParseExact(cleaned, Formats, EnGb, DateTimeStyles.AllowWhiteSpaces, out date);
    }

    private static TimeZoneInfo FindUkTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc; // a machine without time zone data: GMT all year, an hour out in summer at worst
        }
    }

    [GeneratedRegex(@"\b(\d{1,2})(st|nd|rd|th)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
