using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Storage;

namespace PartnershipBot.Tests.Storage;

/// <summary>
/// One backend for the storage contract tests: each test class gets one fixture (one per backend), and each test
/// opens its own empty database through it. Contract classes are generic over the backend and have one sealed
/// subclass per backend, so the same tests run against each.
/// </summary>
public abstract class StorageBackend : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("storage-contract-").FullName;
    private int _databases;

    public abstract string Provider { get; }

    /// <summary>The Storage settings of a new, empty database named <paramref name="name"/>.</summary>
    protected abstract Task<Dictionary<string, string?>> NewDatabaseSettingsAsync(string name, string folder);

    /// <summary>The backend's storage services on a new, empty database, opened as at start-up.</summary>
    internal Task<StorageServices> OpenAsync(FakeTimeProvider time, params ICommitObserver[] observers) =>
        OpenAsync(time, new Dictionary<string, string?>(), observers);

    /// <summary>As <see cref="OpenAsync(FakeTimeProvider, ICommitObserver[])"/>, with more settings of the Storage section.</summary>
    internal async Task<StorageServices> OpenAsync(FakeTimeProvider time, IReadOnlyDictionary<string, string?> more, params ICommitObserver[] observers)
    {
        var name = $"db{Interlocked.Increment(ref _databases)}";
        var settings = await NewDatabaseSettingsAsync(name, _folder);
        settings["Storage:Provider"] = Provider;
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return StorageServices.Open(settings, _folder, time, observers);
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>LiteDB: a new file per database.</summary>
public sealed class LiteDbBackend : StorageBackend
{
    public override string Provider => StorageOptions.LiteDb;

    protected override Task<Dictionary<string, string?>> NewDatabaseSettingsAsync(string name, string folder) =>
        Task.FromResult(new Dictionary<string, string?> { ["Storage:DatabasePath"] = Path.Combine(folder, name + ".db") });
}

/// <summary>PostgreSQL: the test run's throwaway cluster (tests/Harness/PostgreSqlServer), a new database per database asked for.</summary>
public sealed class PostgreSqlBackend : StorageBackend
{
    public override string Provider => StorageOptions.PostgreSql;

    protected override async Task<Dictionary<string, string?>> NewDatabaseSettingsAsync(string name, string folder)
    {
        var server = await Harness.PostgreSqlServer.SharedAsync();
        return new Dictionary<string, string?> { ["Storage:ConnectionString"] = await server.CreateDatabaseAsync("contract_" + name) };
    }
}

/// <summary>A storage backend's services as the bot registers them (AddStorage), without the rest of the bot.</summary>
internal sealed class StorageServices : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly Dictionary<string, string?> _settings;
    private readonly string _contentRoot;

    private StorageServices(ServiceProvider services, Dictionary<string, string?> settings, string contentRoot)
    {
        _services = services;
        _settings = settings;
        _contentRoot = contentRoot;
    }

    public static StorageServices Open(Dictionary<string, string?> settings, string contentRoot, TimeProvider time, ICommitObserver[] observers)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new HostingEnvironment { ContentRootPath = contentRoot, EnvironmentName = "Testing" });
        foreach (var observer in observers)
        {
            services.AddSingleton(observer);
        }

        services.AddStorage(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.OpenStorage();
        return new StorageServices(provider, settings, contentRoot);
    }

    /// <summary>Another instance on the same database, as a second process would open it (PostgreSQL only: LiteDB allows one process).</summary>
    public StorageServices OpenAnotherInstance(TimeProvider time, params ICommitObserver[] observers) =>
        Open(new Dictionary<string, string?>(_settings), _contentRoot, time, observers);

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public IServiceProvider Services => _services;

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>Records after-commit calls.</summary>
internal sealed class RecordingObserver : ICommitObserver
{
    private readonly List<CommitSummary> _seen = [];

    public IReadOnlyList<CommitSummary> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public void Committed(CommitSummary summary)
    {
        lock (_seen)
        {
            _seen.Add(summary);
        }
    }
}
