namespace PartnershipBot.Storage.LiteDb;

/// <summary>
/// Leases on LiteDB records, kept in memory: the file is opened by one process only, so its leases die with it,
/// exactly as a crashed instance's leases expire in PostgreSQL. Same contract as the PostgreSQL columns.
/// </summary>
internal sealed class LeaseBook
{
    private readonly Dictionary<string, (string Owner, DateTimeOffset Until)> _leases = new(StringComparer.Ordinal);

    /// <summary>Takes up to <paramref name="max"/> of <paramref name="candidates"/> (in their order) that no live lease holds.</summary>
    public List<T> Claim<T>(IEnumerable<T> candidates, Func<T, string> keyOf, int max, string owner, DateTimeOffset now, DateTimeOffset until)
    {
        var claimed = new List<T>();
        lock (_leases)
        {
            foreach (var candidate in candidates)
            {
                if (claimed.Count >= max)
                {
                    break;
                }

                var key = keyOf(candidate);
                if (_leases.TryGetValue(key, out var lease) && lease.Until > now)
                {
                    continue;
                }

                _leases[key] = (owner, until);
                claimed.Add(candidate);
            }
        }

        return claimed;
    }

    /// <summary>When a live lease on <paramref name="key"/> ends, or null.</summary>
    public DateTimeOffset? HeldUntil(string key, DateTimeOffset now)
    {
        lock (_leases)
        {
            return _leases.TryGetValue(key, out var lease) && lease.Until > now ? lease.Until : null;
        }
    }

    public void Release(string key)
    {
        lock (_leases)
        {
            _leases.Remove(key);
        }
    }
}
