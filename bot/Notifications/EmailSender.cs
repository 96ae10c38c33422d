using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.SendMail;
using PartnershipBot.People;

namespace PartnershipBot.Notifications;

/// <summary>E-mail through Graph sendMail from the service mailbox; the address comes from the directory, never from the message.</summary>
internal sealed class EmailSender(GraphAccess graph, IPeopleDirectory people) : INotificationSender
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

        var body = new SendMailPostRequestBody
        {
            Message = new Message
            {
                Subject = message.Subject,
                Body = new ItemBody { ContentType = BodyType.Html, Content = EmailHtml.Document(message.Body, TeamsLinks.BotChat(graph.Options.BotAppId)) },
                ToRecipients = [new Recipient { EmailAddress = new EmailAddress { Address = address, Name = person.DisplayName } }],
                Attachments = message.Attachments.Count == 0 ? null : message.Attachments
                    .Select(a => (Attachment)new FileAttachment { Name = a.Name, ContentType = a.ContentType, Size = a.Content.Length, ContentBytes = a.Content })
                    .ToList(),
            },
            SaveToSentItems = true,
        };
        await graph.Client.Users[mailbox].SendMail.PostAsync(body,
            r => r.Headers.Add("client-request-id", GraphAccess.RequestId(message.IdempotencyKey)), cancellationToken);
        return DeliveryResult.Delivered();
    }
}
