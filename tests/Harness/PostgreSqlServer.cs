using PartnershipBot.Bench.Bot;

namespace PartnershipBot.Tests.Harness;

/// <summary>
/// The test run's PostgreSQL cluster: one throwaway cluster for the whole run (bench/…/Bot/PostgreSqlCluster.cs, the
/// same the benchmark uses), started on first use, stopped and removed when the test host exits. Tests get a fresh
/// database each.
/// </summary>
internal static class PostgreSqlServer
{
    public static Task<PostgreSqlCluster> SharedAsync() => PostgreSqlCluster.SharedAsync();
}
