using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PartnershipBot.Bench.Bot;

/// <summary>How to start the bot: its built dll, the database file, and any extra settings (as environment variables).</summary>
internal sealed record BotLaunch(string DllPath, string DatabasePath)
{
    public Dictionary<string, string> Settings { get; init; } = [];
}

/// <summary>Resident memory of a process from /proc: now (VmRSS) and the peak since it started (VmHWM).</summary>
internal readonly record struct Memory(long RssBytes, long PeakRssBytes)
{
    public static Memory Of(int pid)
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kilobytes(line);
            }
        }

        return new Memory(rss, hwm);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}

/// <summary>
/// The real bot as a separate process (development auth mode, Development environment, LiteDB on disk), on a free
/// local port. Can be stopped gracefully or killed with SIGKILL; its console output is kept for diagnosis.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    /// <summary>The discard port on loopback: nothing listens, so a connection there is refused locally.</summary>
    public const string ClosedLoopback = "http://127.0.0.1:9";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BotProcess(Process process, Uri baseUrl, long startedAt)
    {
        _process = process;
        BaseUrl = baseUrl;
        StartedAt = startedAt;
    }

    public Uri BaseUrl { get; }

    public Uri MessagesUrl => new(BaseUrl, "api/messages");

    public int Pid => _process.Id;

    /// <summary>CPU time the bot's process has used so far (all its threads: requests, GC, background services).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary><see cref="Stopwatch"/> timestamp of the process start.</summary>
    public long StartedAt { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Console lines the bot wrote that are warnings, errors or critical ("warn:", "fail:", "crit:").</summary>
    /// <remarks>The start-up report (what this configuration lacks, e.g. no authentication in development mode) is expected, not a problem.</remarks>
    public IReadOnlyList<string> Problems => _output.Where(l => (l.StartsWith("warn:", StringComparison.Ordinal)
        || l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal))
        && !l.Contains("PartnershipBot.Hosting.StartupReport[", StringComparison.Ordinal)
        && !l.Contains("PartnershipBot.Features.Register.RoleHolderSync[5004]", StringComparison.Ordinal)).ToList();

    public IReadOnlyCollection<string> Output => _output;

    public static BotProcess Start(BotLaunch launch)
    {
        if (!File.Exists(launch.DllPath))
        {
            throw new FileNotFoundException($"The bot is not built at {launch.DllPath}. Build it first: dotnet build -c Release bot", launch.DllPath);
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(launch.DllPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(launch.DllPath);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Bot__MicrosoftAppId"] = "";
        start.Environment["Storage__DatabasePath"] = launch.DatabasePath;
        start.Environment["Logging__Console__FormatterName"] = "simple";

        // Nothing this bot does leaves the machine: the identity endpoints point at a closed loopback port (so even a
        // token arriving with an app id configured cannot make it fetch login.botframework.com), and any other
        // outbound HTTP goes to a proxy on that closed port, failing at once, while loopback stays direct.
        start.Environment["Bot__OpenIdMetadataUrl"] = ClosedLoopback + "/v1/.well-known/openidconfiguration";
        start.Environment["Bot__EntraAuthorityHost"] = ClosedLoopback;
        start.Environment["HTTP_PROXY"] = ClosedLoopback;
        start.Environment["HTTPS_PROXY"] = ClosedLoopback;
        start.Environment["ALL_PROXY"] = ClosedLoopback;
        start.Environment["NO_PROXY"] = "localhost,127.0.0.1,::1";
        foreach (var (key, value) in launch.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}/"), startedAt);
        process.OutputDataReceived += (_, e) => bot.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>Polls GET /healthz until it answers OK; throws with the bot's output when it exits or takes too long.</summary>
    public async Task WaitHealthyAsync(HttpClient http, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with {_process.ExitCode}:\n{string.Join('\n', _output.TakeLast(40))}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "healthz"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(5, cancellationToken);
        }

        throw new TimeoutException($"The bot was not healthy within {limit}:\n{string.Join('\n', _output.TakeLast(40))}");
    }

    /// <summary>The process's memory; throws with the bot's last output when it is no longer running.</summary>
    public Memory Memory() => _process.HasExited
        ? throw new InvalidOperationException($"The bot exited with {_process.ExitCode} during the run:\n{string.Join('\n', _output.TakeLast(40))}")
        : Bot.Memory.Of(Pid);

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an out-of-memory kill.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        _process.WaitForExit();
    }

    /// <summary>SIGTERM and wait: the host shuts down as under systemd or a container stop.</summary>
    public async Task StopAsync(TimeSpan limit)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = SendSignal(_process.Id, 15);
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
            // Only the latest output matters for diagnosis.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
