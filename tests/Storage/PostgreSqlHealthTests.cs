using System.Net;
using Npgsql;
using PartnershipBot.Storage;
using PartnershipBot.Storage.PostgreSql;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Storage;

/// <summary>/healthz on PostgreSQL: the schema version while the database answers, 503 (without secrets) once it does not.</summary>
public sealed class PostgreSqlHealthTests
{
    [Fact]
    public async Task Healthz_DatabaseAnswersThenIsGone_OkWithTheSchemaVersionThen503()
    {
        var connectionString = await (await PostgreSqlServer.SharedAsync()).CreateDatabaseAsync("health");
        await using var bot = await BotHarness.StartAsync(o =>
        {
            o.Settings["Storage:Provider"] = StorageOptions.PostgreSql;
            o.Settings["Storage:ConnectionString"] = connectionString;
        });

        using (var healthy = await bot.Client.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
            Assert.Equal($"OK (database: PostgreSql, schema {PostgreSqlMigrations.Latest})", await healthy.Content.ReadAsStringAsync());
        }

        await DropAsync(connectionString);

        using var gone = await bot.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
        Assert.Equal("The database is not usable (PostgreSql: The database cannot be reached.)", await gone.Content.ReadAsStringAsync());
    }

    /// <summary>Drops the bot's database from the maintenance database, ending the bot's sessions on it.</summary>
    private static async Task DropAsync(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var name = settings.Database!;
        settings.Database = "postgres";
        settings.Pooling = false;
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
