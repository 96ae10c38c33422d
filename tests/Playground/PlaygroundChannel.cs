using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnershipBot.Bench.Play;

namespace PartnershipBot.Tests.Playground;

/// <summary>
/// Lets the load generator's journey play through the Agents Playground: a message is typed into its chat and the
/// bot's reply read from its stream; a button press is an invoke on the card message the bot last sent.
/// The Playground, not the test, shapes the activities the bot receives.
/// </summary>
internal sealed class PlaygroundChannel(AgentsPlayground playground) : IBotChannel
{
    private static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(30);
    private string? _cardMessageId;

    public async Task<TurnOutcome> SayAsync(TeamsActivities user, JsonObject message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TurnTimeout);
        var sentAt = await playground.SendAsync(message["text"]!.GetValue<string>(), timeout.Token);
        var reply = await playground.NextFromBotAsync(sentAt, timeout.Token);
        if (reply.Card is not null)
        {
            _cardMessageId = reply.MessageId;
        }

        return new TurnOutcome(200, reply.Card, reply.Text, null);
    }

    public async Task<TurnOutcome> InvokeAsync(TeamsActivities user, JsonObject invoke, CancellationToken cancellationToken)
    {
        if (_cardMessageId is null)
        {
            return TurnOutcome.Failed(0, "no card in the chat to press a button on");
        }

        var action = invoke["value"]!["action"]!;
        var (status, body) = await playground.ExecuteAsync(
            _cardMessageId, action["verb"]!.GetValue<string>(), action["data"]!.DeepClone().AsObject(), cancellationToken);
        if (status != HttpStatusCode.OK || body.Length == 0)
        {
            return TurnOutcome.Failed((int)status, $"invoke through the Playground got HTTP {(int)status}: {body}");
        }

        using var response = JsonDocument.Parse(body);
        return response.RootElement.TryGetProperty("value", out var card) && card.ValueKind == JsonValueKind.Object
            ? new TurnOutcome(200, card.Clone(), null, null)
            : TurnOutcome.Failed(200, "the invoke response is not a card: " + body);
    }
}
