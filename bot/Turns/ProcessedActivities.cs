using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnershipBot.Protocol;

namespace PartnershipBot.Turns;

/// <summary>
/// Remembers recently handled activity ids per conversation, with the invoke response given, so an activity
/// Teams redelivers (it does when a bot is slow) is answered again without being processed again.
/// Responses are kept as JSON bytes (a card as a node tree takes about ten times the memory) within a byte
/// budget, so memory stays flat however many turns pass within the lifetime.
/// </summary>
internal sealed class ProcessedActivities(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const int PruneAbove = 20_000;
    private const long MaxBodyBytes = 16 * 1024 * 1024;
    private readonly ConcurrentDictionary<string, Entry> _seen = new(StringComparer.Ordinal);
    private readonly object _pruning = new();
    private long _bodyBytes;

    public bool TryGet(string conversationId, string activityId, out InvokeResponse? response)
    {
        if (_seen.TryGetValue(Key(conversationId, activityId), out var entry) && entry.Expires > time.GetUtcNow())
        {
            response = entry.Status is not { } status ? null
                : new InvokeResponse(status, entry.Body is null ? null : JsonNode.Parse(entry.Body));
            return true;
        }

        response = null;
        return false;
    }

    public void Remember(string conversationId, string activityId, InvokeResponse? response)
    {
        var now = time.GetUtcNow();
        var body = response?.Body is { } node ? JsonSerializer.SerializeToUtf8Bytes(node, ProtocolJson.Default.JsonNode) : null;
        var entry = new Entry(now + Lifetime, response?.Status, body);
        _seen.AddOrUpdate(Key(conversationId, activityId), entry, (_, old) =>
        {
            Interlocked.Add(ref _bodyBytes, -(old.Body?.Length ?? 0));
            return entry;
        });
        if (Interlocked.Add(ref _bodyBytes, body?.Length ?? 0) > MaxBodyBytes || _seen.Count > PruneAbove)
        {
            Prune(now);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        // One pruner at a time; turns that arrive meanwhile do not wait for it.
        if (!Monitor.TryEnter(_pruning))
        {
            return;
        }

        try
        {
            foreach (var (key, entry) in _seen)
            {
                if (entry.Expires <= now)
                {
                    Forget(key);
                }
            }

            // Still too many (or too large) within the lifetime: drop the oldest half rather than grow without bound.
            if (_seen.Count > PruneAbove || Interlocked.Read(ref _bodyBytes) > MaxBodyBytes)
            {
                // ToArray is the dictionary's own atomic snapshot; LINQ over the live dictionary throws when turns add meanwhile.
                var snapshot = _seen.ToArray();
                foreach (var key in snapshot.OrderBy(e => e.Value.Expires).Take(snapshot.Length / 2).Select(e => e.Key))
                {
                    Forget(key);
                }
            }
        }
        finally
        {
            Monitor.Exit(_pruning);
        }
    }

    private void Forget(string key)
    {
        if (_seen.TryRemove(key, out var removed))
        {
            Interlocked.Add(ref _bodyBytes, -(removed.Body?.Length ?? 0));
        }
    }

    private static string Key(string conversationId, string activityId) => conversationId + "\n" + activityId;

    /// <summary>A handled activity: until when it counts, and the invoke response (status and JSON body) it got, if any.</summary>
    private sealed record Entry(DateTimeOffset Expires, int? Status, byte[]? Body);
}
