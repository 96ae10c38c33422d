using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Manifest;

/// <summary>Builds the app package once with the documented command, into a temporary folder, for the tests that inspect it.</summary>
public sealed class PackageFixture : IAsyncLifetime
{
    public const string AppId = "6f1c2a9e-3b7d-4e58-9a0c-1d2e3f4a5b6c";
    public const string BotId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    public const string GraphAppId = "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a";
    public const string Version = "2.3.4";
    public const string TabHost = "partnerships.council.example.gov.uk";
    public const string WebsiteUrl = "https://www.council.example.gov.uk/partnerships";
    public const string PrivacyUrl = "https://www.council.example.gov.uk/privacy?app=partnershipbot&lang=en";
    public const string TermsUrl = "https://www.council.example.gov.uk/terms";

    public string RepoRoot { get; } = Harness.RepoRoot.Find();

    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "partnershipbot-manifest-" + Guid.NewGuid().ToString("N"));

    public string ZipPath => Path.Combine(WorkDirectory, "PartnershipBot.zip");

    internal ProcessResult Build { get; private set; } = new(-1, "", "");

    internal AppPackage Package => AppPackage.Open(ZipPath);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        Build = await PackageCommand.RunAsync(RepoRoot,
        [
            "--app-id", AppId, "--bot-id", BotId, "--graph-app-id", GraphAppId, "--version", Version, "--tab-host", TabHost,
            "--website-url", WebsiteUrl, "--privacy-url", PrivacyUrl, "--terms-url", TermsUrl,
            "--output", ZipPath,
        ]);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(WorkDirectory, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The package tests share one build and run one at a time, since each starts `dotnet run`.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Teams app package";
}
