using Microsoft.Extensions.Options;
using Npgsql;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// Wakes this instance's outbox dispatcher when another instance commits outbox messages: <c>LISTEN</c> on
/// <see cref="PostgreSqlOutbox.Channel"/> on a connection of its own (not pooled, application name "…-listen"), and
/// each notification from another writer is passed on as an after-commit hook (<see cref="CommitObservers"/>), the
/// same wake-up a local commit gives, so Storage still never calls into Notifications. A lost connection is opened
/// again (at once, then backing off to 30 s), and the dispatcher is woken after each reconnect for anything
/// committed while nobody listened. The dispatcher's own poll stays the fallback.
/// </summary>
internal sealed class PostgreSqlOutboxListener(
    IOptions<StorageOptions> options,
    CommitObservers observers,
    InstanceIdentity instance,
    TimeProvider time,
    ILogger<PostgreSqlOutboxListener> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var failures = 0;
        var connectionString = ConnectionString(options.Value.ConnectionString!);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += OnNotification;
                await connection.OpenAsync(stoppingToken);
                await PostgreSqlDatabase.ExecuteAsync(connection, $"LISTEN {PostgreSqlOutbox.Channel}", stoppingToken);
                StorageLog.Listening(logger, failures > 0);
                if (failures > 0)
                {
                    // Notifications sent while the connection was down are gone: look once.
                    observers.Committed(CommitSummary.Outbox);
                }

                failures = 0;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException or IOException)
            {
                failures++;
                var wait = Backoff(failures);
                StorageLog.ListenFailed(logger, wait, error);
                if (wait > TimeSpan.Zero)
                {
                    try
                    {
                        await Task.Delay(wait, time, stoppingToken);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }
    }

    /// <summary>0 (at once), 1, 2, 4 … seconds, at most 30.</summary>
    internal static TimeSpan Backoff(int failures) =>
        failures <= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(failures - 2, 10)), MaxBackoff.TotalSeconds));

    /// <summary>The listener's own session: not pooled, named for operators, with keepalives so a dead network is noticed.</summary>
    internal static string ConnectionString(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        settings.ApplicationName = string.IsNullOrEmpty(settings.ApplicationName) ? "partnershipbot-listen" : settings.ApplicationName + "-listen";
        if (settings.KeepAlive == 0)
        {
            settings.KeepAlive = 30;
        }

        return settings.ConnectionString;
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        // This instance's own commits already woke its dispatcher through the local hook.
        if (!string.Equals(notification.Payload, instance.Id, StringComparison.Ordinal))
        {
            observers.Committed(CommitSummary.Outbox);
        }
    }
}
