using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace PartnershipBot.Tests.Harness;

/// <summary>
/// Every process the tests start, so none outlives its test: owners stop theirs in disposal (and on a failed start),
/// and whatever is still running when the test host exits is killed with its children.
/// </summary>
internal static class TestProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    static TestProcesses() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var process in Running.Values)
        {
            Kill(process);
        }
    };

    /// <summary>Ids of the tracked processes still running.</summary>
    public static IReadOnlyList<int> Alive => [.. Running.Values.Where(p => !HasExited(p)).Select(p => p.Id)];

    /// <summary>Starts and tracks a process; a missing executable is a <see cref="FileNotFoundException"/>.</summary>
    public static Process Start(ProcessStartInfo start)
    {
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new FileNotFoundException($"Could not start '{start.FileName}': {e.Message}", start.FileName, e);
        }

        Running[process.Id] = process;
        return process;
    }

    /// <summary>Tracks a process started elsewhere (e.g. the bench's bot process), by id.</summary>
    public static void Adopt(int pid)
    {
        try
        {
            Running.TryAdd(pid, Process.GetProcessById(pid));
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }

    /// <summary>Kills the process and its children if it is still running, waits for it, and stops tracking it.</summary>
    public static void Stop(Process process)
    {
        Kill(process);
        Running.TryRemove(new KeyValuePair<int, Process>(SafeId(process), process));
    }

    public static bool IsRunning(int pid) => Running.TryGetValue(pid, out var process) && !HasExited(process);

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Exited meanwhile, or never started.
        }
    }

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static int SafeId(Process process)
    {
        try
        {
            return process.Id;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }
}
