using Microsoft.Extensions.DependencyInjection;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Tests.Tab;

/// <summary>
/// A tab request reads the whole register once: its role check and its page work from the same read (with a whole
/// council's register each read parses megabytes of entries).
/// </summary>
public sealed class TabRegisterReadTests : IAsyncLifetime
{
    private readonly CountingRepository.Counter _reads = new();
    private TabBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TabBot.StartAsync(o => o.Services = services =>
    {
        var stored = services.Single(d => d.ServiceType == typeof(IPartnershipRepository));
        services.Remove(stored);
        services.AddSingleton(stored.ImplementationType!);
        services.AddSingleton<IPartnershipRepository>(sp => new CountingRepository((IPartnershipRepository)sp.GetRequiredService(stored.ImplementationType!), _reads));
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData("/api/tab/register")]
    [InlineData("/api/tab/partnerships/kp03")]
    [InlineData("/api/tab/hallmarks")]
    [InlineData("/api/tab/due")]
    public async Task Request_AsTheLeadOfficer_ReadsTheRegisterOnce(string path)
    {
        var before = _reads.All;

        using var response = await _bot.GetAsAsync(path, TabBot.Hcs);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _reads.All - before);
    }

    [Fact]
    public async Task Requests_OneAfterAnother_EachReadsWhatIsStoredThen()
    {
        using var first = await _bot.GetAsAsync("/api/tab/register", TabBot.Ppm);
        var kp03 = (await _bot.Register.FindAsync("kp03", default))!;
        Assert.True(await _bot.Harness.Get<IPartnershipRepository>().TrySaveAsync(kp03 with { Name = "Renamed Safety Partnership" }, kp03.Version, default));

        using var second = await _bot.GetAsAsync("/api/tab/register", TabBot.Ppm);

        Assert.DoesNotContain("Renamed Safety Partnership", await first.Content.ReadAsStringAsync());
        Assert.Contains("Renamed Safety Partnership", await second.Content.ReadAsStringAsync());
    }

    private sealed class CountingRepository(IPartnershipRepository inner, CountingRepository.Counter counter) : IPartnershipRepository
    {
        public Task<IReadOnlyList<Partnership>> AllAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter.Reads);
            return inner.AllAsync(cancellationToken);
        }

        public Task<Partnership?> FindAsync(string id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

        public Task<bool> TrySaveAsync(Partnership partnership, int expectedVersion, CancellationToken cancellationToken) =>
            inner.TrySaveAsync(partnership, expectedVersion, cancellationToken);

        public Task<bool> TrySaveAsync(Partnership partnership, int expectedVersion, IReadOnlyList<PartnershipBot.Notifications.OutboxMessage> notifications, CancellationToken cancellationToken) =>
            inner.TrySaveAsync(partnership, expectedVersion, notifications, cancellationToken);

        public Task<bool> SeedOnceAsync(IReadOnlyList<Partnership> seeds, CancellationToken cancellationToken) => inner.SeedOnceAsync(seeds, cancellationToken);

        public sealed class Counter
        {
            public int Reads;

            public int All => Volatile.Read(ref Reads);
        }
    }
}
