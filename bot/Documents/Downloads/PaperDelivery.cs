using System.Globalization;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Notifications;

namespace PartnershipBot.Documents.Downloads;

/// <summary>
/// Large papers (<see cref="IDocumentSource.PreparedInBackground"/>) reach people in the background: the turn only
/// writes a chat card to the outbox and answers "preparing"; the outbox dispatcher, when it sends that card, makes the
/// paper, keeps it with a one-use link for the person who asked (checked again then), and sends the card with the link.
/// So a paper that takes long never holds a turn, is made once per press even across restarts (the outbox's
/// idempotency key is the press's activity id), and a failure is retried like any other delivery.
/// </summary>
internal sealed partial class PaperDelivery(
    DocumentDownloads downloads,
    IOutbox outbox,
    CardRenderer renderer,
    TimeProvider time,
    ILogger<PaperDelivery> logger) : IChatCardContent
{
    /// <summary>Topic of a paper's delivery card: "paper:{kind}:{subject}".</summary>
    public const string TopicPrefix = "paper:";

    /// <summary>Asks for the paper to be made and sent to the caller's chat; the turn goes on at once.</summary>
    public Task EnqueueAsync(Caller caller, string kind, string subjectId, Uri requestBase, string activityId, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["kind"] = kind,
            ["subjectId"] = subjectId,
            ["tenantId"] = caller.TenantId,
            ["name"] = caller.Name,
            ["base"] = requestBase.AbsoluteUri,
        };
        var message = new OutboxMessage
        {
            IdempotencyKey = $"{TopicPrefix}{caller.Id}:{activityId}",
            Kind = OutboxKind.ChatCard,
            RecipientId = caller.Id,
            Topic = TopicPrefix + kind + ":" + subjectId,
            Body = DocumentTitles.Of(kind) + " is ready to download.",
            // Never sent as it is: CurrentAsync below always gives the card to send for this topic.
            Payload = new JsonObject { ["paperRequest"] = request },
        };
        return outbox.EnqueueAsync([message], cancellationToken);
    }

    /// <summary>The card to send for a paper's delivery: made now, with its link; or why there is none.</summary>
    public async Task<JsonObject?> CurrentAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Topic?.StartsWith(TopicPrefix, StringComparison.Ordinal) != true
            || message.Payload?["paperRequest"] is not JsonObject request)
        {
            return null;
        }

        var kind = (string?)request["kind"] ?? "";
        var caller = new Caller(message.RecipientId, (string?)request["tenantId"] ?? "", (string?)request["name"] ?? "");
        DownloadLink? link;
        try
        {
            link = await downloads.PrepareAsync(caller, kind, (string?)request["subjectId"] ?? "", new Uri((string?)request["base"] ?? "http://localhost/"), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A paper that cannot be made would fail the same way on every retry: say so instead of retrying.
            LogPaperFailed(logger, ex, kind, message.IdempotencyKey);
            return renderer.Render(new ErrorView("The paper could not be prepared",
                $"{DocumentTitles.Of(kind)} could not be made just now. Press \"Download as Word\" again in a while; if it keeps failing, tell the People and Policy Manager."));
        }

        if (link is null)
        {
            return renderer.Render(new ErrorView("Not allowed", "That paper is no longer one you may read, or it no longer exists."));
        }

        var expires = TimeZoneInfo.ConvertTime(link.ExpiresAt, time.LocalTimeZone).ToString("HH:mm", CultureInfo.InvariantCulture);
        return renderer.Render(new DownloadReadyView(DocumentTitles.Of(kind), link.Url.AbsoluteUri, expires, DownloadReadyView.PreparedText(DocumentTitles.FormatOf(kind))));
    }

    [LoggerMessage(EventId = 8110, Level = LogLevel.Error, Message = "Could not prepare the paper {Kind} for delivery {Key}")]
    private static partial void LogPaperFailed(ILogger logger, Exception exception, string kind, string key);
}
