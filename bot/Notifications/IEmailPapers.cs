namespace PartnershipBot.Notifications;

/// <summary>What became of a paper for an e-mail: the file to attach, or a line for the e-mail saying why there is none.</summary>
internal sealed record EmailPaperResult(EmailAttachment? Attachment, string? Note);

/// <summary>
/// Makes the papers an e-mail carries (<see cref="OutboxMessage.Papers"/>) when it is sent. Implemented where papers
/// are made (Documents), so notifications do not depend on any feature's data.
/// </summary>
internal interface IEmailPapers
{
    Task<EmailPaperResult> MakeAsync(string recipientId, EmailPaper paper, CancellationToken cancellationToken);
}
