using Npgsql;
using PartnershipBot.Notifications;
using PartnershipBot.Storage;
using PartnershipBot.Storage.LiteDb;
using PartnershipBot.Storage.PostgreSql;

namespace PartnershipBot.Tests.Harness;

/// <summary>
/// Records read straight from a bot's database (LiteDB file or PostgreSQL), for assertions on what was written
/// that no store method lists, or that bots in other processes wrote. PostgreSQL reads are synchronous, on a
/// connection of the test's own (callers are plain helpers; the bot's pool stays the bot's).
/// </summary>
internal static class StoredRecords
{
    /// <summary>Every outbox message, whatever its status, in key order on both backends.</summary>
    public static IReadOnlyList<OutboxMessage> Outbox(BotHarness bot) =>
        bot.ConnectionString is null
            ? bot.Get<LiteDbStore>().Collection("outbox").FindAll().Select(StoredDocument.FromBson<OutboxMessage>).ToList()
            : Outbox(bot.ConnectionString);

    public static IReadOnlyList<OutboxMessage> Outbox(string connectionString) =>
        Documents<OutboxMessage>(connectionString, "SELECT doc::text FROM outbox ORDER BY key COLLATE \"C\"");

    /// <summary>The JSON documents (first column) a query returns, read as <typeparamref name="T"/>.</summary>
    public static IReadOnlyList<T> Documents<T>(string connectionString, string sql, params object?[] values) =>
        Texts(connectionString, sql, values).Select(json => StorageJson.Deserialize<T>(json, typeof(T).Name)).ToList();

    /// <summary>The first column of every row, as text.</summary>
    public static IReadOnlyList<string> Texts(string connectionString, string sql, params object?[] values)
    {
        using var connection = Open(connectionString);
        using var command = PostgreSqlDatabase.Command(connection, sql, values);
        using var reader = command.ExecuteReader();
        var found = new List<string>();
        while (reader.Read())
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    public static int Execute(string connectionString, string sql, params object?[] values)
    {
        using var connection = Open(connectionString);
        using var command = PostgreSqlDatabase.Command(connection, sql, values);
        return command.ExecuteNonQuery();
    }

    private static NpgsqlConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }
}
