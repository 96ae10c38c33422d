using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnershipBot.Bench.Bot;
using PartnershipBot.Bench.Play;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Robustness;

/// <summary>
/// Lets the load generator's journeys run against the in-process harness: activities are posted to the harness's
/// client (with a channel token when the bot checks them), and message replies are read at a
/// <see cref="StubConnector"/> named as the serviceUrl.
/// </summary>
internal sealed class HarnessChannel(BotHarness bot, StubConnector connector) : IBotChannel
{
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReplyGrace = TimeSpan.FromSeconds(2);

    public async Task<TurnOutcome> SayAsync(TeamsActivities user, JsonObject message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TurnTimeout);
        var reply = connector.NextAsync(user.ConversationId, timeout.Token);
        try
        {
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
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TurnOutcome.Failed(0, "message: no reply in time");
        }
        finally
        {
            await timeout.CancelAsync();
        }
    }

    public async Task<TurnOutcome> InvokeAsync(TeamsActivities user, JsonObject invoke, CancellationToken cancellationToken)
    {
        using var response = await PostAsync(invoke, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if ((int)response.StatusCode != 200 || text.Length == 0)
        {
            return TurnOutcome.Failed((int)response.StatusCode, $"invoke got HTTP {(int)response.StatusCode}: {text}");
        }

        using var body = JsonDocument.Parse(text);
        if (body.RootElement.TryGetProperty("value", out var card) && card.ValueKind == JsonValueKind.Object)
        {
            return new TurnOutcome(200, card.Clone(), null, null);
        }

        // A result that is not the clicked card's next step (an error, a detail) comes as a new message, sent before
        // the invoke is answered: it is already waiting at the connector, as Teams would show it below the card.
        if (card.ValueKind == JsonValueKind.String && card.GetString() == PartnershipBot.Cards.CardReply.NewMessageNote)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ReplyGrace);
            try
            {
                var sent = await connector.NextAsync(user.ConversationId, timeout.Token);
                return new TurnOutcome(200, sent.Card, sent.Text, null);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return TurnOutcome.Failed(200, "invoke said the result was a new message, but none arrived");
            }
        }

        return TurnOutcome.Failed(200, "invoke response is not a card: " + text);
    }

    /// <summary>Posts an activity with a valid channel token when the bot checks tokens.</summary>
    public Task<HttpResponseMessage> PostAsync(JsonObject activity, CancellationToken cancellationToken) =>
        PostRawAsync(activity.ToJsonString(), cancellationToken, bot.User("channel").ValidToken(activity));

    /// <summary>Posts any body as an activity would be posted, with the given token or none.</summary>
    public Task<HttpResponseMessage> PostRawAsync(string body, CancellationToken cancellationToken, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return bot.Client.SendAsync(request, cancellationToken);
    }
}
