using System.Collections.Concurrent;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Storage;

/// <summary>
/// The latest stored revision of drafts in progress, so a turn does not read and deserialise the whole draft (with
/// its growing history) from LiteDB every time. Write-through: filled by reads and by successful saves, never ahead
/// of the database. Bounded; closed drafts leave at once. The database stays the truth: saves still check the
/// stored revision, and a failed or conflicting save drops the entry.
/// </summary>
internal sealed class OpenDraftCache(int capacity = OpenDraftCache.DefaultCapacity)
{
    /// <summary>Drafts kept at most; more than the officers answering at once, far fewer than all drafts ever.</summary>
    public const int DefaultCapacity = 1024;

    private readonly ConcurrentDictionary<string, Entry> _drafts = new(StringComparer.Ordinal);
    private readonly object _pruning = new();

    public int Count => _drafts.Count;

    public bool TryGet(string draftId, out Draft draft)
    {
        if (_drafts.TryGetValue(draftId, out var entry))
        {
            entry.LastUsed = Environment.TickCount64;
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

        var fresh = new Entry(draft);
        // Saves and reads can finish out of order: never replace a later revision with an earlier one.
        _drafts.AddOrUpdate(draft.Id, fresh, (_, kept) => kept.Draft.Revision > draft.Revision ? kept : fresh);
        if (_drafts.Count > capacity)
        {
            Prune();
        }
    }

    public void Forget(string draftId) => _drafts.TryRemove(draftId, out _);

    /// <summary>Drops the least recently used half; one pruner at a time, others carry on.</summary>
    private void Prune()
    {
        if (!Monitor.TryEnter(_pruning))
        {
            return;
        }

        try
        {
            var snapshot = _drafts.ToArray();
            foreach (var (id, _) in snapshot.OrderBy(e => e.Value.LastUsed).Take(snapshot.Length - capacity / 2))
            {
                _drafts.TryRemove(id, out _);
            }
        }
        finally
        {
            Monitor.Exit(_pruning);
        }
    }

    private sealed class Entry(Draft draft)
    {
        public Draft Draft { get; } = draft;

        public long LastUsed { get; set; } = Environment.TickCount64;
    }
}
