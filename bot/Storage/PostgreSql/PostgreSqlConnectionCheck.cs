namespace PartnershipBot.Storage.PostgreSql;

/// <summary>Checks Storage:ConnectionString when the provider is PostgreSQL; messages never repeat the value (it holds a password).</summary>
internal static class PostgreSqlConnectionCheck
{
    public static string? Problem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "Storage:ConnectionString must be set when Storage:Provider is PostgreSql, e.g. Host=db.example;Database=partnershipbot;Username=bot;Password=...";
        }

        return "Storage:Provider PostgreSql is not available in this build yet; use LiteDb.";
    }
}
