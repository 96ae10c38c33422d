using System.Net.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PartnershipBot.Tests.Fakes;

namespace PartnershipBot.Tests.Harness;

/// <summary>What a test changes about the bot it runs.</summary>
public sealed class HarnessOptions
{
    /// <summary>True: the bot has an app id and checks real signed tokens. False: local development mode.</summary>
    public bool Authenticated { get; set; } = true;

    public string AppId { get; set; } = "11111111-2222-3333-4444-555555555555";

    public string TenantId { get; set; } = "tenant-contoso";

    /// <summary>The host environment; by default Testing, or Development when not <see cref="Authenticated"/> (the only one that allows it).</summary>
    public string? Environment { get; set; }

    public TimeProvider? Time { get; set; }

    /// <summary>The storage backend: a LiteDB file in the harness's temp folder (default), or a fresh database on the test run's PostgreSQL cluster.</summary>
    public BotStorage Storage { get; set; } = BotStorage.LiteDb;

    /// <summary>True: the bot listens on a real loopback port (Kestrel), for a browser; <see cref="BotHarness.Client"/> uses it.</summary>
    public bool RealServer { get; set; }

    /// <summary>True: an authenticated bot gets Bot:AllowedTenantIds:0 = <see cref="TenantId"/> (required outside Development for MultiTenant bots).</summary>
    public bool AllowOwnTenantOnly { get; set; } = true;

    /// <summary>Extra configuration, e.g. ["Bot:AllowedTenantIds:0"] = "x".</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    public Action<IServiceCollection>? Services { get; set; }
}

/// <summary>Where a harnessed bot stores its data.</summary>
public enum BotStorage
{
    LiteDb,
    PostgreSql,
}

/// <summary>
/// The bot's real ASP.NET Core pipeline in-process, with a fake Bot Connector and fake Entra/OpenID servers on
/// 127.0.0.1 and a LiteDB file in a temp folder, or its own database on the test run's PostgreSQL cluster
/// (<see cref="HarnessOptions.Storage"/>). Conversations are driven through <see cref="User"/>.
/// </summary>
public sealed class BotHarness : IBotUnderTest, IAsyncDisposable
{
    private readonly HarnessOptions _options;
    private readonly bool _ownsFakes;
    private WebApplicationFactory<Program> _factory = null!;
    private readonly string _folder;

    private BotHarness(HarnessOptions options, FakeEntra entra, FakeBotConnector connector, string folder, bool ownsFakes)
    {
        _options = options;
        Entra = entra;
        Connector = connector;
        _folder = folder;
        _ownsFakes = ownsFakes;
    }

    public FakeEntra Entra { get; }

    public FakeBotConnector Connector { get; }

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Off-machine connections the bot tried (refused); any left at disposal fail the test.</summary>
    public LoopbackOnlyConnections Network { get; } = new();

    public IServiceProvider Services => _factory.Services;

    public HarnessOptions Options => _options;

    public string DatabasePath => Path.Combine(_folder, "partnershipbot.db");

    /// <summary>The bot's PostgreSQL database (kept across <see cref="RestartAsync"/>), or null on LiteDB.</summary>
    public string? ConnectionString { get; private set; }

    public TestLogSink Logs { get; } = new();

    public static async Task<BotHarness> StartAsync(Action<HarnessOptions>? configure = null)
    {
        var options = new HarnessOptions();
        configure?.Invoke(options);
        var entra = new FakeEntra();
        var connector = new FakeBotConnector();
        await entra.StartAsync();
        await connector.StartAsync();
        var folder = Directory.CreateTempSubdirectory("partnershipbot-test-").FullName;
        var harness = new BotHarness(options, entra, connector, folder, ownsFakes: true);
        if (options.Storage == BotStorage.PostgreSql)
        {
            harness.ConnectionString = await (await PostgreSqlServer.SharedAsync()).CreateDatabaseAsync("bot");
        }

        harness.Boot();
        return harness;
    }

    /// <summary>
    /// Stops the bot and starts a new instance on the same database file and fakes, like a process restart;
    /// <paramref name="whileStopped"/> runs when the old instance is gone and the new one not yet started.
    /// </summary>
    public async Task RestartAsync(Action? whileStopped = null)
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        whileStopped?.Invoke();
        Boot();
    }

    public TeamsUser User(string name, string? aadObjectId = null) => new(this, name, aadObjectId ?? $"aad-{name.ToLowerInvariant()}");

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    private void Boot()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(_options.Environment ?? (_options.Authenticated ? "Testing" : "Development"));
            web.UseSetting("Storage:DatabasePath", DatabasePath);
            if (ConnectionString is not null)
            {
                web.UseSetting("Storage:Provider", PartnershipBot.Storage.StorageOptions.PostgreSql);
                web.UseSetting("Storage:ConnectionString", ConnectionString);
            }
            web.UseSetting("Bot:MicrosoftAppId", _options.Authenticated ? _options.AppId : "");
            web.UseSetting("Bot:MicrosoftAppPassword", _options.Authenticated ? "test-secret-value-do-not-log" : "");
            web.UseSetting("Bot:MicrosoftAppTenantId", _options.TenantId);
            if (_options.AllowOwnTenantOnly && _options.Authenticated)
            {
                // Refused empty outside Development for the (default) MultiTenant type; tests add others as ":1".
                web.UseSetting("Bot:AllowedTenantIds:0", _options.TenantId);
            }
            web.UseSetting("Bot:OpenIdMetadataUrl", Entra.BotFrameworkMetadataUrl);
            web.UseSetting("Bot:EntraAuthorityHost", Entra.BaseUrl);
            web.UseSetting("Bot:TrustedServiceUrls:0", "https://smba.example.invalid/");
            web.UseSetting("Bot:MaxRetryDelay", "00:00:02");

            // Graph is configured whenever the bot has an app id; tests without a FakeGraph get a closed loopback port.
            web.UseSetting("Graph:BaseUrl", "https://127.0.0.1:9/v1.0");
            web.UseSetting("Logging:LogLevel:Default", "Debug");
            web.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Information");
            foreach (var (key, value) in _options.Settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
            web.ConfigureTestServices(services =>
            {
                // The fakes' HTTPS certificate is self-signed: the bot's HTTP clients trust exactly it, nothing else changes.
                // Every connection goes through the network guard: nothing a test starts leaves this machine.
                services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    UseProxy = false,
                    ConnectCallback = Network.ConnectAsync,
                    SslOptions = new SslClientAuthenticationOptions
                    {
                        RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                            errors == SslPolicyErrors.None || TestCertificate.IsTestCertificate(certificate as System.Security.Cryptography.X509Certificates.X509Certificate2),
                    },
                }));
                if (_options.Time is { } time)
                {
                    services.RemoveAll<TimeProvider>();
                    services.AddSingleton(time);
                }

                _options.Services?.Invoke(services);
            });
        });
        if (_options.RealServer)
        {
            _factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
            _factory.StartServer();
        }

        Client = _factory.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        if (_ownsFakes)
        {
            await Entra.DisposeAsync();
            await Connector.DisposeAsync();
        }

        if (ConnectionString is not null)
        {
            await (await PostgreSqlServer.SharedAsync()).DropDatabaseAsync(ConnectionString);
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a crashed test: leave it to the OS temp cleaner.
        }

        // Checked last, once everything is stopped and removed, so the failure leaves nothing behind.
        var refused = Network.Refused;
        if (refused.Count > 0)
        {
            throw new InvalidOperationException(
                "The bot tried to connect off this machine (refused by the test network guard): " + string.Join(", ", refused));
        }
    }
}
