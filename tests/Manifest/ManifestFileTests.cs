using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Manifest;

public sealed class ManifestFileTests
{
    private readonly string _repoRoot = RepoRoot.Find();

    [Fact]
    public void ReadCommandTitles_RepositoryManifest_ListsTheBotsNineCommands()
    {
        var titles = ManifestFile.ReadCommandTitles(_repoRoot);

        Assert.Equal(["new partnership", "assess", "my partnerships", "register", "resume", "approvals", "my proposals", "help", "audit report"], titles);
    }

    [Fact]
    public void Commands_RepositoryManifest_FitTeamsLimitsAndAreDistinct()
    {
        var commands = ManifestFile.PersonalCommands(ManifestFile.Read(_repoRoot)).ToList();

        // Teams shows at most 10 commands per scope, titles up to 32 characters and descriptions up to 128.
        Assert.InRange(commands.Count, 1, 10);
        Assert.All(commands, c => Assert.InRange(((string)c["title"]!).Length, 1, 32));
        Assert.All(commands, c => Assert.InRange(((string)c["description"]!).Length, 1, 128));
        Assert.Equal(commands.Count, commands.Select(c => ((string)c["title"]!).ToLowerInvariant()).Distinct().Count());
    }

    [Fact]
    public void Bot_RepositoryManifest_IsConversationalInPersonalScopeWithoutFiles()
    {
        var bot = ManifestFile.Read(_repoRoot)["bots"]!.AsArray().Single()!;

        Assert.Equal(["personal"], bot["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.False((bool)bot["supportsFiles"]!);
        Assert.False((bool)bot["isNotificationOnly"]!);
    }

    [Fact]
    public void ActivityTypes_RepositoryManifest_ComeWithTheEntraAppThatSendsThem()
    {
        var manifest = ManifestFile.Read(_repoRoot);
        var types = manifest["activities"]!["activityTypes"]!.AsArray().Select(t => (string)t!["type"]!).ToList();

        // Graph's sendActivityNotification needs webApplicationInfo.id, and "systemDefault" is reserved.
        Assert.NotEmpty(types);
        Assert.DoesNotContain("systemDefault", types);
        Assert.Equal(types.Count, types.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("{{GRAPH_APP_ID}}", (string?)manifest["webApplicationInfo"]!["id"]);
    }
}
