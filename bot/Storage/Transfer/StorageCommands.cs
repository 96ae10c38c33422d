namespace PartnershipBot.Storage.Transfer;

/// <summary>
/// The storage commands of <c>dotnet run --project bot -- &lt;command&gt;</c>, run instead of the bot:
/// <c>migrate-to-postgresql --from &lt;LiteDB file&gt; --to &lt;connection string&gt;</c>.
/// </summary>
internal static class StorageCommands
{
    public const string MigrateToPostgreSql = "migrate-to-postgresql";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == MigrateToPostgreSql;

    /// <summary>Runs the command; returns the process exit code (0 done, 1 failed, 2 bad usage).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var options = Options(args.Skip(1).ToArray());
        if (options is null || !options.TryGetValue("--from", out var from) || !options.TryGetValue("--to", out var to))
        {
            error.WriteLine($"usage: {MigrateToPostgreSql} --from <LiteDB file> --to <PostgreSQL connection string>");
            return 2;
        }

        return LiteDbToPostgreSql.RunAsync(Path.GetFullPath(from), to, output, error, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>"--name value" pairs; null when malformed or a name repeats.</summary>
    private static Dictionary<string, string>? Options(string[] args)
    {
        if (args.Length % 2 != 0)
        {
            return null;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || !options.TryAdd(args[i], args[i + 1]))
            {
                return null;
            }
        }

        return options;
    }
}
