using System.Diagnostics;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Playground;

/// <summary>Whatever fails while the bot and the Playground start, no process is left behind.</summary>
public sealed class PlaygroundSessionTests
{
    [Fact]
    public async Task StartAsync_PlaygroundExitsAtStart_StopsTheBotItStartedAndThePlayground()
    {
        var folder = Directory.CreateTempSubdirectory("partnershipbot-playground-fail-").FullName;
        var started = new List<int>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PlaygroundSession.StartAsync(
            folder, TimeSpan.FromSeconds(60), started.Add, cliPath: Path.Combine(folder, "no-such-cli.js")));

        Assert.Contains("The Playground exited with", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, started.Count);
        Assert.All(started, pid => Assert.False(IsRunning(pid), $"process {pid} is still running"));
        Directory.Delete(folder, recursive: true);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
