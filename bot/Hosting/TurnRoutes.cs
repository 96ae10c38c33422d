using PartnershipBot.Features.Welcome;
using PartnershipBot.Notifications;
using PartnershipBot.Turns;

namespace PartnershipBot.Hosting;

/// <summary>Every command and card verb the bot understands, and the feature that handles it: the bot's table of contents.</summary>
internal static class TurnRoutes
{
    public static TurnRouter Build() => new TurnRouter()
        .Welcome((turn, ct) => turn.Get<WelcomeHandler>().ShowAsync(turn, ct))
        .Command("help", "What I can do", (turn, _, ct) => turn.Get<WelcomeHandler>().ShowAsync(turn, ct))
        .Command("outbox", "Undelivered notifications; \"outbox retry <id>\" sends one again (People and Policy Manager only)",
            (turn, arguments, ct) => turn.Get<OutboxCommands>().HandleAsync(turn, arguments, ct))
        .Unknown((turn, _, ct) => turn.Get<WelcomeHandler>().ShowAsync(turn, ct));
}
