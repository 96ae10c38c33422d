using PartnershipBot.Hosting;
using PartnershipBot.Tests.Harness;
using PartnershipBot.Turns;

namespace PartnershipBot.Tests.Manifest;

/// <summary>The manifest's command list and the bot's router stay in step.</summary>
public sealed class ManifestRouterSyncTests
{
    /// <summary>Commands the bot understands but does not advertise in the Teams command menu, and why.</summary>
    private static readonly Dictionary<string, string> Unadvertised = new()
    {
        ["cancel"] = "only meaningful while a draft is open; offered on the cards",
        ["outbox"] = "People and Policy Manager administration",
        ["backup"] = "operators' online backup of the LiteDB file (People and Policy Manager and Notifications:AdminUserIds)",
        ["review programme"] = "People and Policy Manager administration (planning the three-yearly reviews)",
        ["divisional head"] = "asked for by the bot only when Graph knows no manager for the submitter",
        ["reopen"] = "offered on the message telling a submitter that changes were requested",
        ["review programme"] = "People and Policy Manager planning of the three-yearly reviews, once a year",
        ["withdraw"] = "offered on the Submitted card (Withdraw the proposal)",
        ["audit reviews"] = "Audit & Performance Management team work; on the A&PM menu",
        ["specific reviews"] = "Audit & Performance Management team work; on the A&PM menu",
        ["committee"] = "Audit & Performance Management team and PPM work (committee records); offered on every partnership card as Committee comments",
    };

    [Fact]
    public void EveryManifestCommand_IsRoutedByTheBot()
    {
        var router = TurnRoutes.Build();
        foreach (var title in ManifestFile.ReadCommandTitles(RepoRoot.Find()))
        {
            Assert.True(router.FindCommand(title) is not null, $"The manifest offers \"{title}\" but the bot does not route it.");
        }
    }

    [Fact]
    public void EveryRoutedCommand_IsInTheManifestOrDeliberatelyUnadvertised()
    {
        var titles = ManifestFile.ReadCommandTitles(RepoRoot.Find()).Select(TurnRouter.Normalize).ToHashSet();
        foreach (var (command, _) in TurnRoutes.Build().Commands)
        {
            Assert.True(titles.Contains(command) || Unadvertised.ContainsKey(command),
                $"The bot routes \"{command}\" but the manifest's command list does not show it.");
        }
    }
}
