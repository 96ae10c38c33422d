using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Audit;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.AuditReport;

/// <summary>
/// "audit reviews [year]" for the A&amp;PM team (4.4): each partnership's coverage in the cycle, computed by the
/// year-scoped audit report (one computation), beside the team's assessment of the review's content, and Assess to
/// record or redo one through the content-audit questionnaire.
/// </summary>
internal sealed class ReviewAuditHandler(
    AuditReportHandler reports,
    AuditTeam auditTeam,
    ContentAudit contentAudit,
    CardRenderer renderer,
    IOptions<ReviewOptions> reviewOptions,
    TimeProvider time)
{
    private readonly ReviewCalendar _calendar = ReviewCalendar.From(reviewOptions.Value);

    public async Task CommandAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        await turn.SendCardAsync(await CardAsync(turn, arguments.Trim(), cancellationToken), cancellationToken);

    public Task<JsonObject> MenuAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        CardAsync(turn, "", cancellationToken);

    /// <summary>Assess on the card: the chosen partnership's review of the card's cycle.</summary>
    public async Task<JsonObject> AssessAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var current = _calendar.CycleAt(time.GetUtcNow());
        if (action.GetInt("year") is not { } year || year < 2000 || year > current)
        {
            return renderer.Render(new ErrorView("Which year?", $"Say \"audit reviews\" for the {current} cycle, or \"audit reviews 2026\" for an earlier one."));
        }

        return await contentAudit.StartAsync(turn, year, action.GetString("partnershipId")?.Trim() ?? "", cancellationToken);
    }

    private async Task<JsonObject> CardAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (!await auditTeam.IsMemberAsync(turn.Caller, cancellationToken))
        {
            return renderer.Render(new ErrorView("Not allowed", ContentAudit.NotAllowedText));
        }

        var now = time.GetUtcNow();
        var current = _calendar.CycleAt(now);
        var year = current;
        if (arguments.Length > 0
            && (!int.TryParse(arguments, NumberStyles.None, CultureInfo.InvariantCulture, out year) || year < 2000 || year > current))
        {
            return renderer.Render(new ErrorView("Which year?", $"Say \"audit reviews\" for the {current} cycle, or \"audit reviews 2026\" for an earlier one."));
        }

        var report = await reports.BuildAsync(year, now, cancellationToken);
        var rows = report.Rows.Take(AuditReportHandler.MaxCardRows).ToList();
        return renderer.Render(new AuditWorkView(
            $"Audit of the {year} annual reviews",
            $"Section 4.4: the coverage of each partnership's {year} review, worked out from the register and the calendar, and the Audit & Performance Management team's assessment of its content. Choose a partnership and press Assess to record (or redo) an assessment; every earlier one is kept.",
            true,
            year,
            report.Rows.Count > rows.Count ? $"The first {rows.Count} of {report.Rows.Count} partnerships are shown; \"audit report {year}\" has them all." : null,
            rows.Select(r => new AuditWorkRowView(r.Name, $"Coverage: {AuditCommitteePaper.Coverage(r)} · Content: {(r.ContentAssessment.Length > 0 ? r.ContentAssessment : "not assessed")}")).ToList(),
            rows.Select(r => new ChoiceView(r.Name, r.PartnershipId)).ToList()));
    }
}
