using System.Security.Cryptography;
using System.Text.Json;

namespace PartnershipBot.Tests.Manifest;

/// <summary>What the official validator said about one manifest: exit code 0 valid, 1 invalid, 2 could not validate.</summary>
internal sealed record ValidationReport(int ExitCode, IReadOnlyList<string> Errors, string Output);

/// <summary>
/// Validates a manifest with Microsoft's @microsoft/app-manifest npm package (tests/Manifest/node), offline:
/// installs the pinned packages with `npm ci` when node_modules does not match package-lock.json, then runs validate-manifest.mjs.
/// </summary>
internal static class ManifestValidator
{
    private const string StampFile = ".package-lock.sha256";
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static async Task<ValidationReport> ValidateAsync(string repoRoot, string manifestPath, CancellationToken cancellationToken = default)
    {
        var nodeDir = NodeDirectory(repoRoot);
        await EnsureInstalledAsync(nodeDir, cancellationToken);
        var result = await ProcessRunner.RunAsync(
            "node", ["validate-manifest.mjs", manifestPath], nodeDir, timeout: TimeSpan.FromMinutes(1), cancellationToken: cancellationToken);
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

    // Runs `npm ci` once per lock file: a stamp in node_modules records the hash of the lock it was installed from.
    private static async Task EnsureInstalledAsync(string nodeDir, CancellationToken cancellationToken)
    {
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            await RequireNodeAsync(nodeDir, cancellationToken);
            var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(nodeDir, "package-lock.json"), cancellationToken)));
            var stamp = Path.Combine(nodeDir, "node_modules", StampFile);
            if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp, cancellationToken) == lockHash)
            {
                return;
            }

            var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
            var install = await ProcessRunner.RunAsync(
                npm, ["ci", "--no-audit", "--no-fund"], nodeDir, timeout: TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException($"`npm ci` in {nodeDir} failed, so the Teams manifest cannot be validated.{Environment.NewLine}{install}");
            }

            await File.WriteAllTextAsync(stamp, lockHash, cancellationToken);
        }
        finally
        {
            InstallLock.Release();
        }
    }

    // The package loads ESM-only dependencies with require(), which Node.js supports from 20.19 and 22.12.
    private static async Task RequireNodeAsync(string nodeDir, CancellationToken cancellationToken)
    {
        const string Needed = "Node.js 20.19+ or 22.12+ (node and npm on PATH) is needed: dotnet test validates the Teams manifest with Microsoft's @microsoft/app-manifest npm package.";
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync("node", ["--version"], nodeDir, timeout: TimeSpan.FromMinutes(1), cancellationToken: cancellationToken);
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException($"{Needed} {e.Message}", e);
        }

        if (result.ExitCode != 0 || !Version.TryParse(result.StdOut.Trim().TrimStart('v'), out var version) || !SupportsRequireEsm(version))
        {
            throw new InvalidOperationException($"{Needed} Found: {result.StdOut.Trim()} {result.StdErr.Trim()}");
        }
    }

    private static bool SupportsRequireEsm(Version node) =>
        node.Major switch
        {
            < 20 or 21 => false,
            20 => node.Minor >= 19,
            22 => node.Minor >= 12,
            _ => true,
        };
}
