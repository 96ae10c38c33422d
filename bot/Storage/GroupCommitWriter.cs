using System.Collections.Concurrent;
using LiteDB;

namespace PartnershipBot.Storage;

/// <summary>
/// Group commit: one thread applies queued writes in a single LiteDB transaction and completes each caller
/// only after that transaction commits and the log is forced to disk (one fsync per batch). LiteDB transactions
/// belong to a thread, hence the dedicated thread.
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    private readonly LiteDatabase _database;
    private readonly int _maxBatch;
    private readonly Action _flushToDisk;
    private readonly ILogger _logger;
    private readonly BlockingCollection<IPendingWrite> _queue = new();
    private readonly Thread _thread;

    public GroupCommitWriter(LiteDatabase database, int maxBatch, Action flushToDisk, ILogger logger)
    {
        _database = database;
        _flushToDisk = flushToDisk;
        _maxBatch = maxBatch;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "litedb-writer" };
        _thread.Start();
    }

    public Task<T> EnqueueAsync<T>(Func<LiteDatabase, T> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite<T>(write);
        _queue.Add(pending, CancellationToken.None);
        return pending.Task;
    }

    private void Run()
    {
        var batch = new List<IPendingWrite>(_maxBatch);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Add(first);
            while (batch.Count < _maxBatch && _queue.TryTake(out var next))
            {
                batch.Add(next);
            }

            CommitBatch(batch);
            batch.Clear();
        }
    }

    private void CommitBatch(List<IPendingWrite> batch)
    {
        try
        {
            _database.BeginTrans();
            var allApplied = true;
            foreach (var write in batch)
            {
                allApplied &= write.Apply(_database);
            }

            if (allApplied)
            {
                _database.Commit();
                _flushToDisk();
                foreach (var write in batch)
                {
                    write.Complete();
                }

                return;
            }

            // One write failed part-way: undo the batch and give each write its own transaction, so only it fails.
            _database.Rollback();
            foreach (var write in batch)
            {
                CommitAlone(write);
            }
        }
        catch (Exception ex)
        {
            StorageLog.CommitFailed(_logger, batch.Count, ex);
            TryRollback();
            foreach (var write in batch)
            {
                write.Fail(ex);
            }
        }
    }

    private void CommitAlone(IPendingWrite write)
    {
        _database.BeginTrans();
        if (write.Apply(_database))
        {
            _database.Commit();
            _flushToDisk();
            write.Complete();
        }
        else
        {
            _database.Rollback();
            write.Complete();
        }
    }

    private void TryRollback()
    {
        try
        {
            _database.Rollback();
        }
        catch (LiteException)
        {
            // Nothing to roll back.
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(10));
        _queue.Dispose();
    }

    private interface IPendingWrite
    {
        /// <summary>Runs the write; false when it threw (its exception is kept for <see cref="Complete"/>).</summary>
        bool Apply(LiteDatabase database);
        void Complete();
        void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<LiteDatabase, T> write) : IPendingWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _completion.Task;

        public bool Apply(LiteDatabase database)
        {
            try
            {
                _result = write(database);
                _error = null;
                return true;
            }
            catch (Exception ex)
            {
                _error = ex;
                return false;
            }
        }

        public void Complete()
        {
            if (_error is null)
            {
                _completion.TrySetResult(_result!);
            }
            else
            {
                _completion.TrySetException(_error);
            }
        }

        public void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
