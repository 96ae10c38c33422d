namespace PartnershipBot.Storage.LiteDb;

/// <summary>
/// One of LiteDB's two files, opened by the store rather than by LiteDB so that the store decides when it is
/// forced to disk. LiteDB forces its log (write-ahead) file to disk after every page it writes, which turns one
/// group commit into an fsync per page; for the log (<paramref name="deferFlushToDisk"/>) LiteDB's flush only
/// hands the pages to the OS, and the group commit writer forces the file to disk once per batch
/// (<see cref="FlushToDisk"/>) before any writer in the batch is told its write is stored. For the data file every
/// flush is forced to disk, as LiteDB does with its own files (its checkpoint relies on it).
/// </summary>
internal sealed class LiteDbFileStream(FileStream file, bool deferFlushToDisk) : Stream
{
    // Taken once at open: reading FileStream.SafeFileHandle later would flush the stream's buffer from another thread.
    private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _handle = file.SafeFileHandle;
    private long _diskFlushes;

    /// <summary>How many times the log was forced to disk (for tests: at most one per committed batch).</summary>
    public long DiskFlushes => Interlocked.Read(ref _diskFlushes);

    /// <summary>fsync: everything written so far survives a power cut.</summary>
    public void FlushToDisk()
    {
        // LiteDB locks on this stream around each positioned read or write; taking the same lock keeps them apart.
        lock (this)
        {
            file.Flush(flushToDisk: true);
            Interlocked.Increment(ref _diskFlushes);
        }
    }

    /// <summary>
    /// fsync of what LiteDB has already handed to the OS, callable from another thread while LiteDB goes on writing:
    /// it touches only the OS file, never this stream's buffer, so the group commit's flusher needs no lock and the
    /// writer can apply the next batch meanwhile.
    /// </summary>
    public void ForceHandedPagesToDisk()
    {
        RandomAccess.FlushToDisk(_handle);
        Interlocked.Increment(ref _diskFlushes);
    }

    /// <summary>LiteDB's flush: for the log to the OS only (a killed process loses nothing; a power cut waits for <see cref="FlushToDisk"/>).</summary>
    public override void Flush()
    {
        if (!deferFlushToDisk)
        {
            FlushToDisk();
            return;
        }

        lock (this)
        {
            file.Flush(flushToDisk: false);
        }
    }

    public override bool CanRead => file.CanRead;

    public override bool CanSeek => file.CanSeek;

    public override bool CanWrite => file.CanWrite;

    public override long Length => file.Length;

    public override long Position
    {
        get => file.Position;
        set => file.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => file.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);

    public override void SetLength(long value) => file.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count) => file.Write(buffer, offset, count);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}
