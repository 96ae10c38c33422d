using System.Globalization;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Turns;

namespace PartnershipBot.Documents.Downloads;

/// <summary>"Download as Word" on a card: a one-use link for the person who pressed it, or "not allowed".</summary>
internal sealed class DownloadHandler(DocumentDownloads downloads, PaperDelivery delivery, CardRenderer renderer, IHttpContextAccessor http, TimeProvider time)
{
    private const string NotAllowedText = "You can download only the papers you may read: your own proposals and reviews, and those you are asked to decide on or report on.";

    /// <summary>Card data: which kind of paper, and which one.</summary>
    public const string KindField = "kind";
    public const string SubjectField = "subjectId";

    public async Task<JsonObject> DownloadAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var kind = action.GetString(KindField) ?? "";
        var subject = action.GetString(SubjectField) ?? "";
        if (http.HttpContext?.Request is not { } request)
        {
            return renderer.Render(new ErrorView("Not allowed", NotAllowedText));
        }

        var root = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        if (downloads.IsPreparedInBackground(kind))
        {
            // A large paper is never made inside a turn (Teams waits 15 s at most): it is made in the background and sent.
            if (!await downloads.MayReadAsync(turn.Caller, kind, subject, cancellationToken))
            {
                return renderer.Render(new ErrorView("Not allowed", NotAllowedText));
            }

            await delivery.EnqueueAsync(turn.Caller, kind, subject, root, turn.Activity.Id ?? Guid.NewGuid().ToString("N"), cancellationToken);
            return renderer.Render(new PaperPreparingView(DocumentTitles.Of(kind)));
        }

        var link = await downloads.IssueAsync(turn.Caller, kind, subject, root, cancellationToken);
        if (link is null)
        {
            return renderer.Render(new ErrorView("Not allowed", NotAllowedText));
        }

        var local = TimeZoneInfo.ConvertTime(link.ExpiresAt, time.LocalTimeZone);
        return renderer.Render(new DownloadReadyView(DocumentTitles.Of(kind), link.Url.AbsoluteUri, local.ToString("HH:mm", CultureInfo.InvariantCulture),
            DownloadReadyView.MadeWhenOpenedText(DocumentTitles.FormatOf(kind))));
    }
}

/// <summary>The kinds of paper, as card data and download grants name them.</summary>
internal static class DocumentKinds
{
    public const string Proposal = "proposal";
    public const string Review = "review";
    public const string AuditCommittee = "audit-committee";
    public const string SpecificReview = "specific-review";
    public const string AuditSpreadsheet = "audit-xlsx";
    public const string AuditCsv = "audit-csv";
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
        DocumentKinds.AuditSpreadsheet => "The Audit Committee report spreadsheet (.xlsx)",
        DocumentKinds.AuditCsv => "The Audit Committee report as CSV",
        _ => "The document",
    };

    /// <summary>What kind of file it is, for people deciding whether to open it on a phone.</summary>
    public static string FormatOf(string kind) => kind switch
    {
        DocumentKinds.AuditSpreadsheet => "Excel spreadsheet (.xlsx)",
        DocumentKinds.AuditCsv => "CSV file (.csv)",
        _ => "Word document (.docx)",
    };
}
