namespace PartnershipBot.Tests.Manifest;

[Collection(PackageCollection.Name)]
public sealed class ManifestSchemaTests(PackageFixture fixture)
{
    [Fact]
    public async Task Validate_BuiltPackageManifest_OfficialSchemaReportsNoErrors()
    {
        var manifestPath = WriteManifest(fixture.Package.ManifestText, "built");

        var report = await ManifestValidator.ValidateAsync(fixture.RepoRoot, manifestPath);

        Assert.True(report.ExitCode == 0 && report.Errors.Count == 0, report.Output);
    }

    [Fact]
    public async Task Validate_BotIdNotAGuidAndAccentColourMissing_ReportsBothErrors()
    {
        var manifest = fixture.Package.Manifest;
        manifest["bots"]![0]!["botId"] = "not-a-guid";
        manifest.Remove("accentColor");

        var report = await ManifestValidator.ValidateAsync(fixture.RepoRoot, WriteManifest(manifest.ToJsonString(), "broken"));

        Assert.Equal(1, report.ExitCode);
        Assert.Contains(report.Errors, e => e.StartsWith("/bots/0/botId ", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Contains("accentColor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_ManifestVersionWithoutBundledSchema_RefusesRatherThanDownloading()
    {
        var manifest = fixture.Package.Manifest;
        manifest["manifestVersion"] = "9.99";
        manifest["$schema"] = "https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json";

        var report = await ManifestValidator.ValidateAsync(fixture.RepoRoot, WriteManifest(manifest.ToJsonString(), "unknown-version"));

        Assert.Equal(2, report.ExitCode);
        Assert.Contains(report.Errors, e => e.Contains("ships no schema for manifestVersion '9.99'", StringComparison.Ordinal));
    }

    private string WriteManifest(string json, string name)
    {
        var path = Path.Combine(fixture.WorkDirectory, $"{name}-manifest.json");
        File.WriteAllText(path, json);
        return path;
    }
}
