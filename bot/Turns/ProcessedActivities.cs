using System.Collections.Concurrent;

namespace PartnershipBot.Turns;

/// <summary>
/// Remembers recently handled activity ids per conversation, with the invoke response given, so an activity
/// Teams redelivers (it does when a bot is slow) is answered again without being processed again. In process: the
/// LiteDB backend's (one process holds the file); PostgreSQL keeps them in a table (PostgreSqlProcessedActivities).
/// Responses are kept as the JSON bytes sent (a card as a node tree takes about ten times the memory) within a byte
/// budget, so memory stays flat however many turns pass within the lifetime.
/// </summary>
internal sealed class ProcessedActivities(TimeProvider time) : IProcessedActivities
{
    private static readonly TimeSpan Lifetime = IProcessedActivities.Lifetime;
    private const int PruneAbove = 20_000;
    private const long MaxBodyBytes = 16 * 1024 * 1024;
    private readonly ConcurrentDictionary<string, Entry> _seen = new(StringComparer.Ordinal);
    private readonly object _pruning = new();
    private long _bodyBytes;

    public Task<ProcessedActivity?> FindAsync(string conversationId, string activityId, CancellationToken cancellationToken) =>
        Task.FromResult(TryGet(conversationId, activityId, out var response) ? new ProcessedActivity(response) : null);

    public Task RememberAsync(string conversationId, string activityId, TurnResponse? response, CancellationToken cancellationToken)
    {
        Remember(conversationId, activityId, response);
        return Task.CompletedTask;
    }

    public bool TryGet(string conversationId, string activityId, out TurnResponse? response)
    {
        if (_seen.TryGetValue(Key(conversationId, activityId), out var entry) && entry.Expires > time.GetUtcNow())
        {
            response = entry.Response;
            return true;
        }

        response = null;
        return false;
    }

    public void Remember(string conversationId, string activityId, TurnResponse? response)
    {
        var now = time.GetUtcNow();
        var entry = new Entry(now + Lifetime, response);
        _seen.AddOrUpdate(Key(conversationId, activityId), entry, (_, old) =>
        {
            Interlocked.Add(ref _bodyBytes, -old.BodyBytes);
            return entry;
        });
        if (Interlocked.Add(ref _bodyBytes, entry.BodyBytes) > MaxBodyBytes || _seen.Count > PruneAbove)
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
            Interlocked.Add(ref _bodyBytes, -removed.BodyBytes);
        }
    }

    private static string Key(string conversationId, string activityId) => conversationId + "\n" + activityId;

    /// <summary>A handled activity: until when it counts, and the response it got, if any.</summary>
    private sealed record Entry(DateTimeOffset Expires, TurnResponse? Response)
    {
        public int BodyBytes => Response?.Json?.Length ?? 0;
    }
}
