using System.Globalization;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;

namespace PartnershipBot.Features.AuditReport;

/// <summary>One partnership's line in the Audit Committee report for a cycle.</summary>
internal sealed record AuditRow(
    string Name,
    string LeadOfficer,
    string LeadRole,
    string Status,
    string Stage,
    string ReviewOwed,
    DateOnly? ReturnReceived,
    bool EffectivenessReviewDone,
    string Recommendation,
    string ThreeYearReviewDue,
    IReadOnlyList<string> OverdueFlags,
    string HallmarkScores)
{
    /// <summary>The register entry's id (to join the A&amp;PM team's records).</summary>
    public string PartnershipId { get; init; } = "";

    /// <summary>The A&amp;PM team's latest assessment of the review's content (4.4), e.g. "Partly adequate (Alex Auditor, 2 May 2027)"; "" when none.</summary>
    public string ContentAssessment { get; init; } = "";

    /// <summary>The committees' recommendations made in the cycle or still open, with owner, due date and state (4.5-4.6).</summary>
    public string CommitteeRecommendations { get; init; } = "";

    /// <summary>The A&amp;PM team's specific reviews of the partnership reported in the cycle (4.5), with the lead officer's recommendation.</summary>
    public string SpecificReviews { get; init; } = "";
}

/// <summary>The coverage totals of the report (4.4).</summary>
internal sealed record AuditTotals(
    int ActivePartnerships,
    int DueAReview,
    int ReturnsReceived,
    int EffectivenessReviewsDone,
    int ThreeYearReviewsDone,
    int Overdue,
    int DisengagementRecommended)
{
    public IReadOnlyList<(string Label, int Value)> Lines(int year) =>
    [
        ("Active partnerships", ActivePartnerships),
        ($"Due a review in the {year} cycle", DueAReview),
        ("Returns received", ReturnsReceived),
        ("Effectiveness reviews done", EffectivenessReviewsDone),
        ("Three-yearly reviews done", ThreeYearReviewsDone),
        ("Overdue", Overdue),
        ("Disengagement recommended", DisengagementRecommended),
    ];
}

/// <summary>The report for one cycle year, as at the moment it was made.</summary>
internal sealed record AuditReport(int Year, DateTimeOffset GeneratedAt, IReadOnlyList<AuditRow> Rows, AuditTotals Totals);

/// <summary>Builds the Audit Committee report from the register (pure: partnerships, scores and time are given).</summary>
internal static class AuditReportBuilder
{
    public static AuditReport Build(
        int year,
        IReadOnlyList<Partnership> partnerships,
        IReadOnlyDictionary<string, HallmarkScores> hallmarks,
        ReviewCalendar calendar,
        int overdueAfterDays,
        DateTimeOffset now)
    {
        var today = calendar.Today(now);
        var rows = new List<AuditRow>();
        int active = 0, due = 0, received = 0, effectiveness = 0, threeYear = 0, overdue = 0, disengage = 0;
        foreach (var (p, statusThen) in InCycle(partnerships, year, calendar, today).OrderBy(e => e.Partnership.Name, StringComparer.OrdinalIgnoreCase))
        {
            var owed = Owed(p, year, calendar);
            var outcome = p.ReviewFor(year);
            // Once done, the review itself says what was owed (a three-yearly review moves the next one on).
            var kind = outcome?.Kind ?? ReviewSchedule.KindFor(p, year, calendar);
            var receivedOn = outcome?.CompletedOn ?? InCycle(p.LastThreeYearReview, year, calendar) ?? InCycle(p.LastAnnualReturn, year, calendar);
            var effective = outcome is not null || InCycle(p.LastEffectivenessReview, year, calendar) is not null;
            var threeYearCycle = ReviewSchedule.ThreeYearReviewCycle(p, calendar);

            var flags = new List<string>();
            if (owed && receivedOn is null && today >= calendar.PromptDate(year).AddDays(overdueAfterDays))
            {
                flags.Add($"{AnnualCycle.Title(kind, year)} not received");
            }

            if (statusThen == PartnershipStatus.Active && threeYearCycle is { } c && c < year)
            {
                flags.Add($"Three-yearly review overdue since {c}");
            }

            active += statusThen == PartnershipStatus.Active ? 1 : 0;
            due += owed ? 1 : 0;
            received += owed && receivedOn is not null ? 1 : 0;
            effectiveness += effective ? 1 : 0;
            threeYear += outcome?.Kind == ReviewKind.ThreeYearReview || InCycle(p.LastThreeYearReview, year, calendar) is not null ? 1 : 0;
            overdue += flags.Count > 0 ? 1 : 0;
            disengage += outcome?.Recommendation == Recommendation.RecommendDisengagement ? 1 : 0;

            rows.Add(new AuditRow(
                p.Name,
                p.LeadOfficerName.Length > 0 ? p.LeadOfficerName : RoleCodes.TitleOf(p.LeadRole),
                p.LeadRole,
                RegisterViews.StatusText(statusThen),
                LifeCycleStages.Title(p.Stage),
                owed ? ReviewSchedule.KindTitle(kind) : "None",
                receivedOn,
                effective,
                outcome is null ? "" : ReviewAnswers.RecommendationText(outcome.Recommendation),
                statusThen != PartnershipStatus.Active ? "" : threeYearCycle is { } n ? n.ToString(CultureInfo.InvariantCulture) : "Now (none on record)",
                flags,
                hallmarks.TryGetValue(p.Id, out var scores) ? Describe(scores) : "") { PartnershipId = p.Id });
        }

        return new AuditReport(year, now, rows, new AuditTotals(active, due, received, effectiveness, threeYear, overdue, disengage));
    }

    /// <summary>
    /// The partnerships that existed in the cycle, with their status at its end (or today, for the cycle running): not
    /// those registered or started after it, nor those ended before it began, nor proposals (issue 17.6).
    /// </summary>
    private static IEnumerable<(Partnership Partnership, PartnershipStatus Status)> InCycle(
        IReadOnlyList<Partnership> partnerships, int year, ReviewCalendar calendar, DateOnly today)
    {
        var begins = calendar.PromptDate(year);
        var asAt = calendar.PromptDate(year + 1).AddDays(-1) is var end && end < today ? end : today;
        foreach (var p in partnerships)
        {
            if (p.StatusOn(asAt) is { } status && status != PartnershipStatus.Proposed
                && p.StatusOn(begins) is not PartnershipStatus.Ended && (p.StartDate is not { } start || start <= asAt))
            {
                yield return (p, status);
            }
        }
    }

    /// <summary>
    /// Owed a review in the cycle, from the calendar and the register (never from which prompts were sent): in being and
    /// not ended or proposed on the prompt date, and started before it. An entry with no start date (the seeded key
    /// partnerships) existed before the register, so it owes the review of the cycle it was registered in.
    /// </summary>
    private static bool Owed(Partnership p, int year, ReviewCalendar calendar)
    {
        var prompt = calendar.PromptDate(year);
        var then = p.StatusOn(prompt) ?? (p.StartDate is null ? p.StatusOn(calendar.PromptDate(year + 1).AddDays(-1)) : null);
        return then is PartnershipStatus.Active or PartnershipStatus.UnderReview or PartnershipStatus.Disengaging
            && (p.StartDate is not { } start ? true : start < prompt);
    }

    public static string Describe(HallmarkScores scores) =>
        string.Join("; ", scores.Scores.Select(s => $"{s.Hallmark} {s.Text}"))
        + $" (assessed {ReviewSchedule.Format(scores.AssessedOn)})";

    private static DateOnly? InCycle(DateOnly? date, int year, ReviewCalendar calendar) =>
        date is { } d && calendar.CycleOf(d) == year ? d : null;
}
