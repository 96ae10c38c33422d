using System.Globalization;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Turns;

namespace PartnershipBot.Documents.Downloads;

/// <summary>"Download as Word" on a card: a one-use link for the person who pressed it, or "not allowed".</summary>
internal sealed class DownloadHandler(DocumentDownloads downloads, CardRenderer renderer, IHttpContextAccessor http, TimeProvider time)
{
    /// <summary>Card data: which kind of paper, and which one.</summary>
    public const string KindField = "kind";
    public const string SubjectField = "subjectId";

    public async Task<JsonObject> DownloadAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var kind = action.GetString(KindField) ?? "";
        var subject = action.GetString(SubjectField) ?? "";
        var link = http.HttpContext?.Request is { } request
            ? await downloads.IssueAsync(turn.Caller, kind, subject, new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/"), cancellationToken)
            : null;
        if (link is null)
        {
            return renderer.Render(new ErrorView("Not allowed", "You can download only the papers you may read: your own proposals and reviews, and those you are asked to decide on or report on."));
        }

        var local = TimeZoneInfo.ConvertTime(link.ExpiresAt, time.LocalTimeZone);
        return renderer.Render(new DownloadReadyView(DocumentTitles.Of(kind), link.Url.AbsoluteUri, local.ToString("HH:mm", CultureInfo.InvariantCulture)));
    }
}

/// <summary>What each kind of paper is called on cards.</summary>
internal static class DocumentTitles
{
    public static string Of(string kind) => kind switch
    {
        "proposal" => "The new-partnership proposal",
        "review" => "The review report to SMT",
        "audit-committee" => "The Audit Committee summary",
        "specific-review" => "The specific partnership review report",
        _ => "The document",
    };
}
