namespace PartnershipBot.Notifications;

/// <summary>
/// Wakes the dispatcher when messages are enqueued (or a retry falls due), and tells whoever asks when it has
/// gone quiet: idle means it is waiting, and nothing was signalled since it last looked for due messages.
/// </summary>
internal sealed class OutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _gate = new();
    private bool _pending = true;
    private TaskCompletionSource _idle = NewIdle();

    /// <summary>Something may be due: committed messages, a requeue, a retry time reached.</summary>
    public void Notify()
    {
        lock (_gate)
        {
            _pending = true;
            if (_idle.Task.IsCompleted)
            {
                _idle = NewIdle();
            }

            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
    }

    /// <summary>Completes when the dispatcher is waiting with nothing signalled since its last look (for tests and diagnostics).</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    /// <summary>The dispatcher is about to look for due messages: signals up to now are being served.</summary>
    internal void BeginRound()
    {
        lock (_gate)
        {
            _pending = false;
        }
    }

    /// <summary>The dispatcher waits for the next signal; it is idle unless a signal arrived during its round.</summary>
    internal async Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_pending)
            {
                _idle.TrySetResult();
            }
        }

        await _wake.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource NewIdle() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
