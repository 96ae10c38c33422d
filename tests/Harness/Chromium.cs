namespace PartnershipBot.Tests.Harness;

/// <summary>
/// The headless Chromium browser tests drive: Debian's `chromium` package (never a browser download), installed with
/// apt-get when missing. CHROMIUM_PATH overrides the path (another distribution or a developer's own browser).
/// </summary>
internal static class Chromium
{
    public const string DebianPath = "/usr/bin/chromium";

    /// <summary>The browser binary itself behind Debian's wrapper script (the script only adds flags from /etc/chromium.d).</summary>
    public const string DebianBinary = "/usr/lib/chromium/chromium";

    private static readonly Lazy<Task<string>> Installed = new(EnsureInstalledAsync);

    /// <summary>
    /// Arguments that keep the browser on this machine and quiet: every host name but loopback fails to resolve, and the
    /// background services that phone home (updates, sync, metrics, translation) are off.
    /// </summary>
    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-domain-reliability",
        "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
        "--no-first-run",
        "--no-pings",
        "--disable-gpu",
        "--disable-dev-shm-usage",
    ];

    /// <summary>The browser's executable path, installing Debian's package once per test run if needed.</summary>
    public static Task<string> PathAsync() => Installed.Value;

    private static async Task<string> EnsureInstalledAsync()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"CHROMIUM_PATH is {configured}, which does not exist.");
        }

        if (File.Exists(DebianPath))
        {
            return File.Exists(DebianBinary) ? DebianBinary : DebianPath;
        }

        const string needed = "The browser tests need Chromium: on Debian `apt-get install chromium` (run as root), or set CHROMIUM_PATH.";
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get"))
        {
            throw new InvalidOperationException(needed);
        }

        // Other test runs on the machine may hold the dpkg lock: wait for it rather than fail.
        var environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        foreach (var arguments in new[]
                 {
                     new[] { "-o", "DPkg::Lock::Timeout=600", "update", "-qq" },
                     ["-o", "DPkg::Lock::Timeout=600", "install", "-y", "-qq", "chromium"],
                 })
        {
            var result = await ProcessRunner.RunAsync("apt-get", arguments, "/", environment, TimeSpan.FromMinutes(15));
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"{needed} `apt-get {string.Join(' ', arguments)}` failed:{Environment.NewLine}{result}");
            }
        }

        return File.Exists(DebianBinary) ? DebianBinary : File.Exists(DebianPath) ? DebianPath : throw new InvalidOperationException($"{needed} apt-get installed chromium but {DebianPath} is missing.");
    }
}
