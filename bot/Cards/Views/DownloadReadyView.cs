namespace PartnershipBot.Cards.Views;

/// <summary>A one-use download link to a paper made for the person who asked; <see cref="MadeText"/> says what it is and when it is made.</summary>
internal sealed record DownloadReadyView(string DocumentTitle, string Url, string ExpiresAtText, string MadeText)
{
    /// <summary>For a paper made as its link is opened.</summary>
    public static string MadeWhenOpenedText(string format) => $"{format}, made when you open the link so it is up to date.";

    /// <summary>For a paper made in the background before this card was sent.</summary>
    public static string PreparedText(string format) => $"{format}, prepared for you just now.";
}

/// <summary>"Download as Word" on a large paper: it is being made in the background and will arrive in this chat.</summary>
internal sealed record PaperPreparingView(string DocumentTitle);
