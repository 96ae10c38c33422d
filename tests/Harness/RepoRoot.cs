namespace PartnershipBot.Tests.Harness;

/// <summary>Finds the repository root: the folder above the test binaries that holds PartnershipBot.sln.</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnershipBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PartnershipBot.sln found above {AppContext.BaseDirectory}.");
    }
}
