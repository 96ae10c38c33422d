using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.AuditReport;

/// <summary>
/// Who may run the Audit Committee report and read its files and papers: the People and Policy Manager and the Audit
/// &amp; Performance Management team (4.4), of the bot's own tenant. One rule for the chat command and every download.
/// </summary>
internal sealed class AuditReportReaders(AuditTeam auditTeam)
{
    public const string NotAllowedText = "The Audit Committee report is for the People and Policy Manager and the Audit & Performance Management team.";

    public Task<bool> MayReadAsync(Caller caller, CancellationToken cancellationToken) => auditTeam.IsMemberOrPpmAsync(caller, cancellationToken);

    /// <summary>The cycle year a download names, when the caller may read it; null otherwise.</summary>
    public async Task<int?> YearAsync(Caller caller, string subjectId, CancellationToken cancellationToken) =>
        int.TryParse(subjectId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
        && year is >= 2000 and <= 2200 && await MayReadAsync(caller, cancellationToken)
            ? year
            : null;
}
