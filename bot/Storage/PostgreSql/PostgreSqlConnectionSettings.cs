using System.Data.Common;
using Npgsql;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// The module's defaults on top of the operator's <c>Storage:ConnectionString</c>. Automatic preparation is on
/// (<c>Max Auto Prepare=64</c>): a turn runs the same dozen statements each time, and measured on the bench a
/// parsed-and-planned-once statement is most of the server's cost per turn. An operator setting of
/// <c>Max Auto Prepare</c> wins; <c>Max Auto Prepare=0</c> turns it off, which a PgBouncer in transaction mode
/// without <c>max_prepared_statements</c> needs (README: "Running several instances").
/// </summary>
internal static class PostgreSqlConnectionSettings
{
    public const int AutoPrepared = 64;

    /// <summary>The connection string the data sources use, named <paramref name="application"/> unless the operator named it.</summary>
    public static string For(string connectionString, string? application = null)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets(connectionString, nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare)))
        {
            settings.MaxAutoPrepare = AutoPrepared;
        }

        if (application is not null)
        {
            settings.ApplicationName = string.IsNullOrEmpty(settings.ApplicationName) ? "partnershipbot-" + application : settings.ApplicationName + "-" + application;
        }

        return settings.ConnectionString;
    }

    /// <summary>True when the operator's string names the setting (as "Max Auto Prepare" or "MaxAutoPrepare", any case).</summary>
    private static bool Sets(string connectionString, string setting)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.Keys.Cast<string>().Any(key => string.Equals(key.Replace(" ", "", StringComparison.Ordinal), setting, StringComparison.OrdinalIgnoreCase));
    }
}
