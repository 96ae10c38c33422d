namespace PartnershipBot.Cards;

/// <summary>Text shaping for card views. Shortening is for display only: stored answers are never cut.</summary>
internal static class CardText
{
    private const char Ellipsis = '\u2026';

    /// <summary>
    /// Returns text of at most <paramref name="max"/> characters: unchanged when it fits, otherwise cut at a word
    /// boundary where one is near, with "…" appended. Never splits a surrogate pair.
    /// </summary>
    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1; // room for the ellipsis
        if (char.IsLowSurrogate(text[cut]))
        {
            cut--;
        }

        var space = text.LastIndexOfAny([' ', '\n', '\r', '\t'], cut);
        if (space >= max / 2)
        {
            cut = space; // prefer a word boundary if it does not throw away too much
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(), Ellipsis.ToString());
    }
}
