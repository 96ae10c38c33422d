namespace PartnershipBot.Tests.Manifest;

[Collection(PackageCollection.Name)]
public sealed class PackageBuildTests(PackageFixture fixture)
{
    [Fact]
    public void Build_ValidSettings_WritesZipWithExactlyManifestAndIconsAtRoot()
    {
        Assert.True(fixture.Build.ExitCode == 0, fixture.Build.ToString());
        Assert.Equal(["color.png", "manifest.json", "outline.png"], fixture.Package.Files.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Build_ValidSettings_FillsIdsVersionAndDeveloperUrls()
    {
        var manifest = fixture.Package.Manifest;

        Assert.Equal(PackageFixture.AppId, (string?)manifest["id"]);
        Assert.Equal(PackageFixture.BotId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(PackageFixture.GraphAppId, (string?)manifest["webApplicationInfo"]!["id"]);
        Assert.Equal($"api://{PackageFixture.TabHost}/{PackageFixture.GraphAppId}", (string?)manifest["webApplicationInfo"]!["resource"]);
        Assert.Equal(PackageFixture.Version, (string?)manifest["version"]);
        Assert.Equal(PackageFixture.WebsiteUrl, (string?)manifest["developer"]!["websiteUrl"]);
        Assert.Equal(PackageFixture.PrivacyUrl, (string?)manifest["developer"]!["privacyUrl"]);
        Assert.Equal(PackageFixture.TermsUrl, (string?)manifest["developer"]!["termsOfUseUrl"]);
    }

    [Fact]
    public void Build_ValidSettings_IdsAreGuidsAndNoPlaceholdersRemain()
    {
        var package = fixture.Package;
        var manifest = package.Manifest;

        Assert.DoesNotContain("{{", package.ManifestText, StringComparison.Ordinal);
        foreach (var id in new[] { manifest["id"], manifest["bots"]![0]!["botId"], manifest["webApplicationInfo"]!["id"] })
        {
            Assert.True(Guid.TryParseExact((string?)id, "D", out _), $"'{id}' is not a GUID");
        }
    }

    [Fact]
    public void Build_ValidSettings_IconPathsNameFilesInThePackage()
    {
        var package = fixture.Package;
        var icons = package.Manifest["icons"]!.AsObject();

        Assert.Contains((string)icons["color"]!, package.Files.Keys);
        Assert.Contains((string)icons["outline"]!, package.Files.Keys);
    }

    [Fact]
    public async Task Build_SameSettingsTwice_WritesIdenticalZip()
    {
        var again = Path.Combine(fixture.WorkDirectory, "again.zip");

        var result = await PackageCommand.RunAsync(fixture.RepoRoot,
        [
            "--app-id", PackageFixture.AppId, "--bot-id", PackageFixture.BotId, "--graph-app-id", PackageFixture.GraphAppId,
            "--version", PackageFixture.Version, "--tab-host", PackageFixture.TabHost, "--website-url", PackageFixture.WebsiteUrl,
            "--privacy-url", PackageFixture.PrivacyUrl, "--terms-url", PackageFixture.TermsUrl, "--output", again,
        ]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(await File.ReadAllBytesAsync(fixture.ZipPath), await File.ReadAllBytesAsync(again));
    }

    [Fact]
    public async Task Build_SettingsFromEnvironment_UsesThemAndDefaultsGraphAppToBot()
    {
        var output = Path.Combine(fixture.WorkDirectory, "from-environment.zip");
        var environment = new Dictionary<string, string>
        {
            ["TEAMS_APP_ID"] = "11111111-2222-4333-8444-555555555555",
            ["MicrosoftAppId"] = "66666666-7777-4888-9999-aaaaaaaaaaaa",
            ["APP_VERSION"] = "3.0.1",
        };

        var result = await PackageCommand.RunAsync(fixture.RepoRoot, ["--output", output], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        var manifest = AppPackage.Open(output).Manifest;
        Assert.Equal("11111111-2222-4333-8444-555555555555", (string?)manifest["id"]);
        Assert.Equal("66666666-7777-4888-9999-aaaaaaaaaaaa", (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal("66666666-7777-4888-9999-aaaaaaaaaaaa", (string?)manifest["webApplicationInfo"]!["id"]);
        Assert.Equal("3.0.1", (string?)manifest["version"]);
        Assert.StartsWith("https://", (string?)manifest["developer"]!["privacyUrl"], StringComparison.Ordinal);
        // No tab host: the bot alone.
        Assert.Null(manifest["staticTabs"]);
        Assert.Null(manifest["validDomains"]);
        Assert.Equal("api://botid-66666666-7777-4888-9999-aaaaaaaaaaaa", (string?)manifest["webApplicationInfo"]!["resource"]);
    }

    [Fact]
    public void Build_TabHost_RegisterTabAfterTheBotChatWithItsDomainAndSsoResource()
    {
        var manifest = fixture.Package.Manifest;
        var tabs = manifest["staticTabs"]!.AsArray();

        Assert.Equal(["conversations", "register"], tabs.Select(t => (string)t!["entityId"]!));
        Assert.Equal($"https://{PackageFixture.TabHost}/tab/", (string?)tabs[1]!["contentUrl"]);
        Assert.Equal(["personal"], tabs[1]!["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.Equal([PackageFixture.TabHost], manifest["validDomains"]!.AsArray().Select(d => (string)d!));
    }

    [Theory]
    [InlineData("--app-id", "partnershipbot")]
    [InlineData("--bot-id", "{{BOT_ID}}")]
    [InlineData("--graph-app-id", "6f1c2a9e3b7d4e589a0c1d2e3f4a5b6c")]
    [InlineData("--app-id", "00000000-0000-0000-0000-000000000000")]
    public async Task Build_IdNotAGuid_FailsNamingTheOptionAndWritesNothing(string option, string value)
    {
        var output = Path.Combine(fixture.WorkDirectory, $"bad-{Guid.NewGuid():N}.zip");
        var settings = new Dictionary<string, string>
        {
            ["--app-id"] = PackageFixture.AppId,
            ["--bot-id"] = PackageFixture.BotId,
            ["--graph-app-id"] = PackageFixture.GraphAppId,
            [option] = value,
        };

        var result = await PackageCommand.RunAsync(fixture.RepoRoot, [.. settings.SelectMany(s => new[] { s.Key, s.Value }), "--output", output]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{option} ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("must be a GUID", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Build_NoIdsGiven_FailsNamingBothSettings()
    {
        var result = await PackageCommand.RunAsync(fixture.RepoRoot, ["--output", Path.Combine(fixture.WorkDirectory, "none.zip")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--app-id (TEAMS_APP_ID) is missing", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("--bot-id (BOT_ID / MicrosoftAppId) is missing", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--version", "1.0")]
    [InlineData("--version", "1.0.0-beta")]
    [InlineData("--privacy-url", "http://www.example.org/privacy")]
    [InlineData("--website-url", "www.example.org")]
    [InlineData("--tab-host", "https://partnerships.council.gov.uk/tab")]
    [InlineData("--tab-host", "localhost")]
    public async Task Build_BadVersionOrUrl_FailsNamingTheOption(string option, string value)
    {
        var result = await PackageCommand.RunAsync(fixture.RepoRoot,
            ["--app-id", PackageFixture.AppId, "--bot-id", PackageFixture.BotId, option, value, "--output", Path.Combine(fixture.WorkDirectory, "bad.zip")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{option} ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_UnknownOption_Fails()
    {
        var result = await PackageCommand.RunAsync(fixture.RepoRoot, ["--app-id", PackageFixture.AppId, "--botid", PackageFixture.BotId]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unknown argument '--botid'", result.StdErr, StringComparison.Ordinal);
    }
}
