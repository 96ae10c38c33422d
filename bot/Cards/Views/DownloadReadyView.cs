namespace PartnershipBot.Cards.Views;

/// <summary>A one-use download link to a Word document made for the person who asked.</summary>
internal sealed record DownloadReadyView(string DocumentTitle, string Url, string ExpiresAtText);
