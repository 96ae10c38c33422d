using System.Globalization;
using Microsoft.Extensions.Options;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Tab;

namespace PartnershipBot.Features.Register;

/// <summary>Builds the register's card views for one viewer (what they may do is decided here from their id).</summary>
internal sealed class RegisterViews(IOptions<RegisterOptions> registerOptions, IOptions<ReviewOptions> reviewOptions, IOptions<TabOptions> tabOptions, TimeProvider time)
{
    public const int MaxRows = 30;
    private readonly ReviewCalendar _calendar = ReviewCalendar.From(reviewOptions.Value);

    public RegisterOptions Options => registerOptions.Value;

    public DueItem? DueNext(Partnership partnership) =>
        ReviewSchedule.Next(partnership, time.GetUtcNow(), _calendar, reviewOptions.Value.ReminderAfterDays);

    public RegisterListView List(string heading, string scope, IReadOnlyList<Partnership> shown, int total, RegisterFilter filter)
    {
        var rows = shown.Take(MaxRows).Select(p => new RegisterRowView(p.Id, p.Name, RowSummary(p))).ToList();
        return new RegisterListView(
            heading,
            scope,
            $"{heading}: showing {shown.Count} of {total}. Filter: {filter.Describe()}.",
            filter.Role ?? RegisterFilter.All,
            [new ChoiceView("All roles", RegisterFilter.All), .. RoleCodes.All.Select(r => new ChoiceView($"{r.Code} – {r.Title}", r.Code))],
            rows,
            shown.Count > MaxRows ? $"{shown.Count - MaxRows} more not shown: narrow the filter." : null,
            filter.StatusChoice,
            [new ChoiceView("Any status", RegisterFilter.All), .. StatusChoices(), new ChoiceView("Overdue reviews", RegisterFilter.Overdue)]);
    }

    // No role code: the line starts with the status, not with a stray separator.
    private string RowSummary(Partnership p) => string.Join(" · ",
        new[] { p.LeadRole, StatusText(p.Status), LifeCycleStages.Title(p.Stage), "Next review " + ReviewSchedule.Describe(DueNext(p)) + ThreeYearlyText(p) }.Where(s => s.Length > 0));

    public PartnershipDetailView Detail(Partnership p, string viewerId)
    {
        var options = registerOptions.Value;
        var last = p.LatestReview;
        var facts = new List<FactView>
        {
            new("Partners", p.Partners.Count == 0 ? "Not recorded" : CardText.Shorten(string.Join(", ", p.Partners), 500)),
            new("Accountable body / reporting line", p.AccountableBody.Length == 0 ? "Not recorded" : CardText.Shorten(p.AccountableBody, 500)),
            new("Elected members involved", p.ElectedMembers.Count == 0 ? "Not recorded" : CardText.Shorten(string.Join(", ", p.ElectedMembers), 500)),
            new("Start date", Date(p.StartDate)),
            new("Last annual return", Date(p.LastAnnualReturn)),
            new("Last effectiveness review", Date(p.LastEffectivenessReview)),
            new("Last three-yearly review", Date(p.LastThreeYearReview)),
            new("Next three-yearly review", NextThreeYearly(p)),
        };
        if (last is not null)
        {
            facts.Add(new("Latest recommendation", $"{ReviewAnswers.RecommendationText(last.Recommendation)} ({last.CycleYear})"));
            facts.Add(new("SMT decision", last.Decision is { } d ? $"{ReviewDecision.Text(d.Kind)} ({last.CycleYear})" : "Awaiting SMT's decision"));
        }

        if (p.ContingentLiabilityRecords.Count > 0)
        {
            var cl = p.ContingentLiabilityRecords[^1];
            facts.Add(new("Contingent liabilities of disengagement", CardText.Shorten(cl.Details, 500)));
            facts.Add(new("Termination arrangements", CardText.Shorten(cl.Termination, 500)));
        }

        return new PartnershipDetailView(
            p.Id,
            p.Name,
            StatusText(p.Status),
            p.Stage.ToString(),
            LifeCycleStages.WithDescription(p.Stage),
            LeadOfficerText(p),
            p.LeadRole.Length == 0 ? "" : $"{p.LeadRole} – {RoleCodes.TitleOf(p.LeadRole)}",
            p.Purpose.Length > 0 ? CardText.Shorten(p.Purpose, 1000) : "Not recorded",
            facts,
            last is null ? "None recorded" : $"{ReviewSchedule.KindTitle(last.Kind)} {last.CycleYear}, completed {ReviewSchedule.Format(last.CompletedOn)}",
            ReviewSchedule.Describe(DueNext(p)),
            RegisterPermissions.CanEdit(viewerId, options),
            p.Status != PartnershipStatus.Ended && RegisterPermissions.CanChangeStage(viewerId, p, options),
            p.Status != PartnershipStatus.Ended && RegisterPermissions.CanEdit(viewerId, options),
            RegisterPermissions.CanAssessHallmarks(viewerId, p, options),
            LifeCycleStages.Choosable.Select(s => new ChoiceView(LifeCycleStages.WithDescription(s), s.ToString())).ToList(),
            p.Version,
            TabDeepLinks.Partnership(tabOptions.Value.TeamsAppId, tabOptions.Value.EntityId, p.Id));
    }

    public static PartnershipEditView Edit(Partnership p, string? validationMessage = null) => new(
        p.Id,
        p.Version,
        p.Name,
        p.Purpose,
        string.Join("\n", p.Partners),
        p.Status.ToString(),
        StatusChoices(),
        IsoDate(p.StartDate),
        IsoDate(p.LastAnnualReturn),
        IsoDate(p.LastEffectivenessReview),
        IsoDate(p.LastThreeYearReview),
        p.LeadOfficerId,
        p.LeadOfficerName,
        p.LeadRole,
        RoleCodes.All.Select(r => new ChoiceView($"{r.Code} – {r.Title}", r.Code)).ToList(),
        validationMessage,
        p.AccountableBody,
        string.Join("\n", p.ElectedMembers));

    // A lead officer known only by role reads as a person ("the Head of Community Services"), not "Holder of the role".
    private static string LeadOfficerText(Partnership p) =>
        p.LeadOfficerName.Length > 0 ? p.LeadOfficerName
        : p.LeadRole.Length > 0 ? "The " + RoleCodes.TitleOf(p.LeadRole)
        : p.LeadOfficerId.Length > 0 ? "Recorded, name not known" : "Not assigned";

    /// <summary>The cycle whose annual return includes the three-yearly points (3.4, 3.7).</summary>
    public string NextThreeYearly(Partnership p) =>
        p.Status is PartnershipStatus.Ended or PartnershipStatus.Proposed ? "None (not Active)"
        : ReviewSchedule.ThreeYearReviewCycle(p, _calendar) is { } cycle
            ? $"{cycle} cycle (prompt {ReviewSchedule.Format(_calendar.PromptDate(cycle))})"
            : "At the next annual return (no date on record)";

    /// <summary>" · three-yearly review 2028" for Active entries whose three-yearly cycle is known (3.4).</summary>
    private string ThreeYearlyText(Partnership p) =>
        p.Status == PartnershipStatus.Active && ReviewSchedule.ThreeYearReviewCycle(p, _calendar) is { } cycle
            ? string.Create(CultureInfo.InvariantCulture, $" · three-yearly review {cycle}") : "";

    public static string StatusText(PartnershipStatus status) => status == PartnershipStatus.UnderReview ? "Under review" : status.ToString();

    private static List<ChoiceView> StatusChoices() =>
        Enum.GetValues<PartnershipStatus>().Select(s => new ChoiceView(StatusText(s), s.ToString())).ToList();

    private static string Date(DateOnly? date) => date is { } d ? ReviewSchedule.Format(d) : "Not recorded";

    private static string IsoDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
