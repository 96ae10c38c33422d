using Npgsql;
using PartnershipBot.Notifications;
using PartnershipBot.Storage;
using PartnershipBot.Storage.LiteDb;

namespace PartnershipBot.Tests.Harness;

/// <summary>
/// Records read straight from a harnessed bot's database (LiteDB file or PostgreSQL), for assertions on what was
/// written that no store method lists.
/// </summary>
internal static class StoredRecords
{
    /// <summary>Every outbox message, whatever its status, in key order on both backends.</summary>
    public static IReadOnlyList<OutboxMessage> Outbox(BotHarness bot)
    {
        if (bot.ConnectionString is null)
        {
            return bot.Get<LiteDbStore>().Collection("outbox").FindAll().Select(StoredDocument.FromBson<OutboxMessage>).ToList();
        }

        // A connection of the test's own, synchronous: callers are plain helpers, and the bot's pool stays the bot's.
        var builder = new NpgsqlConnectionStringBuilder(bot.ConnectionString) { Pooling = false };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT doc::text FROM outbox ORDER BY key COLLATE \"C\"", connection);
        using var reader = command.ExecuteReader();
        var found = new List<OutboxMessage>();
        while (reader.Read())
        {
            found.Add(StorageJson.Deserialize<OutboxMessage>(reader.GetString(0), "outbox"));
        }

        return found;
    }
}
