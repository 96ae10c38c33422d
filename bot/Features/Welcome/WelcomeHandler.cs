using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Welcome;

/// <summary>
/// First contact, the menu and "help": what the bot does, the person's own role's actions first with what is waiting
/// for them, and their drafts to resume; help lists the commands they may type, by role.
/// </summary>
internal sealed class WelcomeHandler(IDraftStore drafts, JourneyCards cards, CallerRoleLookup roles, CardRenderer renderer, TurnRouter router)
{
    private const int NoticeEchoLength = 40;

    public async Task ShowAsync(TurnContext turn, CancellationToken cancellationToken) =>
        await turn.SendCardAsync(await CardAsync(turn, cancellationToken), cancellationToken);

    public Task<JsonObject> CardAsync(TurnContext turn, CancellationToken cancellationToken) => MenuAsync(turn, null, cancellationToken);

    /// <summary>"help": the commands this person may use, by role.</summary>
    public async Task HelpAsync(TurnContext turn, CancellationToken cancellationToken) =>
        await turn.SendCardAsync(await HelpCardAsync(turn, cancellationToken), cancellationToken);

    public async Task<JsonObject> HelpCardAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var who = await roles.ForAsync(turn.Caller, cancellationToken);
        var sections = HelpTopics.For(who)
            .Select(s => new HelpSectionView(s.Heading, s.Topics.Select(t => new HelpLineView(t.Typed, t.What)).ToList()))
            .ToList();
        return renderer.Render(new HelpView(who.Describe(), sections));
    }

    /// <summary>Text that is no command: the menu, with the closest command when there is one.</summary>
    public async Task UnknownAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        var echo = CardText.Shorten(TurnRouter.Normalize(text), NoticeEchoLength);
        var notice = CommandSuggestions.Closest(text, router.Commands.Select(c => c.Command)) is { } suggestion
            ? $"\"{echo}\" is not something I know. Did you mean \"{suggestion}\"? Type help for everything you can type."
            : echo.Length > 0 ? $"\"{echo}\" is not something I know. Choose below, or type help for everything you can type." : null;
        await turn.SendCardAsync(await MenuAsync(turn, notice, cancellationToken), cancellationToken);
    }

    private async Task<JsonObject> MenuAsync(TurnContext turn, string? notice, CancellationToken cancellationToken)
    {
        // A welcome may arrive without an Entra object id: then no roles and no drafts, just the menu.
        var who = turn.HasIdentity ? await roles.ForAsync(turn.Caller, cancellationToken) : new CallerRoles(false, false, 0, 0, 0);
        var view = new WelcomeView(turn.UserName, [], notice, who.Describe(), who.Waiting(), who.IsPpm, who.IsApm);
        return cards.Welcome(view, turn.HasIdentity ? await drafts.ListByOwnerAsync(turn.UserId, cancellationToken) : []);
    }
}
