using System.Globalization;
using PartnershipBot.Bench.Play;

namespace PartnershipBot.Bench.Bot;

/// <summary>
/// A bot process with its stub connector, its own temp folder and database file, and an HTTP client to reach it:
/// everything one benchmark run needs. Restarts keep the database file and the connector.
/// </summary>
internal sealed class BenchBot : IAsyncDisposable
{
    private readonly string _dll;
    private readonly string _folder;
    private readonly Dictionary<string, string> _settings;

    private BenchBot(string dll, string folder, StubConnector connector, HttpClient http, Dictionary<string, string> settings)
    {
        _dll = dll;
        _folder = folder;
        Connector = connector;
        Http = http;
        _settings = settings;
        Channel = new HttpBotChannel(http, () => Process.MessagesUrl, connector, TurnTimeout);
    }

    public StubConnector Connector { get; }

    public HttpClient Http { get; }

    public BotProcess Process { get; private set; } = null!;

    /// <summary>Reaches whichever bot process is current, so journeys go on across restarts.</summary>
    public IBotChannel Channel { get; }

    public string DatabasePath => Path.Combine(_folder, "partnershipbot.db");

    /// <summary>How long the last start took until /healthz answered OK.</summary>
    public TimeSpan StartToHealthy { get; private set; }

    public static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(30);

    public static async Task<BenchBot> StartAsync(string dll, FaultPlan? faults = null, Dictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var connector = new StubConnector(faults);
        await connector.StartAsync();
        var folder = Directory.CreateTempSubdirectory("partnershipbot-bench-").FullName;
        var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        var bot = new BenchBot(dll, folder, connector, http, settings ?? []);
        try
        {
            await bot.BootAsync(cancellationToken);
            return bot;
        }
        catch
        {
            // A bot that did not become healthy must not outlive the run.
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a new bot process on the same database file (after a kill or a stop).</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => BootAsync(cancellationToken);

    private async Task BootAsync(CancellationToken cancellationToken)
    {
        Process = BotProcess.Start(new BotLaunch(_dll, DatabasePath) { Settings = _settings });
        await Process.WaitHealthyAsync(Http, TimeSpan.FromSeconds(30), cancellationToken);
        StartToHealthy = System.Diagnostics.Stopwatch.GetElapsedTime(Process.StartedAt);
    }

    /// <summary>Total CPU time the bot process has used (user + system), from /proc/pid/stat.</summary>
    public TimeSpan BotCpuTime()
    {
        var stat = File.ReadAllText($"/proc/{Process.Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public async ValueTask DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }

        Http.Dispose();
        await Connector.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}
