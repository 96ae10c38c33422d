using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnershipBot.Bench.Play;

namespace PartnershipBot.Bench.Bot;

/// <summary>Reaches a bot process over HTTP, as Teams does; message replies are read at the <see cref="StubConnector"/>.</summary>
internal sealed class HttpBotChannel(HttpClient http, Func<Uri> messagesUrl, StubConnector connector, TimeSpan turnTimeout) : IBotChannel
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private static readonly TimeSpan ReplyGrace = TimeSpan.FromSeconds(2);

    /// <summary>The bot's invoke answer when the result is shown as a new message (bot/Cards/CardReply.cs).</summary>
    private const string NewMessageNote = "Shown in a new message below.";

    public async Task<TurnOutcome> SayAsync(TeamsActivities user, JsonObject message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(turnTimeout);
        try
        {
            var reply = connector.NextAsync(user.ConversationId, timeout.Token);
            using var response = await PostAsync(message, timeout.Token);
            if ((int)response.StatusCode != 200)
            {
                return TurnOutcome.Failed((int)response.StatusCode, $"message got HTTP {(int)response.StatusCode}");
            }

            // The bot replies before it answers the POST: a reply not there soon after was lost (the connector refused it).
            timeout.CancelAfter(ReplyGrace);
            var sent = await reply;
            return new TurnOutcome(200, sent.Card, sent.Text, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return TurnOutcome.Failed(0, ex is OperationCanceledException ? "message: no reply in time" : "message: " + ex.Message);
        }
        finally
        {
            // Ends a wait for a reply that will not come, so the conversation's queue has one reader at a time.
            await timeout.CancelAsync();
        }
    }

    public async Task<TurnOutcome> InvokeAsync(TeamsActivities user, JsonObject invoke, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(turnTimeout);
        try
        {
            using var response = await PostAsync(invoke, timeout.Token);
            var status = (int)response.StatusCode;
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            if (status != 200 || bytes.Length == 0)
            {
                return TurnOutcome.Failed(status, $"invoke got HTTP {status}: {Shorten(System.Text.Encoding.UTF8.GetString(bytes))}");
            }

            using var body = JsonDocument.Parse(bytes);
            var root = body.RootElement;
            if (root.TryGetProperty("type", out var type) && type.GetString() == "application/vnd.microsoft.card.adaptive"
                && root.TryGetProperty("value", out var card))
            {
                return new TurnOutcome(200, card.Clone(), null, null);
            }

            // A result that is not the clicked card's next step comes as a new message, sent before the invoke is
            // answered (the bot's CardReply.NewMessageNote): it is already waiting at the connector.
            if (type.ValueKind == JsonValueKind.String && type.GetString() == "application/vnd.microsoft.activity.message"
                && root.TryGetProperty("value", out var note) && note.ValueKind == JsonValueKind.String && note.GetString() == NewMessageNote)
            {
                timeout.CancelAfter(ReplyGrace);
                var sent = await connector.NextAsync(user.ConversationId, timeout.Token);
                return new TurnOutcome(200, sent.Card, sent.Text, null);
            }

            return TurnOutcome.Failed(status, "invoke response is not a card: " + Shorten(root.GetRawText()));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return TurnOutcome.Failed(0, ex is OperationCanceledException ? "invoke: no response in time" : "invoke: " + ex.Message);
        }
    }

    private Task<HttpResponseMessage> PostAsync(JsonObject activity, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(activity));
        content.Headers.ContentType = Json;
        return http.PostAsync(messagesUrl(), content, cancellationToken);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
