using System.Text;
using Microsoft.Extensions.Options;
using PartnershipBot.People;
using PartnershipBot.Turns;

namespace PartnershipBot.Notifications;

/// <summary>"outbox" lists dead-lettered notifications and "outbox retry &lt;id&gt;" sends one again; for the PPM (and other configured admins) only.</summary>
internal sealed class OutboxCommands(
    IOutboxStore outbox,
    IPeopleDirectory people,
    IOptions<NotificationsOptions> options,
    IOptions<GraphOptions> graph,
    TimeProvider time,
    ILogger<OutboxCommands> logger)
{
    public const string NotAllowedText = "Sorry, only the People and Policy Manager can see and retry undelivered notifications.";
    private const int MaxSkippedListed = 10;

    public const string NothingText = "All notifications have been delivered: nothing is waiting in the dead-letter list.";
    public const string UsageText = "Type \"outbox\" to list undelivered notifications, or \"outbox retry <id>\" to send one again.";

    public async Task HandleAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (!IsAdmin(turn))
        {
            await turn.SendTextAsync(NotAllowedText, cancellationToken);
            return;
        }

        var words = arguments.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var reply = words switch
        {
            [] => await ListAsync(cancellationToken),
            [var verb, var id] when verb.Equals("retry", StringComparison.OrdinalIgnoreCase) => await RetryAsync(turn, id, cancellationToken),
            _ => UsageText,
        };
        await turn.SendTextAsync(reply, cancellationToken);
    }

    private bool IsAdmin(TurnContext turn) => Admins.Allow(turn, options.Value, graph.Value);

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var dead = await outbox.DeadLettersAsync(cancellationToken);
        // Skipped messages were never sent (the bot is not set up for them): listed as such, never as delivered.
        var skipped = await outbox.SkippedAsync(cancellationToken);
        if (dead.Count == 0 && skipped.Count == 0)
        {
            return NothingText;
        }

        var text = new StringBuilder();
        if (dead.Count > 0)
        {
            text.Append($"**{dead.Count} undelivered notification{(dead.Count == 1 ? "" : "s")}:**\n\n");
            foreach (var message in dead)
            {
                var recipient = await NameOfAsync(message.RecipientId, cancellationToken);
                text.Append($"- **{OutboxRules.ShortRef(message.IdempotencyKey)}**: {Describe(message.Kind)} to {recipient}, ")
                    .Append($"\"{message.Subject ?? "(no subject)"}\", {message.Attempts} attempts, last error: {message.LastError ?? "none recorded"}\n");
            }

            text.Append("\nType \"outbox retry <id>\" to send one again.\n\n");
        }
        else
        {
            text.Append("Nothing is waiting in the dead-letter list.\n\n");
        }

        if (skipped.Count > 0)
        {
            text.Append($"**{skipped.Count} notification{(skipped.Count == 1 ? " was" : "s were")} not sent (skipped) because the bot is not set up for {(skipped.Count == 1 ? "it" : "them")}**")
                .Append(skipped.Count > MaxSkippedListed ? $", the latest {MaxSkippedListed}:\n\n" : ":\n\n");
            foreach (var message in skipped.OrderByDescending(m => m.CreatedAt).Take(MaxSkippedListed))
            {
                var recipient = await NameOfAsync(message.RecipientId, cancellationToken);
                text.Append($"- {Describe(message.Kind)} to {recipient}, \"{message.Subject ?? "(no subject)"}\": {message.LastError ?? "no reason recorded"}\n");
            }
        }

        return text.ToString().TrimEnd();
    }

    private async Task<string> RetryAsync(TurnContext turn, string id, CancellationToken cancellationToken)
    {
        var dead = await outbox.DeadLettersAsync(cancellationToken);
        var match = dead.FirstOrDefault(m => m.IdempotencyKey == id || OutboxRules.ShortRef(m.IdempotencyKey).Equals(id, StringComparison.OrdinalIgnoreCase));
        if (match is null || !await outbox.RequeueAsync(match.IdempotencyKey, time.GetUtcNow(), cancellationToken))
        {
            return $"There is no undelivered notification {id}. Type \"outbox\" to see the list.";
        }

        NotificationsLog.Requeued(logger, match.IdempotencyKey, turn.UserId);
        return $"Notification {OutboxRules.ShortRef(match.IdempotencyKey)} will be sent again now.";
    }

    private async Task<string> NameOfAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            return (await people.GetPersonAsync(userId, cancellationToken))?.DisplayName ?? userId;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The directory may be what is failing: the list is still worth showing.
            return userId;
        }
    }

    private static string Describe(OutboxKind kind) => kind switch
    {
        OutboxKind.Email => "E-mail",
        OutboxKind.ActivityFeed => "Teams activity",
        _ => "Chat card",
    };
}
