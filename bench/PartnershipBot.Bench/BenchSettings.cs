using System.Globalization;

namespace PartnershipBot.Bench;

/// <summary>The command line of the load generator: a scenario name and a few options.</summary>
internal sealed record BenchSettings(
    string Command,
    string BotDll,
    string? ResultsPath,
    int[] Users,
    int Runs,
    TimeSpan WarmUp,
    TimeSpan Measure,
    long Journeys,
    int CrashRounds,
    double FaultRate,
    IReadOnlyList<Scenarios.Deployment> Deployments,
    string PostgreSqlOptions,
    bool Statements)
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/PartnershipBot.Bench -- <command> [options]
          commands: all | throughput | journeys | startup | crash | faults | backends | tab (the register tab's pages, 500 partnerships)
          --bot PATH         the bot's built dll (default: bot/bin/Release/net10.0/PartnershipBot.dll under the repository)
          --results PATH     write the results as Markdown there (all: default bench/RESULTS.md)
          --users 1,10,50,200  concurrent users per throughput configuration
          --runs 2           runs of each configuration
          --warmup 10        seconds of load before measuring (tiered JIT settles in about 10 s; 30 for backends: see README)
          --seconds 10       seconds measured per run
          --journeys 10000   completed journeys for the memory run
          --crash-rounds 5   SIGKILL rounds for the crash run
          --fault-rate 0.2   share of connector calls refused in the fault run
          --deployments litedb,postgresql:1,postgresql:3   what the backends run compares (postgresql:N = N instances on one database)
          --pg-options "No Reset On Close=true"   Npgsql connection string settings added to the bots' (A/B of pool settings)
          --statements off   on: the PostgreSQL server loads pg_stat_statements and each run prints its costliest statements (costs ~10 % of turns/s)
        """;

    public static BenchSettings Parse(string[] args, string repositoryRoot)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            throw new ArgumentException(Usage);
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.\n{Usage}");
            }

            options[args[i][2..]] = args[i + 1];
        }

        var command = args[0];
        string Get(string name, string fallback) => options.Remove(name, out var value) ? value : fallback;
        var settings = new BenchSettings(
            command,
            Path.GetFullPath(Get("bot", Path.Combine(repositoryRoot, "bot", "bin", "Release", "net10.0", "PartnershipBot.dll"))),
            options.Remove("results", out var results) ? Path.GetFullPath(results) : command is "all" or "backends" ? Path.Combine(repositoryRoot, "bench", "RESULTS.md") : null,
            Get("users", command == "backends" ? "50" : "1,10,50,200").Split(',').Select(u => int.Parse(u, CultureInfo.InvariantCulture)).ToArray(),
            int.Parse(Get("runs", "2"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Get("warmup", command == "backends" ? "30" : "10"), CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(Get("seconds", "10"), CultureInfo.InvariantCulture)),
            long.Parse(Get("journeys", "10000"), CultureInfo.InvariantCulture),
            int.Parse(Get("crash-rounds", "5"), CultureInfo.InvariantCulture),
            double.Parse(Get("fault-rate", "0.2"), CultureInfo.InvariantCulture),
            Get("deployments", "litedb,postgresql:1,postgresql:3").Split(',').Select(Scenarios.Deployment.Parse).ToList(),
            Get("pg-options", ""),
            Get("statements", "off") switch { "on" => true, "off" => false, var other => throw new ArgumentException($"--statements takes on or off, not '{other}'.\n{Usage}") });
        if (options.Count > 0)
        {
            throw new ArgumentException($"Unknown option --{options.Keys.First()}.\n{Usage}");
        }

        return settings;
    }

    /// <summary>The folder holding PartnershipBot.sln, found by walking up from <paramref name="start"/>.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnershipBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PartnershipBot.sln above {start}; run from the repository.");
    }
}
