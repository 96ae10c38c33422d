using Microsoft.Extensions.Options;
using PartnershipBot.Features.Reviews;

namespace PartnershipBot.Features.Register;

/// <summary>Seeds the register from Appendix 1 while the host starts: once ever (a marker), never over edits.</summary>
internal sealed partial class KeyPartnershipSeeder(
    IPartnershipRepository repository,
    IOptions<RegisterOptions> options,
    IOptions<ReviewOptions> reviewOptions,
    TimeProvider time,
    ILogger<KeyPartnershipSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = KeyPartnershipSeeds.DefaultPath;
        var now = time.GetUtcNow();
        var parsed = KeyPartnershipSeeds.Parse(Path.GetFileName(path), await File.ReadAllTextAsync(path, cancellationToken), options.Value, now);
        // A rolling programme from the first cycle (3.4): a third of Appendix 1 each year, in its order, unless an
        // entry's start date already says when its three-yearly review falls; the PPM changes it on the planning card.
        var calendar = ReviewCalendar.From(reviewOptions.Value);
        var spread = ReviewSchedule.SpreadThreeYearly(parsed, ReviewSchedule.FirstCycleOwed(calendar.Today(now), calendar));
        var seeds = parsed.Select((p, i) => p.StartDate is null ? spread[i] : p).ToList();
        if (await repository.SeedOnceAsync(seeds, cancellationToken))
        {
            LogSeeded(logger, seeds.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(5001, LogLevel.Information, "Seeded the register with {Count} key partnerships")]
    private static partial void LogSeeded(ILogger logger, int count);
}
