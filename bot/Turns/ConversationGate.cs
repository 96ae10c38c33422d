namespace PartnershipBot.Turns;

/// <summary>Lets one turn per conversation run at a time in this process; different conversations run in parallel.</summary>
internal sealed class ConversationGate : IConversationGate
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    async Task<IAsyncDisposable> IConversationGate.EnterTurnAsync(string conversationId, CancellationToken cancellationToken) =>
        (Lease)await EnterAsync(conversationId, cancellationToken);

    public async Task<IDisposable> EnterAsync(string conversationId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(conversationId, out entry!))
            {
                entry = new Entry();
                _entries[conversationId] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(conversationId, entry, release: false);
            throw;
        }

        return new Lease(this, conversationId, entry);
    }

    private void Leave(string conversationId, Entry entry, bool release)
    {
        if (release)
        {
            entry.Semaphore.Release();
        }

        lock (_entries)
        {
            // Entries live only while someone holds or waits for them, so the map does not grow with every conversation ever seen.
            if (--entry.Users == 0)
            {
                _entries.Remove(conversationId);
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Lease(ConversationGate gate, string conversationId, Entry entry) : IDisposable, IAsyncDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Leave(conversationId, entry, release: true);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
