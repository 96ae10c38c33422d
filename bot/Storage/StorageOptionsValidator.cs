using Microsoft.Extensions.Options;

namespace PartnershipBot.Storage;

/// <summary>Checks the Storage section at start-up: one line per bad setting, naming it.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!StorageOptions.IsLiteDb(options.Provider) && !options.UsesPostgreSql)
        {
            return ValidateOptionsResult.Fail(
                $"Storage:Provider must be {StorageOptions.LiteDb} (the default) or {StorageOptions.PostgreSql}, not '{options.Provider}'.");
        }

        if (options.UsesPostgreSql)
        {
            if (options.TurnsAtOnce is < 1 or > 1000)
            {
                return ValidateOptionsResult.Fail("Storage:TurnsAtOnce must be between 1 and 1000 (or left out: four per processor).");
            }

            return PostgreSql.PostgreSqlConnectionCheck.Problem(options.ConnectionString) is { } problem
                ? ValidateOptionsResult.Fail(problem)
                : ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            return ValidateOptionsResult.Fail("Storage:DatabasePath must name the LiteDB file, e.g. data/partnershipbot.db.");
        }

        if (string.IsNullOrWhiteSpace(options.BackupFolder))
        {
            return ValidateOptionsResult.Fail("Storage:BackupFolder must name a folder for backups, e.g. data/backups.");
        }

        if (options.BackupsKept is < 1 or > 1000)
        {
            return ValidateOptionsResult.Fail("Storage:BackupsKept must be between 1 and 1000.");
        }

        return options.MaxBatchSize is < 1 or > 10_000
            ? ValidateOptionsResult.Fail("Storage:MaxBatchSize must be between 1 and 10000.")
            : ValidateOptionsResult.Success;
    }
}
