using Microsoft.Extensions.Options;
using Npgsql;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// Scheduler leadership across instances: the leader holds a session-level <c>pg_try_advisory_lock</c> on a
/// connection of its own (not pooled, application name "…-leader"), kept open while it leads. Each pass checks that
/// the connection still answers (a session lock lasts exactly as long as its session); if it ended, leadership is
/// lost and asked for again. An instance that dies or stops closes its session and the lock goes with it; the
/// others ask on each of their passes and one of them takes over.
/// </summary>
internal sealed class PostgreSqlSchedulerLeadership(IOptions<StorageOptions> options, ILogger<PostgreSqlSchedulerLeadership> logger)
    : ISchedulerLeadership, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _held;
    private bool _disposed;

    public async Task<bool> IsLeaderAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_disposed)
            {
                return false;
            }

            if (_held is not null)
            {
                try
                {
                    await PostgreSqlDatabase.ScalarAsync(_held, "SELECT 1", cancellationToken);
                    return true;
                }
                catch (Exception error) when (IsConnectionFailure(error))
                {
                    SchedulerLog.LeadershipLost(logger, error);
                    await DropAsync();
                }
            }

            return await TryTakeAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> TryTakeAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection? connection = null;
        try
        {
            connection = new NpgsqlConnection(ConnectionString(options.Value.ConnectionString!));
            await connection.OpenAsync(cancellationToken);
            var taken = await PostgreSqlDatabase.ScalarAsync(connection, "SELECT pg_try_advisory_lock($1, $2)", cancellationToken,
                PostgreSqlLocks.SchedulerLeader, 0) is true;
            if (!taken)
            {
                await connection.DisposeAsync();
                return false;
            }

            _held = connection;
            SchedulerLog.Leading(logger);
            return true;
        }
        catch (Exception error) when (IsConnectionFailure(error))
        {
            SchedulerLog.LeadershipUnavailable(logger, error);
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            return false;
        }
    }

    /// <summary>The leader's own session: not pooled (closing it ends the session and so the lock), named for operators.</summary>
    internal static string ConnectionString(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        settings.ApplicationName = string.IsNullOrEmpty(settings.ApplicationName) ? "partnershipbot-leader" : settings.ApplicationName + "-leader";

        // A leader whose network went away must notice, not believe it leads while another instance took over.
        if (settings.KeepAlive == 0)
        {
            settings.KeepAlive = 30;
        }

        return settings.ConnectionString;
    }

    private static bool IsConnectionFailure(Exception error) =>
        error is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException or ObjectDisposedException;

    private async Task DropAsync()
    {
        var held = _held;
        _held = null;
        if (held is not null)
        {
            await held.DisposeAsync();
        }
    }

    /// <summary>Stopping: closing the session releases the lock at once, so another instance leads on its next pass.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            await DropAsync();
        }
        finally
        {
            _gate.Release();
        }
    }
}
