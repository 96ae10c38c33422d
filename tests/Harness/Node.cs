using System.Diagnostics;
using System.Text.Json;

namespace PartnershipBot.Tests.Harness;

/// <summary>A connection or DNS query the guard refused: the process tried to leave this machine.</summary>
internal sealed record NodeRefusal(string Kind, string Host, int? Port)
{
    public override string ToString() => Port is { } port ? $"{Kind} {Host}:{port}" : $"{Kind} {Host}";
}

/// <summary>
/// The one way the tests start Node.js: every process gets Harness/node-guard.cjs preloaded (through NODE_OPTIONS, so
/// child and worker processes get it too), which refuses anything that is not loopback and records each refusal in a
/// log of its own. Callers decide which refusals, if any, are explained; the rest fail the test.
/// </summary>
internal static class Node
{
    public static string GuardPath { get; } = Path.Combine(RepoRoot.Find(), "tests", "Harness", "node-guard.cjs");

    /// <summary>A start description for node with the guard preloaded, writing refusals to <paramref name="guardLog"/>.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments, NodeGuardLog guardLog)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment(guardLog))
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>The environment every guarded node process gets.</summary>
    public static IReadOnlyDictionary<string, string?> Environment(NodeGuardLog guardLog) => new Dictionary<string, string?>
    {
        ["NODE_OPTIONS"] = $"--require \"{GuardPath}\"",
        ["NODE_GUARD_LOG"] = guardLog.Path,
    };

    /// <summary>Runs a node script to completion; throws when it tried to leave the machine.</summary>
    public static async Task<ProcessResult> RunAsync(
        IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken = default, string? standardInput = null)
    {
        var list = arguments.ToList();
        using var guardLog = new NodeGuardLog();
        var result = await RunAsync(list, workingDirectory, guardLog, timeout, cancellationToken, standardInput);
        guardLog.ThrowIfAny($"node {string.Join(' ', list)}", result.ToString());
        return result;
    }

    /// <summary>Runs a node script to completion, its refusals left in <paramref name="guardLog"/> for the caller to judge.</summary>
    public static Task<ProcessResult> RunAsync(
        IEnumerable<string> arguments, string workingDirectory, NodeGuardLog guardLog, TimeSpan timeout,
        CancellationToken cancellationToken = default, string? standardInput = null) =>
        ProcessRunner.RunAsync("node", arguments, workingDirectory, Environment(guardLog), timeout, cancellationToken, standardInput);
}

/// <summary>The file a guarded node process appends its refusals to (one JSON object a line); deleted on dispose.</summary>
internal sealed class NodeGuardLog : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"node-guard-{Guid.NewGuid():N}.jsonl");

    public IReadOnlyList<NodeRefusal> Refusals()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var refusals = new List<NodeRefusal>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            refusals.Add(new NodeRefusal(
                root.GetProperty("kind").GetString()!,
                root.GetProperty("host").GetString()!,
                root.TryGetProperty("port", out var port) && port.ValueKind == JsonValueKind.Number ? port.GetInt32() : null));
        }

        return refusals;
    }

    public void ThrowIfAny(string what, string output)
    {
        var refusals = Refusals();
        if (refusals.Count > 0)
        {
            throw new InvalidOperationException(
                $"{what} tried to leave this machine; the guard refused: {string.Join(", ", refusals)}{System.Environment.NewLine}{output}");
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}
