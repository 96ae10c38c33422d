using Microsoft.Extensions.Options;

namespace PartnershipBot.Features.Register;

/// <summary>Seeds the register from Appendix 1 while the host starts: once ever (a marker), never over edits.</summary>
internal sealed partial class KeyPartnershipSeeder(
    IPartnershipRepository repository,
    IOptions<RegisterOptions> options,
    TimeProvider time,
    ILogger<KeyPartnershipSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = KeyPartnershipSeeds.DefaultPath;
        var seeds = KeyPartnershipSeeds.Parse(Path.GetFileName(path), await File.ReadAllTextAsync(path, cancellationToken), options.Value, time.GetUtcNow());
        if (await repository.SeedOnceAsync(seeds, cancellationToken))
        {
            LogSeeded(logger, seeds.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(5001, LogLevel.Information, "Seeded the register with {Count} key partnerships")]
    private static partial void LogSeeded(ILogger logger, int count);
}
