using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Manifest;

/// <summary>Runs the documented package command, `dotnet run manifest/build-package.cs -- ...`, from the repository root.</summary>
internal static class PackageCommand
{
    /// <summary>The environment variables the command reads; cleared unless a test sets them, so a developer's shell cannot change results.</summary>
    public static readonly string[] SettingVariables =
        ["TEAMS_APP_ID", "BOT_ID", "MicrosoftAppId", "GRAPH_APP_ID", "TAB_HOST", "APP_VERSION", "WEBSITE_URL", "PRIVACY_URL", "TERMS_URL"];

    public static Task<ProcessResult> RunAsync(
        string repoRoot,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var variables = SettingVariables.ToDictionary(name => name, _ => (string?)null);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        // The CLI tells child processes which dotnet host started it; fall back to PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        return ProcessRunner.RunAsync(
            dotnet,
            ["run", "manifest/build-package.cs", "--", .. arguments],
            repoRoot,
            variables,
            TimeSpan.FromMinutes(5),
            cancellationToken);
    }
}
