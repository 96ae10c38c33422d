using System.Collections.Concurrent;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Storage;

/// <summary>
/// The latest stored revision of drafts in progress, so a turn does not read and deserialise the whole draft (with
/// its growing history) from LiteDB every time. Write-through: filled by reads and by successful saves, never ahead
/// of the database. Bounded by count and by bytes (drafts differ in size by orders of magnitude); closed drafts leave
/// at once. The database stays the truth: saves still check the stored revision, and a failed or conflicting save
/// drops the entry.
/// </summary>
internal sealed class OpenDraftCache(int capacity = OpenDraftCache.DefaultCapacity, long maxBytes = OpenDraftCache.DefaultMaxBytes)
{
    /// <summary>Drafts kept at most; more than the officers answering at once, far fewer than all drafts ever.</summary>
    public const int DefaultCapacity = 1024;

    /// <summary>Memory the kept drafts may take (estimated); a full draft is about 2 MB, a usual one a few KB.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>Estimated memory of a draft beyond its text: records, dictionaries, strings' headers.</summary>
    private const int OverheadBytes = 4096;

    private readonly ConcurrentDictionary<string, Entry> _drafts = new(StringComparer.Ordinal);
    private readonly object _pruning = new();
    private long _bytes;

    // A use counter, not the clock: uses within one clock tick still have an order.
    private long _uses;

    public int Count => _drafts.Count;

    /// <summary>Estimated bytes of the drafts kept now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public bool TryGet(string draftId, out Draft draft)
    {
        if (_drafts.TryGetValue(draftId, out var entry))
        {
            entry.LastUsed = Interlocked.Increment(ref _uses);
            draft = entry.Draft;
            return true;
        }

        draft = null!;
        return false;
    }

    /// <summary>Keeps a draft as stored, unless a later revision is already kept; a closed draft is dropped.</summary>
    public void Put(Draft draft)
    {
        if (draft.Status != DraftStatus.InProgress)
        {
            Forget(draft.Id);
            return;
        }

        var fresh = new Entry(draft, EstimateBytes(draft)) { LastUsed = Interlocked.Increment(ref _uses) };
        if (fresh.Bytes > maxBytes / 4)
        {
            // One draft may not push the others out: read from the database each time instead.
            Forget(draft.Id);
            return;
        }

        while (true)
        {
            if (_drafts.TryGetValue(draft.Id, out var kept))
            {
                // Saves and reads can finish out of order: never replace a later revision with an earlier one.
                if (kept.Draft.Revision > draft.Revision)
                {
                    return;
                }

                if (_drafts.TryUpdate(draft.Id, fresh, kept))
                {
                    Interlocked.Add(ref _bytes, fresh.Bytes - kept.Bytes);
                    break;
                }
            }
            else if (_drafts.TryAdd(draft.Id, fresh))
            {
                Interlocked.Add(ref _bytes, fresh.Bytes);
                break;
            }
        }

        if (_drafts.Count > capacity || Bytes > maxBytes)
        {
            Prune();
        }
    }

    /// <summary>
    /// Runs a versioned save of <paramref name="draft"/> and keeps the cache in step with its outcome: the draft is
    /// kept once stored; after a conflict (someone else's newer draft is stored) or a failure (unknown whether it was
    /// stored) the entry is dropped, so the next read takes the draft from the database.
    /// </summary>
    public async Task<bool> SaveThroughAsync(Draft draft, Func<Task<bool>> save)
    {
        bool saved;
        try
        {
            saved = await save();
        }
        catch
        {
            Forget(draft.Id);
            throw;
        }

        if (saved)
        {
            Put(draft);
        }
        else
        {
            Forget(draft.Id);
        }

        return saved;
    }

    public void Forget(string draftId)
    {
        if (_drafts.TryRemove(draftId, out var removed))
        {
            Interlocked.Add(ref _bytes, -removed.Bytes);
        }
    }

    /// <summary>Strings are UTF-16: two bytes a character of text, plus a fixed overhead.</summary>
    internal static long EstimateBytes(Draft draft) => OverheadBytes + (2 * QuestionnaireEngine.TextSize(draft));

    /// <summary>Drops the least recently used entries until half the count and half the bytes are left; one pruner at a time.</summary>
    private void Prune()
    {
        if (!Monitor.TryEnter(_pruning))
        {
            return;
        }

        try
        {
            foreach (var (id, entry) in _drafts.ToArray().OrderBy(e => e.Value.LastUsed))
            {
                if (_drafts.Count <= capacity / 2 && Bytes <= maxBytes / 2)
                {
                    break;
                }

                if (_drafts.TryRemove(KeyValuePair.Create(id, entry)))
                {
                    Interlocked.Add(ref _bytes, -entry.Bytes);
                }
            }
        }
        finally
        {
            Monitor.Exit(_pruning);
        }
    }

    private sealed class Entry(Draft draft, long bytes)
    {
        public Draft Draft { get; } = draft;

        public long Bytes { get; } = bytes;

        public long LastUsed { get; set; }
    }
}
