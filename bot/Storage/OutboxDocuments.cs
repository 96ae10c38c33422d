using LiteDB;
using PartnershipBot.Notifications;

namespace PartnershipBot.Storage;

/// <summary>
/// Adds outbox messages inside another repository's write. Stand-in until the notifications feature's
/// LiteDbOutbox.Add lands on main; same collection and document shape, so the dispatcher reads them.
/// </summary>
internal static class OutboxDocuments
{
    public const string CollectionName = "outbox";

    public static void Add(LiteDatabase db, IEnumerable<OutboxMessage> messages, DateTimeOffset now)
    {
        var outbox = db.GetCollection(CollectionName);
        foreach (var message in messages)
        {
            var fresh = message with { Status = OutboxStatus.Pending, CreatedAt = now, NextAttemptAt = now };
            StoredDocument.TrySaveVersioned(outbox, StoredDocument.ToBson(fresh.IdempotencyKey, 0, fresh,
                ("status", fresh.Status.ToString()), ("due", fresh.NextAttemptAt.UtcTicks),
                ("topic", fresh.Topic is null ? BsonValue.Null : fresh.Topic), ("kind", fresh.Kind.ToString())), expectedVersion: 0);
        }
    }
}
