namespace PartnershipBot.Tests.Harness;

/// <summary>A process a test starts does not outlive the call that started it, however that call ends.</summary>
public sealed class TestProcessesTests
{
    [Fact]
    public async Task RunAsync_CancelledWhileTheProcessRuns_KillsIt()
    {
        var folder = Directory.CreateTempSubdirectory("partnershipbot-process-").FullName;
        var pidFile = Path.Combine(folder, "pid");
        using var cancel = new CancellationTokenSource();
        using var watcher = new FileSystemWatcher(folder) { EnableRaisingEvents = true };
        watcher.Created += (_, _) => cancel.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProcessRunner.RunAsync(
            "sh", ["-c", $"echo $$ > '{pidFile}.tmp' && mv '{pidFile}.tmp' '{pidFile}' && exec sleep 600"], folder, cancellationToken: cancel.Token));

        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} is still running");
        Directory.Delete(folder, recursive: true);
    }
}
