using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Notifications;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.AuditReport;

/// <summary>
/// "audit report [year]" for the PPM and the Audit &amp; Performance Management team: a summary card in the chat with the .xlsx, .csv and Word downloads, and the .xlsx,
/// .csv and Word summary e-mailed through the outbox when a mailbox is configured.
/// The year is a cycle year; without one, the cycle now running (the year of the latest prompt).
/// </summary>
internal sealed partial class AuditReportHandler(
    IPartnershipRegister register,
    IHallmarkScores hallmarks,
    Audit.IAuditRecordStore auditRecords,
    IOutbox outbox,
    CardRenderer renderer,
    AuditReportReaders readers,
    IOptions<ReviewOptions> reviewOptions,
    IOptions<GraphOptions> graphOptions,
    TimeProvider time,
    ILogger<AuditReportHandler> logger)
{
    public const int MaxCardRows = 25;
    private readonly ReviewCalendar _calendar = ReviewCalendar.From(reviewOptions.Value);

    public ReviewCalendar Calendar => _calendar;

    public async Task CommandAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        await turn.SendCardAsync(await CardAsync(turn, arguments, cancellationToken), cancellationToken);

    /// <summary>"Audit report" on the menu: this cycle's report.</summary>
    public Task<JsonObject> MenuAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        CardAsync(turn, "", cancellationToken);

    private async Task<JsonObject> CardAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        if (!await readers.MayReadAsync(turn.Caller, cancellationToken))
        {
            LogRefused(logger, turn.UserId);
            return renderer.Render(new ErrorView("Not allowed", AuditReportReaders.NotAllowedText));
        }

        var now = time.GetUtcNow();
        var current = _calendar.CycleAt(now);
        var year = current;
        if (arguments.Length > 0
            && (!int.TryParse(arguments, NumberStyles.None, CultureInfo.InvariantCulture, out year) || year < 2000 || year > current + 1))
        {
            return renderer.Render(new ErrorView("Which year?", $"Say \"audit report\" for the {current} cycle, or \"audit report 2025\" for an earlier one."));
        }

        var report = await BuildAsync(year, now, cancellationToken);
        // E-mailed only when the bot has a mailbox to send from; the card says truthfully which (issue 17.6).
        var emailed = !string.IsNullOrWhiteSpace(graphOptions.Value.ServiceMailbox);
        if (emailed)
        {
            await outbox.EnqueueAsync([Email(report, turn.Caller, turn.Activity.Id ?? now.UtcTicks.ToString(CultureInfo.InvariantCulture))], cancellationToken);
            LogSent(logger, year, report.Rows.Count);
        }

        return renderer.Render(View(report, emailed));
    }

    public async Task<AuditReport> BuildAsync(int year, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partnerships = await register.AllAsync(cancellationToken);
        var scores = await hallmarks.LatestOfEachAsync(cancellationToken);

        var report = AuditReportBuilder.Build(year, partnerships, scores, _calendar, reviewOptions.Value.ReminderAfterDays, now);
        // The A&PM team's content assessments and the committees' recommendations join each row (4.4-4.6).
        var assessments = (await auditRecords.AssessmentsAsync(year, cancellationToken)).ToDictionary(a => a.PartnershipId, StringComparer.Ordinal);
        var byId = partnerships.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var specific = (await auditRecords.SpecificReviewsAsync(null, cancellationToken)).Where(r => r.PackYear(_calendar.CycleAt) == year).ToList();
        return report with
        {
            Rows = report.Rows.Select(r => r with
            {
                ContentAssessment = assessments.TryGetValue(r.PartnershipId, out var a) && a.Current is { } entry
                    ? $"{entry.Overall} ({entry.ByName}, {ReviewSchedule.Format(_calendar.Today(entry.At))})" : "",
                CommitteeRecommendations = byId.TryGetValue(r.PartnershipId, out var p)
                    ? string.Join("; ", CommitteeRecommendationsOf(p, year).Select(c => $"{c.Heading}: {c.Recommendation!.Text} ({c.Recommendation.State()})")) : "",
                SpecificReviews = string.Join("; ", specific.Where(s => s.PartnershipId == r.PartnershipId).Select(s => Audit.SpecificReviewCards.StatusText(s)
                    + (s.Recommendation is { } rec
                        ? $" (lead officer: {ReviewAnswers.RecommendationText(rec)}; SMT: {Audit.SpecificReviewToSmt.DecisionText(s, byId.GetValueOrDefault(s.PartnershipId))})"
                        : ""))),
            }).ToList(),
        };
    }

    /// <summary>The recommendations a cycle's pack reports: made at a meeting in the cycle, or still open from before.</summary>
    public IReadOnlyList<CommitteeRecord> CommitteeRecommendationsOf(Partnership partnership, int year) =>
        partnership.CommitteeRecords
            .Where(c => c.Recommendation is { } r && (_calendar.CycleOf(c.MeetingDate) == year || (!r.IsDone && _calendar.CycleOf(c.MeetingDate) < year)))
            .OrderBy(c => c.MeetingDate).ToList();

    public static OutboxMessage Email(AuditReport report, Partnerships.Caller reader, string requestId) => new()
    {
        // One e-mail per request (a redelivered message does not send a second).
        IdempotencyKey = $"audit-report:{report.Year}:{requestId}",
        Kind = OutboxKind.Email,
        RecipientId = reader.Id,
        Subject = $"Audit Committee report {report.Year}: partnership review arrangements",
        Body = EmailBody(report),
        Attachments =
        [
            new EmailAttachment(AuditReportFiles.FileName(report, "xlsx"), AuditReportFiles.XlsxContentType, AuditReportFiles.Xlsx(report)),
            new EmailAttachment(AuditReportFiles.FileName(report, "csv"), AuditReportFiles.CsvContentType, AuditReportFiles.Csv(report)),
        ],
        // The Word summary (with the hallmark chart) is made when the e-mail is sent, not in this turn.
        Papers = [new EmailPaper(Documents.Downloads.DocumentKinds.AuditCommittee, report.Year.ToString(CultureInfo.InvariantCulture), reader.TenantId)],
        Topic = $"audit-report:{report.Year}",
        CreatedAt = report.GeneratedAt,
        NextAttemptAt = report.GeneratedAt,
    };

    public static AuditReportView View(AuditReport report, bool emailed) => new(
        report.Year,
        $"Audit Committee report {report.Year}",
        $"Annual review arrangements for the {report.Year} cycle (section 4.4): coverage and content of each partnership's review.",
        report.Totals.Lines(report.Year).Select(t => new FactView(t.Label, t.Value.ToString(CultureInfo.InvariantCulture))).ToList(),
        report.Rows.Take(MaxCardRows).Select(r => new AuditRowView(
            r.Name,
            $"{r.Status} · {r.Stage} · " + (r.ReturnReceived is { } d ? $"Return received {ReviewSchedule.Format(d)}" : r.ReviewOwed == "None" ? "No review due" : "No return received")
                + (r.Recommendation.Length > 0 ? " · " + r.Recommendation : ""),
            string.Join("; ", r.OverdueFlags))).ToList(),
        (emailed
            ? "Download the spreadsheet (.xlsx), the CSV or the Word summary below. The spreadsheet, the CSV and the Word summary are also being e-mailed to you; \"outbox\" shows it if the e-mail could not be delivered."
            : "Download the spreadsheet (.xlsx), the CSV or the Word summary below (each link is for you only and works once, for a few minutes). Nothing was e-mailed: the bot has no mailbox to send from (Graph:ServiceMailbox).")
            + (report.Rows.Count > MaxCardRows ? $" The files list all {report.Rows.Count} partnerships; this card shows the first {MaxCardRows}." : ""));

    private static string EmailBody(AuditReport report)
    {
        var html = new StringBuilder($"<h2>Audit Committee report {report.Year}</h2><p>The partnership register's annual review arrangements for the {report.Year} cycle (section 4.4). The spreadsheet and CSV attached list every partnership; the Word summary attached is the paper for the committee.</p><table>");
        foreach (var (label, value) in report.Totals.Lines(report.Year))
        {
            html.Append("<tr><th align=\"left\">").Append(WebUtility.HtmlEncode(label)).Append("</th><td>").Append(value).Append("</td></tr>");
        }

        return html.Append("</table>").ToString();
    }

    [LoggerMessage(5201, LogLevel.Information, "Audit Committee report {Year} with {Rows} partnerships queued for e-mail")]
    private static partial void LogSent(ILogger logger, int year, int rows);

    [LoggerMessage(5202, LogLevel.Information, "Audit report refused for {UserId}: neither the PPM nor A&PM")]
    private static partial void LogRefused(ILogger logger, string userId);
}
