using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PartnershipBot.Tests.Harness;

/// <summary>
/// Installs a test folder's pinned npm packages with `npm ci`, once per lock file: a stamp in node_modules records the
/// hash of the package-lock.json it was installed from. A fresh clone needs nothing installed by hand.
/// </summary>
internal static class NpmPackages
{
    private const string StampFile = ".installed-lock-sha256";
    private static readonly ConcurrentDictionary<string, Lazy<Task>> Installs = new(StringComparer.Ordinal);

    /// <summary>Makes sure node_modules in <paramref name="nodeDirectory"/> matches its package-lock.json.</summary>
    public static Task EnsureInstalledAsync(string nodeDirectory, string neededFor) =>
        Installs.GetOrAdd(Path.GetFullPath(nodeDirectory), dir => new Lazy<Task>(() => InstallAsync(dir, neededFor))).Value;

    private static async Task InstallAsync(string nodeDirectory, string neededFor)
    {
        await RequireNodeAsync(nodeDirectory, neededFor);

        // Another test run on the same checkout may be installing: a lock file keeps the two from racing.
        await using var installLock = await LockAsync(Path.Combine(nodeDirectory, ".npm-ci.lock"));
        var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(nodeDirectory, "package-lock.json"))));
        var stamp = Path.Combine(nodeDirectory, "node_modules", StampFile);
        if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp) == lockHash)
        {
            return;
        }

        var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
        // npm itself is the one node process not guarded: installing the pinned packages is the restore step (like NuGet's),
        // not a process under test, and on a fresh machine it needs the registry.
        var install = await ProcessRunner.RunAsync(
            npm, ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], nodeDirectory, timeout: TimeSpan.FromMinutes(10));
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"`npm ci` in {nodeDirectory} failed, so {neededFor} cannot run.{Environment.NewLine}{install}");
        }

        await File.WriteAllTextAsync(stamp, lockHash);
    }

    private static async Task RequireNodeAsync(string nodeDirectory, string neededFor)
    {
        var needed = $"Node.js 20.19+ with npm on PATH is needed for {neededFor} (Debian: apt-get install nodejs npm). These tests are never skipped.";
        ProcessResult result;
        try
        {
            result = await Node.RunAsync(["--version"], nodeDirectory, TimeSpan.FromMinutes(1));
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException($"{needed} {e.Message}", e);
        }

        if (result.ExitCode != 0 || !Version.TryParse(result.StdOut.Trim().TrimStart('v'), out var version) || !SupportsRequireEsm(version))
        {
            throw new InvalidOperationException($"{needed} Found: {result.StdOut.Trim()} {result.StdErr.Trim()}");
        }
    }

    // Some packages load ESM-only dependencies with require(), which Node.js supports from 20.19 and 22.12.
    private static bool SupportsRequireEsm(Version node) =>
        node.Major switch
        {
            < 20 or 21 => false,
            20 => node.Minor >= 19,
            22 => node.Minor >= 12,
            _ => true,
        };

    private static async Task<FileStream> LockAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Held by another run's install: poll until it is done.
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }
}
