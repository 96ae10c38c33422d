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

/// <summary>The kinds of paper, as card data and download grants name them.</summary>
internal static class DocumentKinds
{
    public const string Proposal = "proposal";
    public const string Review = "review";
    public const string AuditCommittee = "audit-committee";
    public const string SpecificReview = "specific-review";
}

/// <summary>What each kind of paper is called on cards.</summary>
internal static class DocumentTitles
{
    public static string Of(string kind) => kind switch
    {
        DocumentKinds.Proposal => "The new-partnership proposal",
        DocumentKinds.Review => "The review report to SMT",
        DocumentKinds.AuditCommittee => "The Audit Committee summary",
        DocumentKinds.SpecificReview => "The specific partnership review report",
        _ => "The document",
    };
}
