using PartnershipBot.Features.Journeys;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Welcome;

/// <summary>First contact and "help": what the bot does, a button per journey, and the user's drafts to resume.</summary>
internal sealed class WelcomeHandler(IDraftStore drafts, JourneyCards cards)
{
    public async Task ShowAsync(TurnContext turn, CancellationToken cancellationToken) =>
        await turn.SendCardAsync(await CardAsync(turn, cancellationToken), cancellationToken);

    public async Task<System.Text.Json.Nodes.JsonObject> CardAsync(TurnContext turn, CancellationToken cancellationToken) =>
        cards.Welcome(turn.UserName, turn.HasIdentity ? await drafts.ListByOwnerAsync(turn.UserId, cancellationToken) : []);
}
