using System.Net;
using System.Security.Cryptography.X509Certificates;
using PartnershipBot.Bench.Bot;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Robustness;

namespace PartnershipBot.Tests.Harness;

/// <summary>
/// Several bot processes (the built bot, each its own OS process as deployed) on one PostgreSQL database of the test
/// run's cluster, sharing fake Entra, Connector and Graph servers on 127.0.0.1. <see cref="Client"/> spreads
/// activities round-robin over the running instances, one activity at a time, as a load balancer without affinity
/// does; an activity whose instance is down or dies mid-request goes to the next one, as Teams redelivers it.
/// Instances can be killed (SIGKILL) and restarted. Every process is stopped at disposal, and by the test host's exit
/// if a test fails to dispose.
/// </summary>
public sealed class BotInstances : IBotUnderTest, IAsyncDisposable
{
    private readonly BotProcess?[] _processes;
    private readonly List<BotProcess> _killed = [];
    private readonly Dictionary<string, string> _settings;
    private readonly string _folder;
    private readonly HttpClient _direct;
    private readonly List<(long Count, TaskCompletionSource Reached)> _waits = [];
    private int _next = -1;
    private long _posted;

    private BotInstances(int count, HarnessOptions options, FakeEntra entra, FakeBotConnector connector, FakeGraph graph, string folder, string connectionString)
    {
        _processes = new BotProcess?[count];
        Options = options;
        Entra = entra;
        Connector = connector;
        Graph = graph;
        _folder = folder;
        ConnectionString = connectionString;
        _direct = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
        Client = new HttpClient(new RoundRobin(this)) { BaseAddress = new Uri("http://round-robin.invalid/"), Timeout = TimeSpan.FromSeconds(60) };
        _settings = Settings();
    }

    public HarnessOptions Options { get; }

    public FakeEntra Entra { get; }

    public FakeBotConnector Connector { get; }

    public FakeGraph Graph { get; }

    /// <summary>Posts round-robin over the running instances.</summary>
    public HttpClient Client { get; }

    public string ConnectionString { get; }

    public int Count => _processes.Length;

    /// <summary>Activities posted through <see cref="Client"/> so far (a redelivery to another instance counts once).</summary>
    public long Posted => Interlocked.Read(ref _posted);

    /// <param name="configure">Settings of every instance (HarnessOptions.Settings); the storage is always PostgreSQL.</param>
    public static async Task<BotInstances> StartAsync(int count, Action<HarnessOptions>? configure = null)
    {
        var options = new HarnessOptions();
        configure?.Invoke(options);
        var entra = new FakeEntra();
        var connector = new FakeBotConnector();
        var graph = new FakeGraph();
        await entra.StartAsync();
        await connector.StartAsync();
        await graph.StartAsync();
        var folder = Directory.CreateTempSubdirectory("partnershipbot-instances-").FullName;

        // The fakes' self-signed certificate is the only root the bot processes trust (OpenSSL reads SSL_CERT_FILE).
        await File.WriteAllTextAsync(Path.Combine(folder, "fakes.pem"), TestCertificate.Instance.ExportCertificatePem());
        var connectionString = await (await PostgreSqlServer.SharedAsync()).CreateDatabaseAsync("instances");
        var bots = new BotInstances(count, options, entra, connector, graph, folder, connectionString);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(bots.StartInstanceAsync));
            return bots;
        }
        catch
        {
            await bots.DisposeAsync();
            throw;
        }
    }

    /// <summary>Someone talking to the bots, as in <see cref="BotHarness.User"/>.</summary>
    public TeamsUser User(string name, string? aadObjectId = null) => new(this, name, aadObjectId ?? $"aad-{name.ToLowerInvariant()}");

    /// <summary>SIGKILL: the instance stops at once, mid-turn or mid-send, holding whatever it held.</summary>
    public void Kill(int instance)
    {
        var process = _processes[instance] ?? throw new InvalidOperationException($"Instance {instance} is not running.");
        _processes[instance] = null;
        process.Kill();
        _killed.Add(process);
    }

    /// <summary>Starts the instance again (a new process on a new port, the same database), once it is healthy.</summary>
    public Task RestartAsync(int instance) => StartInstanceAsync(instance);

    /// <summary>Completes once <paramref name="count"/> activities have been posted through <see cref="Client"/>.</summary>
    public Task WhenPostedAsync(long count)
    {
        lock (_waits)
        {
            if (Posted >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waits.Add((count, reached));
            return reached.Task;
        }
    }

    /// <summary>Posts to one instance (not round-robin): a redelivery that lands on a chosen instance.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendToAsync(int instance, HttpRequestMessage request)
    {
        var process = _processes[instance] ?? throw new InvalidOperationException($"Instance {instance} is not running.");
        request.RequestUri = new Uri(process.BaseUrl, request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString);
        using var response = await _direct.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>What every instance wrote to its console, killed ones included (the last 2,000 lines of each process).</summary>
    public IReadOnlyList<string> Output => AllProcesses.SelectMany(p => p.Output).ToList();

    /// <summary>Warnings and errors every instance logged, killed ones included.</summary>
    public IReadOnlyList<string> Problems => AllProcesses.SelectMany(p => p.Problems).ToList();

    private IEnumerable<BotProcess> AllProcesses => _processes.OfType<BotProcess>().Concat(_killed);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, checking every 100 ms: what other processes do has no in-process
    /// signal to await. Fails naming <paramref name="what"/> after <paramref name="limit"/>.
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {limit} for {what}.");
            }

            await timer.WaitForNextTickAsync();
        }
    }

    private async Task StartInstanceAsync(int instance)
    {
        var process = BotProcess.Start(new BotLaunch(CrashSafetyTests.BotDll(), Path.Combine(_folder, "unused.db")) { Settings = _settings });
        TestProcesses.Adopt(process.Pid);
        try
        {
            await process.WaitHealthyAsync(_direct, TimeSpan.FromSeconds(60), CancellationToken.None);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        _processes[instance] = process;
    }

    /// <summary>What BotHarness sets in process, as environment settings of a deployed instance.</summary>
    private Dictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["DOTNET_ENVIRONMENT"] = "Testing",
            ["SSL_CERT_FILE"] = Path.Combine(_folder, "fakes.pem"),
            ["Storage:Provider"] = PartnershipBot.Storage.StorageOptions.PostgreSql,
            ["Storage:ConnectionString"] = ConnectionString,
            ["Bot:MicrosoftAppId"] = Options.AppId,
            ["Bot:MicrosoftAppPassword"] = "test-secret-value-do-not-log",
            ["Bot:MicrosoftAppTenantId"] = Options.TenantId,
            ["Bot:AllowedTenantIds:0"] = Options.TenantId,
            ["Bot:OpenIdMetadataUrl"] = Entra.BotFrameworkMetadataUrl,
            ["Bot:EntraAuthorityHost"] = Entra.BaseUrl,
            ["Bot:TrustedServiceUrls:0"] = "https://smba.example.invalid/",
            ["Bot:MaxRetryDelay"] = "00:00:02",
            ["Graph:BaseUrl"] = Graph.GraphBaseUrl,
        };
        foreach (var (key, value) in Options.Settings)
        {
            settings[key] = value ?? "";
        }

        return settings;
    }

    private void CountPosted()
    {
        var posted = Interlocked.Increment(ref _posted);
        lock (_waits)
        {
            foreach (var wait in _waits.Where(w => posted >= w.Count).ToList())
            {
                wait.Reached.TrySetResult();
                _waits.Remove(wait);
            }
        }
    }

    /// <summary>The next running instance after the last one used.</summary>
    private BotProcess NextInstance()
    {
        for (var tried = 0; tried < _processes.Length * 2; tried++)
        {
            var i = (int)((uint)Interlocked.Increment(ref _next) % (uint)_processes.Length);
            if (_processes[i] is { HasExited: false } process)
            {
                return process;
            }
        }

        throw new HttpRequestException("No bot instance is running.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in AllProcesses.ToList())
        {
            await process.DisposeAsync();
        }

        Client.Dispose();
        _direct.Dispose();
        await Entra.DisposeAsync();
        await Connector.DisposeAsync();
        await Graph.DisposeAsync();
        await (await PostgreSqlServer.SharedAsync()).DropDatabaseAsync(ConnectionString);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }

    /// <summary>
    /// Each request to the next running instance; when the instance refuses the connection or dies before answering,
    /// the same request (same activity id) goes to the next one, as Teams redelivers an activity that got no answer.
    /// </summary>
    private sealed class RoundRobin(BotInstances bots) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _inner = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(30) });

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            bots.CountPosted();
            for (var attempt = 1; ; attempt++)
            {
                var target = bots.NextInstance();
                using var copy = new HttpRequestMessage(request.Method, new Uri(target.BaseUrl, request.RequestUri!.PathAndQuery));
                foreach (var header in request.Headers)
                {
                    copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                if (body is not null)
                {
                    copy.Content = new ByteArrayContent(body);
                    foreach (var header in request.Content!.Headers)
                    {
                        copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    }
                }

                try
                {
                    return await _inner.SendAsync(copy, cancellationToken);
                }
                catch (HttpRequestException) when (attempt < 10 && !cancellationToken.IsCancellationRequested)
                {
                    // Refused or cut off by a killed instance: redelivered to the next one.
                }
            }
        }

        protected override void Dispose(bool disposing)
        {
            _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
