using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.SendMail;
using PartnershipBot.People;

namespace PartnershipBot.Notifications;

/// <summary>E-mail through Graph sendMail from the service mailbox; the address comes from the directory, never from the message.</summary>
internal sealed class EmailSender(GraphAccess graph, IPeopleDirectory people, IEnumerable<IEmailPapers> paperMakers) : INotificationSender
{
    public OutboxKind Kind => OutboxKind.Email;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!graph.IsConfigured)
        {
            return DeliveryResult.Skip("Graph is not configured");
        }

        var mailbox = graph.Options.ServiceMailbox;
        if (string.IsNullOrWhiteSpace(mailbox))
        {
            return DeliveryResult.Skip("Graph:ServiceMailbox is not set");
        }

        var person = await people.GetPersonAsync(message.RecipientId, cancellationToken);
        if (person?.Mail is not { } address)
        {
            return DeliveryResult.NotReachable(person is null ? "Not found in the directory" : "Has no e-mail address in the directory");
        }

        var (papers, notes) = await PapersAsync(message, cancellationToken);
        var attachments = message.Attachments.Concat(papers).ToList();
        var body = new SendMailPostRequestBody
        {
            Message = new Message
            {
                Subject = message.Subject,
                Body = new ItemBody { ContentType = BodyType.Html, Content = EmailHtml.Document(message.Body + notes, TeamsLinks.BotChat(graph.Options.BotAppId)) },
                ToRecipients = [new Recipient { EmailAddress = new EmailAddress { Address = address, Name = person.DisplayName } }],
                Attachments = attachments.Count == 0 ? null : attachments
                    .Select(a => (Attachment)new FileAttachment { Name = a.Name, ContentType = a.ContentType, Size = a.Content.Length, ContentBytes = a.Content })
                    .ToList(),
            },
            SaveToSentItems = true,
        };
        await graph.Client.Users[mailbox].SendMail.PostAsync(body,
            r => r.Headers.Add("client-request-id", GraphAccess.RequestId(message.IdempotencyKey)), cancellationToken);
        return DeliveryResult.Delivered();
    }

    /// <summary>The message's papers, made now for its recipient; a paper that cannot be attached is said in the body instead.</summary>
    private async Task<(List<EmailAttachment> Attachments, string Notes)> PapersAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var attachments = new List<EmailAttachment>();
        var notes = new System.Text.StringBuilder();
        var maker = paperMakers.FirstOrDefault();
        foreach (var paper in message.Papers)
        {
            var result = maker is null
                ? new EmailPaperResult(null, "The Word paper could not be attached; use \"Download as Word\" in Teams.")
                : await maker.MakeAsync(message.RecipientId, paper, cancellationToken);
            if (result.Attachment is { } attachment)
            {
                attachments.Add(attachment);
            }

            if (result.Note is { Length: > 0 } note)
            {
                notes.Append("<p>").Append(System.Net.WebUtility.HtmlEncode(note)).Append("</p>");
            }
        }

        return (attachments, notes.ToString());
    }
}
