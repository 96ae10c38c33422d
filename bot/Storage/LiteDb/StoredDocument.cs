using System.Text.Json;
using LiteDB;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>
/// Records are stored as JSON text plus the few top-level fields queries need, so feature records stay plain C#
/// (no LiteDB attributes) and a record's shape can change without a LiteDB mapping.
/// </summary>
internal static class StoredDocument
{
    public const string VersionField = "v";
    private const string JsonField = "json";

    public static readonly JsonSerializerOptions Json = StorageJson.Options;

    public static BsonDocument ToBson<T>(string id, int version, T value, params (string Field, BsonValue Value)[] indexed)
    {
        var doc = new BsonDocument
        {
            ["_id"] = id,
            [VersionField] = version,
            [JsonField] = JsonSerializer.Serialize(value, Json),
        };
        foreach (var (field, fieldValue) in indexed)
        {
            doc[field] = fieldValue;
        }

        return doc;
    }

    public static T FromBson<T>(BsonDocument doc) =>
        JsonSerializer.Deserialize<T>(doc[JsonField].AsString, Json)
        ?? throw new InvalidDataException($"Stored document {doc["_id"]} is empty.");

    /// <summary>The record's JSON as stored (for moving it as it is).</summary>
    public static string JsonOf(BsonDocument doc) => doc[JsonField].AsString;

    public static int VersionOf(BsonDocument? doc) => doc?[VersionField].AsInt32 ?? 0;

    /// <summary>
    /// A query with its values as parameters (@0, @1, ...). LiteDB compiles every distinct expression text and keeps
    /// it for the life of the process, so a value written into the text (as Query.EQ does) costs a compile (~1 ms)
    /// and a few KB that are never freed, for every user id or timestamp ever queried.
    /// </summary>
    public static BsonExpression Where(string predicate, params BsonValue[] values) => BsonExpression.Create(predicate, values);

    /// <summary>
    /// Saves only when the stored version is still <paramref name="expectedVersion"/> (0 = must not exist yet).
    /// Runs on the writer thread, so the check and the write are one step.
    /// </summary>
    public static bool TrySaveVersioned(ILiteCollection<BsonDocument> collection, BsonDocument doc, int expectedVersion)
    {
        var current = VersionOf(collection.FindById(doc["_id"]));
        if (current != expectedVersion)
        {
            return false;
        }

        doc[VersionField] = expectedVersion + 1;
        collection.Upsert(doc);
        return true;
    }
}
