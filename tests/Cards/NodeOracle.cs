using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace PartnershipBot.Tests.Cards;

/// <summary>
/// Runs tests/Cards/node/render.mjs (the official adaptivecards-templating and adaptivecards libraries).
/// The first call in a test run installs the pinned packages with `npm ci`, unless node_modules already
/// matches package-lock.json; a process-wide task plus a machine-wide mutex keep parallel tests from racing.
/// Without node these tests fail with a clear message: they are never skipped.
/// </summary>
internal static class NodeOracle
{
    private static readonly Lazy<Task> Installed = new(() => Task.Run(Install));
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs jobs ({id, template?, data?, card?, validate?, render?}) and returns the results in order.</summary>
    public static async Task<JsonArray> RunAsync(JsonArray jobs)
    {
        await Installed.Value;
        var request = new JsonObject { ["jobs"] = jobs.DeepClone() }.ToJsonString();
        var (exitCode, output, errors) = await RunProcessAsync("node", "render.mjs", request, RunTimeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"node render.mjs exited with {exitCode}: {errors}");
        }

        return JsonNode.Parse(output) as JsonArray
            ?? throw new InvalidOperationException($"node render.mjs printed no JSON array: {output}");
    }

    /// <summary>Runs one job and returns its result.</summary>
    public static async Task<JsonObject> RunOneAsync(JsonObject job) =>
        (JsonObject)(await RunAsync([job]))[0]!;

    private static void Install()
    {
        try
        {
            RunProcessAsync("node", "--version", "", TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                "Node.js was not found on PATH. The card tests check the C# engine against the official Adaptive Cards " +
                "JavaScript libraries and need node 20+ with npm (Debian: apt-get install nodejs npm). They are never skipped.", e);
        }

        using var mutex = new Mutex(false, "PartnershipBot.Tests.Cards.npm-ci");
        try
        {
            if (!mutex.WaitOne(TimeSpan.FromMinutes(10)))
            {
                throw new TimeoutException("another test run held the npm ci lock for 10 minutes");
            }
        }
        catch (AbandonedMutexException)
        {
            // A run that died while installing: we own the mutex now and simply install again.
        }

        try
        {
            var lockHash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(RepoPaths.Node, "package-lock.json"))));
            var stamp = Path.Combine(RepoPaths.Node, "node_modules", ".installed-lock-sha256");
            if (File.Exists(stamp) && File.ReadAllText(stamp) == lockHash)
            {
                return;
            }

            var (exitCode, output, errors) = RunProcessAsync("npm", "ci --no-audit --no-fund --ignore-scripts", "", TimeSpan.FromMinutes(10))
                .GetAwaiter().GetResult();
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"npm ci failed in {RepoPaths.Node} ({exitCode}): {output}\n{errors}");
            }

            File.WriteAllText(stamp, lockHash);
        }
        finally
        {
            mutex.ReleaseMutex();
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunProcessAsync(string file, string arguments, string input, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = RepoPaths.Node,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish within {timeout}");
        }

        return (process.ExitCode, await output, await errors);
    }
}
