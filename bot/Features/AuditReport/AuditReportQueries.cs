using Microsoft.Extensions.Options;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;

namespace PartnershipBot.Features.AuditReport;

/// <summary>
/// The Audit Committee report for the tab: the same figures as "audit report" (one builder), for the people who may
/// see it (<see cref="Viewer.SeesAuditReport"/>). Null means not allowed; the year defaults to the cycle now running.
/// </summary>
internal sealed class AuditReportQueries(RegisterQueries register, AuditReportHandler reports, IOptions<ReviewOptions> reviewOptions, TimeProvider time)
{
    private readonly ReviewCalendar _calendar = ReviewCalendar.From(reviewOptions.Value);

    /// <summary>The cycle now running: the default year, and the latest one that may be asked for (+1).</summary>
    public int CurrentYear => _calendar.CycleAt(time.GetUtcNow());

    public bool IsValidYear(int year) => year >= 2000 && year <= CurrentYear + 1;

    public async Task<AuditReport?> CoverageAsync(Caller caller, int? year, CancellationToken cancellationToken)
    {
        if (!(await register.ViewerAsync(caller, cancellationToken)).SeesAuditReport)
        {
            return null;
        }

        return await reports.BuildAsync(year ?? CurrentYear, time.GetUtcNow(), cancellationToken);
    }
}
