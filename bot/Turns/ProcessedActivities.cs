using System.Collections.Concurrent;
using PartnershipBot.Protocol;

namespace PartnershipBot.Turns;

/// <summary>
/// Remembers recently handled activity ids per conversation, with the invoke response given, so an activity
/// Teams redelivers (it does when a bot is slow) is answered again without being processed again.
/// </summary>
internal sealed class ProcessedActivities(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const int PruneAbove = 20_000;
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, InvokeResponse? Response)> _seen = new(StringComparer.Ordinal);

    public bool TryGet(string conversationId, string activityId, out InvokeResponse? response)
    {
        if (_seen.TryGetValue(Key(conversationId, activityId), out var entry) && entry.Expires > time.GetUtcNow())
        {
            response = entry.Response;
            return true;
        }

        response = null;
        return false;
    }

    public void Remember(string conversationId, string activityId, InvokeResponse? response)
    {
        var now = time.GetUtcNow();
        _seen[Key(conversationId, activityId)] = (now + Lifetime, response);
        if (_seen.Count > PruneAbove)
        {
            Prune(now);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _seen)
        {
            if (entry.Expires <= now)
            {
                _seen.TryRemove(key, out _);
            }
        }

        // Still too many within the lifetime: drop the oldest half rather than grow without bound.
        if (_seen.Count > PruneAbove)
        {
            foreach (var key in _seen.OrderBy(e => e.Value.Expires).Take(_seen.Count / 2).Select(e => e.Key).ToList())
            {
                _seen.TryRemove(key, out _);
            }
        }
    }

    private static string Key(string conversationId, string activityId) => conversationId + "\n" + activityId;
}
