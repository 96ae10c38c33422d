using Npgsql;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>Checks Storage:ConnectionString when the provider is PostgreSQL; messages never repeat the value (it holds a password).</summary>
internal static class PostgreSqlConnectionCheck
{
    private const string Example = "e.g. Host=db.example;Database=partnershipbot;Username=bot;Password=...";

    public static string? Problem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return $"Storage:ConnectionString must be set when Storage:Provider is PostgreSql, {Example}";
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception error) when (error is ArgumentException or FormatException or InvalidCastException)
        {
            return $"Storage:ConnectionString is not a PostgreSQL connection string ({KeywordOnly(error)}), {Example}";
        }

        if (string.IsNullOrWhiteSpace(parsed.Host))
        {
            return $"Storage:ConnectionString must name the server (Host=...), {Example}";
        }

        return string.IsNullOrWhiteSpace(parsed.Database) ? $"Storage:ConnectionString must name the database (Database=...), {Example}" : null;
    }

    /// <summary>Npgsql's parse errors name the keyword, not the value; anything else is summarised.</summary>
    private static string KeywordOnly(Exception error) =>
        error.Message.StartsWith("Keyword not supported", StringComparison.OrdinalIgnoreCase) ? error.Message.Split(Environment.NewLine)[0] : "it could not be parsed";
}
