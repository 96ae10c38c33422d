using System.Text.Json;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Manifest;

/// <summary>What the official validator said about one manifest: exit code 0 valid, 1 invalid, 2 could not validate.</summary>
internal sealed record ValidationReport(int ExitCode, IReadOnlyList<string> Errors, string Output);

/// <summary>
/// Validates a manifest with Microsoft's @microsoft/app-manifest npm package (tests/Manifest/node), offline:
/// with the pinned packages installed by <see cref="NpmPackages"/>, running validate-manifest.mjs.
/// </summary>
internal static class ManifestValidator
{
    public static async Task<ValidationReport> ValidateAsync(string repoRoot, string manifestPath, CancellationToken cancellationToken = default)
    {
        var nodeDir = NodeDirectory(repoRoot);
        await NpmPackages.EnsureInstalledAsync(nodeDir, "validating the Teams manifest with @microsoft/app-manifest");
        var result = await Node.RunAsync(["validate-manifest.mjs", manifestPath], nodeDir, TimeSpan.FromMinutes(1), cancellationToken);
        var lastLine = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (lastLine is null || !lastLine.StartsWith('{'))
        {
            throw new InvalidOperationException($"validate-manifest.mjs printed no report.{Environment.NewLine}{result}");
        }

        using var report = JsonDocument.Parse(lastLine);
        var errors = report.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString() ?? "").ToList();
        return new ValidationReport(result.ExitCode, errors, result.ToString());
    }

    private static string NodeDirectory(string repoRoot) => Path.Combine(repoRoot, "tests", "Manifest", "node");
}
