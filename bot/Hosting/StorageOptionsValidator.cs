using Microsoft.Extensions.Options;

namespace PartnershipBot.Hosting;

/// <summary>Checks the Storage section at start-up.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            return ValidateOptionsResult.Fail("Storage:DatabasePath must name the LiteDB file, e.g. data/partnershipbot.db.");
        }

        return options.MaxBatchSize is < 1 or > 10_000
            ? ValidateOptionsResult.Fail("Storage:MaxBatchSize must be between 1 and 10000.")
            : ValidateOptionsResult.Success;
    }
}
