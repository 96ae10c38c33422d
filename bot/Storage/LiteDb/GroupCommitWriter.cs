using System.Collections.Concurrent;
using LiteDB;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>
/// Group commit: one thread applies queued writes in a single LiteDB transaction and commits it (to the OS); a
/// second thread forces the log to disk and only then completes each caller in the batch. The two overlap, so the
/// next batch is applied while the last one's fsync is in flight, and one fsync covers every batch committed before
/// it started. LiteDB transactions belong to a thread, hence the dedicated writer thread.
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    private readonly LiteDatabase _database;
    private readonly int _maxBatch;
    private readonly Action _flushToDisk;
    private readonly ILogger _logger;
    private readonly BlockingCollection<IPendingWrite> _queue = new();
    private readonly BlockingCollection<List<IPendingWrite>> _committed = new();
    private readonly Thread _thread;
    private readonly Thread _flusher;

    public GroupCommitWriter(LiteDatabase database, int maxBatch, Action flushToDisk, ILogger logger)
    {
        _database = database;
        _flushToDisk = flushToDisk;
        _maxBatch = maxBatch;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "litedb-writer" };
        _flusher = new Thread(Flush) { IsBackground = true, Name = "litedb-flusher" };
        _thread.Start();
        _flusher.Start();
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
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            var batch = new List<IPendingWrite>(Math.Min(_maxBatch, _queue.Count + 1)) { first };
            while (batch.Count < _maxBatch && _queue.TryTake(out var next))
            {
                batch.Add(next);
            }

            CommitBatch(batch);
        }

        _committed.CompleteAdding();
    }

    /// <summary>Commits the batch to the OS and hands the committed writes to the flusher; failures complete at once.</summary>
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
                _committed.Add(batch);
                return;
            }

            // One write failed part-way: undo the batch and give each write its own transaction, so only it fails.
            _database.Rollback();
            var committed = batch.Where(CommitAlone).ToList();
            if (committed.Count > 0)
            {
                _committed.Add(committed);
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

    /// <summary>True when the write was committed (it waits for the flush); a write that threw is completed with its error.</summary>
    private bool CommitAlone(IPendingWrite write)
    {
        _database.BeginTrans();
        if (write.Apply(_database))
        {
            _database.Commit();
            return true;
        }

        _database.Rollback();
        write.Complete();
        return false;
    }

    /// <summary>Forces the log to disk once for every batch committed so far, then tells their callers.</summary>
    private void Flush()
    {
        foreach (var first in _committed.GetConsumingEnumerable())
        {
            var batches = new List<List<IPendingWrite>> { first };
            while (_committed.TryTake(out var more))
            {
                batches.Add(more);
            }

            try
            {
                _flushToDisk();
            }
            catch (Exception ex)
            {
                StorageLog.CommitFailed(_logger, batches.Sum(b => b.Count), ex);
                batches.ForEach(b => b.ForEach(w => w.Fail(ex)));
                continue;
            }

            batches.ForEach(b => b.ForEach(w => w.Complete()));
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
        _flusher.Join(TimeSpan.FromSeconds(10));
        _queue.Dispose();
        _committed.Dispose();
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
