using PartnershipBot.Features.Partnerships;
using PartnershipBot.Notifications;

namespace PartnershipBot.Documents.Downloads;

/// <summary>
/// Makes an e-mail's papers when the outbox dispatcher sends it: for the recipient, by the paper's own read rule
/// (checked then, not when the e-mail was queued), within Graph's inline attachment limit.
/// </summary>
internal sealed partial class EmailPaperMaker(DocumentDownloads downloads, ILogger<EmailPaperMaker> logger) : IEmailPapers
{
    public async Task<EmailPaperResult> MakeAsync(string recipientId, EmailPaper paper, CancellationToken cancellationToken)
    {
        var title = DocumentTitles.Of(paper.Kind);
        var document = await downloads.GenerateAsync(new Caller(recipientId, paper.TenantId, ""), paper.Kind, paper.SubjectId, cancellationToken);
        if (document is null)
        {
            LogNotReadable(logger, paper.Kind, recipientId);
            return new EmailPaperResult(null, $"{title} is not attached: it is no longer one you may read, or it no longer exists.");
        }

        if (document.Content.Length > EmailAttachment.MaxInlineBytes)
        {
            // Graph takes larger files only through an upload session; the paper stays one click away in Teams.
            LogTooLarge(logger, paper.Kind, document.Content.Length);
            return new EmailPaperResult(null, $"{title} ({document.Content.Length / 1024:N0} KB) is too large to attach: use \"Download as Word\" on the card in Teams.");
        }

        return new EmailPaperResult(new EmailAttachment(document.FileName, document.ContentType, document.Content), null);
    }

    [LoggerMessage(8120, LogLevel.Information, "Paper {Kind} not attached for {RecipientId}: not readable by them, or gone")]
    private static partial void LogNotReadable(ILogger logger, string kind, string recipientId);

    [LoggerMessage(8121, LogLevel.Warning, "Paper {Kind} of {Bytes} bytes is too large to attach to an e-mail")]
    private static partial void LogTooLarge(ILogger logger, string kind, int bytes);
}
