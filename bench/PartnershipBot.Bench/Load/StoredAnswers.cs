using System.Text.RegularExpressions;
using LiteDB;
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

    /// <summary>The acknowledged tokens that are not in the database (should be none).</summary>
    public IReadOnlyList<string> Missing(IEnumerable<string> acknowledged) => acknowledged.Where(t => !Tokens.Contains(t)).ToList();
}
