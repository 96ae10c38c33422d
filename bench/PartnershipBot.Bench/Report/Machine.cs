using System.Runtime.InteropServices;

namespace PartnershipBot.Bench.Report;

/// <summary>The machine a benchmark ran on, as RESULTS.md states it.</summary>
internal sealed record Machine(int Cores, long MemoryMb, string Cpu, string Os, string Runtime, string TempFileSystem)
{
    public static Machine Describe()
    {
        var memoryKb = File.ReadLines("/proc/meminfo").Where(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        return new Machine(Environment.ProcessorCount, memoryKb / 1024, cpu, RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription, FileSystemOf(Path.GetTempPath()));
    }

    /// <summary>The file system type of the longest mount point containing <paramref name="path"/> (tmpfs or a disk).</summary>
    private static string FileSystemOf(string path)
    {
        var best = ("", "unknown");
        foreach (var line in File.ReadLines("/proc/mounts"))
        {
            var parts = line.Split(' ');
            if (parts.Length > 2 && path.StartsWith(parts[1], StringComparison.Ordinal) && parts[1].Length > best.Item1.Length)
            {
                best = (parts[1], $"{parts[2]} ({parts[0]} on {parts[1]})");
            }
        }

        return best.Item2;
    }

    public override string ToString() =>
        $"{Cores} cores (nproc), {MemoryMb} MB memory, {Cpu}; {Os}; {Runtime}; temp folder (database files) on {TempFileSystem}";
}
