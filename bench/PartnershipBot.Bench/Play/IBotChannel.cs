using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnershipBot.Bench.Play;

/// <summary>
/// How a simulated user reaches the bot: a message is answered at the (stub) Bot Connector, an invoke in its
/// HTTP response. The load generator talks to a bot process; the robustness tests to the in-process harness.
/// </summary>
internal interface IBotChannel
{
    /// <summary>Posts a message and waits for both the HTTP acknowledgement and the bot's reply at the connector.</summary>
    Task<TurnOutcome> SayAsync(TeamsActivities user, JsonObject message, CancellationToken cancellationToken);

    /// <summary>Posts an adaptiveCard/action invoke; the outcome carries the card from its response.</summary>
    Task<TurnOutcome> InvokeAsync(TeamsActivities user, JsonObject invoke, CancellationToken cancellationToken);
}

/// <summary>What one turn came back with: an HTTP status and the card (or text) the user now sees, or why it failed.</summary>
internal sealed record TurnOutcome(int Status, JsonElement? Card, string? Text, string? Error)
{
    public bool Succeeded => Error is null && Status == 200;

    public static TurnOutcome Failed(int status, string error) => new(status, null, null, error);
}
