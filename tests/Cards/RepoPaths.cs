using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Cards;

/// <summary>The card tests' folders of the repository.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = RepoRoot.Find();

    public static string Cards => Path.Combine(Root, "cards");

    public static string Node => Path.Combine(Root, "tests", "Cards", "node");
}
