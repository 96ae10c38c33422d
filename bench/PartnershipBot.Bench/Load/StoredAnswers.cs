using System.Text.RegularExpressions;
using LiteDB;
using Npgsql;
using PartnershipBot.Bench.Play;

namespace PartnershipBot.Bench.Load;

/// <summary>What the bot's database file holds, read after the bot is down: the answer tokens found and the documents counted.</summary>
internal sealed record StoredAnswers(HashSet<string> Tokens, IReadOnlyDictionary<string, int> DocumentsByCollection)
{
    /// <summary>
    /// Opens the file as the bot does (LiteDB direct mode, which replays its log file if a commit was in flight),
    /// without any repair option, and collects every answer token in every document. Throws if it does not open.
    /// </summary>
    public static StoredAnswers Read(string databasePath)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var pattern = new Regex(CardPlayer.TokenPattern, RegexOptions.CultureInvariant);
        using var database = new LiteDatabase(new ConnectionString { Filename = databasePath, Connection = ConnectionType.Direct });
        foreach (var name in database.GetCollectionNames())
        {
            var count = 0;
            foreach (var document in database.GetCollection(name).FindAll())
            {
                count++;
                foreach (Match match in pattern.Matches(JsonSerializer.Serialize(document)))
                {
                    tokens.Add(match.Value);
                }
            }

            counts[name] = count;
        }

        return new StoredAnswers(tokens, counts);
    }

    /// <summary>
    /// The same from a PostgreSQL database (every table with a <c>doc</c> column), read once the bot instances are
    /// killed: what they committed is what PostgreSQL holds.
    /// </summary>
    public static async Task<StoredAnswers> ReadPostgreSqlAsync(string connectionString)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var pattern = new Regex(CardPlayer.TokenPattern, RegexOptions.CultureInvariant);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'doc'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            var count = 0;
            await using var select = new NpgsqlCommand($"SELECT doc::text FROM \"{table}\"", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                count++;
                foreach (Match match in pattern.Matches(reader.GetString(0)))
                {
                    tokens.Add(match.Value);
                }
            }

            counts[table] = count;
        }

        return new StoredAnswers(tokens, counts);
    }

    /// <summary>The acknowledged tokens that are not in the database (should be none).</summary>
    public IReadOnlyList<string> Missing(IEnumerable<string> acknowledged) => acknowledged.Where(t => !Tokens.Contains(t)).ToList();
}
