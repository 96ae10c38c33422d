namespace PartnershipBot.Tests.Cards;

/// <summary>Folders of the repository, found by walking up from the test binaries to PartnershipBot.sln.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Cards => Path.Combine(Root, "cards");

    public static string Node => Path.Combine(Root, "tests", "Cards", "node");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnershipBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"PartnershipBot.sln not found above {AppContext.BaseDirectory}");
    }
}
