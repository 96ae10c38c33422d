using PartnershipBot.Turns;

namespace PartnershipBot.Features.Welcome;

/// <summary>First contact and "help": what the bot does and how to start each journey.</summary>
internal sealed class WelcomeHandler
{
    public const string WelcomeText =
        "Hello, I'm PartnershipBot. I help you follow the council's Partnership Guidance:\n\n"
        + "- **new partnership**: answer the Questions for New Partnerships and the risk assessment, then send them for approval\n"
        + "- **assess <partnership>**: the Hallmarks of Effective Partnerships self-assessment\n"
        + "- **my partnerships**: the partnerships you lead, and what is due\n"
        + "- **register**: the register of partnerships\n"
        + "- **resume**: carry on with a draft\n"
        + "- **help**: this message";

    public Task ShowAsync(TurnContext turn, CancellationToken cancellationToken) =>
        turn.SendTextAsync(WelcomeText, cancellationToken);
}
