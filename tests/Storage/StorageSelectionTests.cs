using PartnershipBot.Hosting;
using PartnershipBot.Storage;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Storage;

/// <summary>Storage:Provider picks the backend; bad storage settings stop start-up with one line naming the setting.</summary>
public sealed class StorageSelectionTests
{
    [Theory]
    [InlineData("Oracle", "Storage:Provider must be LiteDb (the default) or PostgreSql, not 'Oracle'.")]
    [InlineData("PostgreSql", "Storage:ConnectionString must be set when Storage:Provider is PostgreSql")]
    [InlineData("PostgreSql", "Storage:ConnectionString is not a PostgreSQL connection string", "Hots=db;Database=x")]
    [InlineData("PostgreSql", "Storage:ConnectionString: cannot use the PostgreSQL database 'nowhere' on 127.0.0.1:1 (", "Host=127.0.0.1;Port=1;Database=nowhere;Username=bot;Password=secret-pw;Timeout=3")]
    public async Task Start_BadStorageSettings_FailsWithOneLineNamingTheSetting(string provider, string expected, string? connectionString = null)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => BotHarness.StartAsync(o =>
        {
            o.Settings["Storage:Provider"] = provider;
            o.Settings["Storage:ConnectionString"] = connectionString;
        }));

        var problem = Assert.Single(ConfigurationErrors.From(error));
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("litedb")]
    [InlineData("LiteDb")]
    public void Validate_LiteDbOrDefault_IsAccepted(string? provider) =>
        Assert.True(new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = provider! }).Succeeded);

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Validate_TurnsAtOnceOutOfRange_NamesTheSetting(int turnsAtOnce)
    {
        var result = new StorageOptionsValidator().Validate(null,
            new StorageOptions { Provider = "PostgreSql", ConnectionString = "Host=127.0.0.1;Database=x", TurnsAtOnce = turnsAtOnce });

        Assert.Equal("Storage:TurnsAtOnce must be between 1 and 1000 (or left out: four per processor).", Assert.Single(result.Failures!));
    }

    [Fact]
    public async Task Start_Default_UsesLiteDbAndHealthNamesIt()
    {
        await using var bot = await BotHarness.StartAsync();

        Assert.IsType<LiteDbStorage>(bot.Get<IStorage>());
        using var health = await bot.Client.GetAsync("/healthz");
        Assert.Equal("OK (database: LiteDb, schema 1)", await health.Content.ReadAsStringAsync());
    }
}
