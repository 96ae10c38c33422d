using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LiteDB;
using Npgsql;
using PartnershipBot.Storage.PostgreSql;

namespace PartnershipBot.Storage.Transfer;

/// <summary>
/// One store's content moved from a LiteDB file to PostgreSQL: read every record of its collection, write it to its
/// table as it is (versions, states and history kept), and fingerprint both sides the same way so the copy can be
/// checked record by record (count and SHA-256 over key, version, state and the record's JSON).
/// </summary>
internal interface IStoreTransfer
{
    /// <summary>What operators read in the report, e.g. "drafts".</summary>
    string Name { get; }

    string LiteDbCollection { get; }

    string PostgreSqlTable { get; }

    /// <summary>The store interfaces whose data this moves (the coverage test checks every registered store is named by one).</summary>
    IReadOnlyList<Type> Contracts { get; }

    /// <summary>Copies the collection into the table on the caller's transaction; returns the source's digest.</summary>
    Task<StoreDigest> CopyAsync(LiteDatabase source, NpgsqlConnection target, CancellationToken cancellationToken);

    /// <summary>The digest of what the table holds now, read back on the caller's transaction.</summary>
    Task<StoreDigest> DigestAsync(NpgsqlConnection target, CancellationToken cancellationToken);
}

/// <summary>A store's record count and checksum.</summary>
internal sealed record StoreDigest(int Count, string Checksum);

/// <summary>A record as moved: its key, stored version, the record, and state stored beside it (e.g. a grant's "used").</summary>
internal sealed record Moved<T>(string Key, int Version, T Record, string State = "");

internal sealed class StoreTransfer<T>(
    string name,
    string collection,
    string table,
    Type[] contracts,
    Func<BsonDocument, Moved<T>?> fromLiteDb,
    Func<NpgsqlConnection, Moved<T>, CancellationToken, Task> insert,
    string select,
    Func<NpgsqlDataReader, Moved<T>> fromPostgreSql) : IStoreTransfer
{
    public string Name => name;

    public string LiteDbCollection => collection;

    public string PostgreSqlTable => table;

    public IReadOnlyList<Type> Contracts => contracts;

    public async Task<StoreDigest> CopyAsync(LiteDatabase source, NpgsqlConnection target, CancellationToken cancellationToken)
    {
        var records = source.GetCollection(collection).FindAll().Select(fromLiteDb).OfType<Moved<T>>().ToList();
        foreach (var record in records)
        {
            await insert(target, record, cancellationToken);
        }

        return Digest(records);
    }

    public async Task<StoreDigest> DigestAsync(NpgsqlConnection target, CancellationToken cancellationToken)
    {
        await using var command = PostgreSqlDatabase.Command(target, select);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<Moved<T>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(fromPostgreSql(reader));
        }

        return Digest(records);
    }

    /// <summary>
    /// Both sides through the same serializer, with object keys sorted (jsonb keeps keys in its own order, so a
    /// dictionary read back from PostgreSQL comes in another order), records in key order: equal digests mean equal records.
    /// </summary>
    private static StoreDigest Digest(IEnumerable<Moved<T>> records)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var count = 0;
        foreach (var record in records.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{record.Key}\u001f{record.Version}\u001f{record.State}\u001f{CanonicalJson.Of(StorageJson.Serialize(record.Record))}\n"));
            count++;
        }

        return new StoreDigest(count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}

/// <summary>JSON with object keys in ordinal order at every level, so two stores' copies of a record compare as text.</summary>
internal static class CanonicalJson
{
    public static string Of(string json) => Sorted(JsonNode.Parse(json))?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        null => null,
        _ => JsonNode.Parse(node.ToJsonString()),
    };
}
