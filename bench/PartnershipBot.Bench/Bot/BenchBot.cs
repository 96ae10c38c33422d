using System.Globalization;
using PartnershipBot.Bench.Play;

namespace PartnershipBot.Bench.Bot;

/// <summary>
/// The bot as one or more processes with a stub connector, a temp folder and a database (a LiteDB file in the folder,
/// or one PostgreSQL database shared by every instance), and an HTTP client to reach them: everything one benchmark
/// run needs. With several instances each turn goes to the next one in turn (a load balancer without affinity).
/// Restarts keep the database and the connector.
/// </summary>
internal sealed class BenchBot : IAsyncDisposable
{
    private readonly string _dll;
    private readonly string _folder;
    private readonly Dictionary<string, string> _settings;
    private int _next = -1;

    private BenchBot(string dll, string folder, StubConnector connector, HttpClient http, Dictionary<string, string> settings, int instances, string? connectionString)
    {
        _dll = dll;
        _folder = folder;
        Connector = connector;
        Http = http;
        _settings = settings;
        ConnectionString = connectionString;
        Processes = new BotProcess[instances];
        Channel = new HttpBotChannel(http, NextMessagesUrl, connector, TurnTimeout);
    }

    public StubConnector Connector { get; }

    public HttpClient Http { get; }

    /// <summary>Every instance, in start order.</summary>
    public BotProcess[] Processes { get; }

    /// <summary>The first (or only) instance.</summary>
    public BotProcess Process => Processes[0];

    /// <summary>Reaches whichever bot processes are current, so journeys go on across restarts.</summary>
    public IBotChannel Channel { get; }

    public string DatabasePath => Path.Combine(_folder, "partnershipbot.db");

    /// <summary>The PostgreSQL database every instance uses, or null for LiteDB.</summary>
    public string? ConnectionString { get; }

    /// <summary>How long the last start took until /healthz answered OK.</summary>
    public TimeSpan StartToHealthy { get; private set; }

    public static readonly TimeSpan TurnTimeout = TimeSpan.FromSeconds(30);

    /// <param name="postgreSql">A database for every instance to share (PostgreSQL); null: a LiteDB file (one instance).</param>
    public static async Task<BenchBot> StartAsync(string dll, FaultPlan? faults = null, Dictionary<string, string>? settings = null,
        CancellationToken cancellationToken = default, int instances = 1, string? postgreSql = null)
    {
        if (instances != 1 && postgreSql is null)
        {
            throw new ArgumentException("Several instances need a shared PostgreSQL database: LiteDB is one process's file.", nameof(instances));
        }

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
        var all = new Dictionary<string, string>(settings ?? []);
        if (postgreSql is not null)
        {
            all["Storage:Provider"] = "PostgreSql";
            all["Storage:ConnectionString"] = postgreSql;
        }

        var bot = new BenchBot(dll, folder, connector, http, all, instances, postgreSql);
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

    /// <summary>Starts new bot processes on the same database (after a kill or a stop).</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => BootAsync(cancellationToken);

    /// <summary>SIGKILL to every instance.</summary>
    public void KillAll()
    {
        foreach (var process in Processes)
        {
            process.Kill();
        }
    }

    private async Task BootAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < Processes.Length; i++)
        {
            Processes[i] = BotProcess.Start(new BotLaunch(_dll, DatabasePath) { Settings = _settings });
        }

        await Task.WhenAll(Processes.Select(p => p.WaitHealthyAsync(Http, TimeSpan.FromSeconds(30), cancellationToken)));
        StartToHealthy = System.Diagnostics.Stopwatch.GetElapsedTime(Process.StartedAt);
    }

    private Uri NextMessagesUrl() => Processes[(int)((uint)Interlocked.Increment(ref _next) % (uint)Processes.Length)].MessagesUrl;

    /// <summary>Total CPU time an instance has used (user + system), from /proc/pid/stat.</summary>
    public TimeSpan BotCpuTime(int instance = 0)
    {
        var stat = File.ReadAllText($"/proc/{Processes[instance].Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Processes.Where(p => p is not null))
        {
            await process.DisposeAsync();
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
