using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PartnershipBot.Bench.Bot;

/// <summary>
/// A throwaway PostgreSQL cluster, one per process, started on first use (the tests' and the benchmark's): Debian's
/// postgresql package (installed with apt when missing), a temp folder owned by the postgres user (PostgreSQL refuses
/// root), a free 127.0.0.1 port, no fsync for tests (a durable server for the benchmark). Stopped and removed when the
/// process exits; a watchdog in its own session does the same if the process is killed, so no postgres process
/// outlives it. Callers get a fresh database each.
/// </summary>
internal sealed class PostgreSqlCluster
{
    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static PostgreSqlCluster? _shared;
    private static int _databases;
    private readonly string _bin;
    private readonly string _folder;

    private PostgreSqlCluster(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    private string DataDir => Path.Combine(_folder, "data");

    /// <summary>The cluster's superuser connection to the maintenance database.</summary>
    private string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";

    /// <param name="durable">True: commits are forced to disk as in production (fsync on), for measurements; the first caller decides.</param>
    public static async Task<PostgreSqlCluster> SharedAsync(bool durable = false, bool statements = false)
    {
        await Starting.WaitAsync();
        try
        {
            return _shared ??= await StartAsync(durable, statements);
        }
        finally
        {
            Starting.Release();
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix.ToLowerInvariant()}_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing what is still connected to it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Starts counting statements afresh (a durable cluster started with statements on loads pg_stat_statements).</summary>
    public async Task ResetStatementsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var reset = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
        await reset.ExecuteNonQueryAsync();
    }

    /// <summary>The statements the database ran since the reset that took the most server time: calls, total ms, text.</summary>
    public async Task<List<(long Calls, double TotalMs, string Query, double WalBytes, long WalFpi, long Dirtied)>> TopStatementsAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var top = new NpgsqlCommand(
            "SELECT calls, total_exec_time, query, wal_bytes::float8, wal_fpi, shared_blks_dirtied FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT $1",
            connection);
        top.Parameters.Add(new NpgsqlParameter { Value = count });
        await using var reader = await top.ExecuteReaderAsync();
        var found = new List<(long, double, string, double, long, long)>();
        while (await reader.ReadAsync())
        {
            found.Add((reader.GetInt64(0), reader.GetDouble(1), reader.GetString(2), reader.GetDouble(3), reader.GetInt64(4), reader.GetInt64(5)));
        }

        return found;
    }

    /// <summary>Average size of the documents rewritten every turn, as sent (bytes) and as stored (compressed): what each write costs.</summary>
    public async Task<string> DocumentSizesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var sizes = new NpgsqlCommand(
            """
            SELECT format('drafts.doc %s B as text, %s B stored; processed_activities.body %s B, %s B stored',
                (SELECT round(avg(length(doc::text))) FROM drafts), (SELECT round(avg(pg_column_size(doc))) FROM drafts),
                (SELECT round(avg(length(body))) FROM processed_activities), (SELECT round(avg(pg_column_size(body))) FROM processed_activities))
            """, connection);
        return (string)(await sizes.ExecuteScalarAsync())!;
    }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=30";

    /// <summary>CPU time used so far by the cluster's server processes (the postmaster and its backends, live ones), from /proc.</summary>
    public TimeSpan ServerCpuTime()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(DataDir, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (pid == postmaster || parent == postmaster)
                {
                    // utime + stime, and the CPU of children already reaped (backends that ended).
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                    if (pid == postmaster)
                    {
                        ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended meanwhile.
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <param name="statements">
    /// Load pg_stat_statements (the durable cluster only): it costs the server time it measures, about a tenth of the
    /// turns a second in the benchmark (A/B, 6 Dec 2026), so the measured runs go without it unless asked.
    /// </param>
    private static async Task<PostgreSqlCluster> StartAsync(bool durable, bool statements)
    {
        var bin = await FindOrInstallAsync();
        var folder = Directory.CreateTempSubdirectory("partnershipbot-pg-").FullName;
        var server = new PostgreSqlCluster(bin, folder, FreePort());
        Directory.CreateDirectory(server.DataDir);
        await RunAsync("chown", ["-R", "postgres:postgres", folder]);
        await server.AsPostgresAsync("initdb", ["-D", server.DataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
        server.StartWatchdog();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        var options = $"-c listen_addresses=127.0.0.1 -p {server.Port} -k {folder} -c max_connections=300"
            + (durable
                ? " -c fsync=on -c full_page_writes=on -c synchronous_commit=on" + (statements ? " -c shared_preload_libraries=pg_stat_statements" : "")
                : " -c fsync=off -c full_page_writes=off");
        await server.AsPostgresAsync("pg_ctl", ["-D", server.DataDir, "-l", Path.Combine(folder, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
        return server;
    }

    /// <summary>Stops the cluster at once (its data is thrown away) and removes its folder.</summary>
    private void Stop()
    {
        try
        {
            using var stop = Process.Start(new ProcessStartInfo("runuser", ["-u", "postgres", "--", Path.Combine(_bin, "pg_ctl"), "-D", DataDir, "-m", "immediate", "-w", "stop"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            stop?.WaitForExit(TimeSpan.FromSeconds(20));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Nothing to stop with; the watchdog tries again.
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The watchdog removes it.
        }
    }

    /// <summary>In its own session (not killed with this process): once this process is gone, stops the cluster and removes its folder.</summary>
    private void StartWatchdog()
    {
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; "
            + $"if [ -d '{DataDir}' ]; then runuser -u postgres -- '{Path.Combine(_bin, "pg_ctl")}' -D '{DataDir}' -m immediate -w stop; fi; rm -rf '{_folder}'";
        using var watchdog = Process.Start(new ProcessStartInfo("setsid", ["sh", "-c", script])
        {
            RedirectStandardOutput = false,
            RedirectStandardError = false,
            UseShellExecute = false,
        });
    }

    private static async Task<string> FindOrInstallAsync()
    {
        if (FindBin() is { } found)
        {
            return found;
        }

        await RunAsync("apt-get", ["install", "-y", "-q", "postgresql-15"], TimeSpan.FromMinutes(10), new() { ["DEBIAN_FRONTEND"] = "noninteractive" });
        return FindBin() ?? throw new InvalidOperationException("postgresql-15 was installed but no /usr/lib/postgresql/*/bin/initdb was found.");
    }

    private static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task AsPostgresAsync(string tool, string[] arguments) =>
        RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments], TimeSpan.FromMinutes(2));

    /// <summary>Runs a tool to completion (killed after <paramref name="timeout"/>); throws with its output when it fails.</summary>
    private static async Task RunAsync(string file, string[] arguments, TimeSpan? timeout = null, Dictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? [])
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{file}' did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{file} {string.Join(' ', arguments)}' did not finish in time.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }
}
