using Microsoft.Extensions.Options;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Reviews;

namespace PartnershipBot.Features.Register;

/// <summary>
/// The register as people read it (the tab and the chat): only what the caller may see, filtered, searched and sorted.
/// Permission comes from <see cref="RegisterAccess"/>; an entry the caller may not see is "not found", never "forbidden",
/// so ids cannot be probed.
/// </summary>
internal sealed class RegisterQueries(
    IPartnershipRegister register,
    RegisterAccess access,
    IOptions<RegisterOptions> registerOptions,
    IOptions<ReviewOptions> reviewOptions,
    TimeProvider time)
{
    private readonly ReviewCalendar _calendar = ReviewCalendar.From(reviewOptions.Value);

    public async Task<Viewer> ViewerAsync(Caller caller, CancellationToken cancellationToken) =>
        await access.ViewerAsync(caller, await register.AllAsync(cancellationToken), cancellationToken);

    /// <summary>The partnerships the caller may see, with the caller's roles.</summary>
    public async Task<(Viewer Viewer, IReadOnlyList<Partnership> Visible)> VisibleAsync(Caller caller, CancellationToken cancellationToken)
    {
        var all = await register.AllAsync(cancellationToken);
        var viewer = await access.ViewerAsync(caller, all, cancellationToken);
        return (viewer, all.Where(viewer.CanSee).ToList());
    }

    public async Task<RegisterPage> ListAsync(Caller caller, RegisterQuery query, CancellationToken cancellationToken)
    {
        var (_, visible) = await VisibleAsync(caller, cancellationToken);
        var now = time.GetUtcNow();
        var rows = visible.Select(p => Row(p, now)).ToList();
        var search = query.Search?.Trim() is { Length: > 0 } s ? s[..Math.Min(s.Length, RegisterQuery.MaxSearchLength)] : null;
        var byId = visible.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var shown = rows.Where(r =>
                (query.Status is not { } status || r.Status == status)
                && (query.Stage is not { } stage || r.Stage == stage)
                && (query.Role is not { Length: > 0 } role || string.Equals(r.LeadRole, role, StringComparison.OrdinalIgnoreCase))
                && (query.LeadOfficer is not { Length: > 0 } lead || string.Equals(r.LeadOfficer, lead, StringComparison.OrdinalIgnoreCase))
                && (!query.OverdueOnly || r.Rag == Rag.Red)
                && (search is null || Matches(byId[r.Id], search)))
            .ToList();
        return new RegisterPage(
            Sort(shown, query.Sort, query.Descending),
            rows.Count,
            rows.Select(r => r.LeadOfficer).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <summary>The partnership's page, or null when it does not exist or the caller may not see it.</summary>
    public async Task<PartnershipDetails?> DetailsAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        var (viewer, visible) = await VisibleAsync(caller, cancellationToken);
        if (visible.FirstOrDefault(p => p.Id == id) is not { } p)
        {
            return null;
        }

        var options = registerOptions.Value;
        return new PartnershipDetails(
            Row(p, time.GetUtcNow()),
            p,
            RoleCodes.TitleOf(p.LeadRole),
            p.Reviews,
            p.History,
            RegisterPermissions.CanEdit(viewer.Caller.Id, options),
            p.Status != PartnershipStatus.Ended && RegisterPermissions.CanChangeStage(viewer.Caller.Id, p, options));
    }

    /// <summary>The register's own events of a partnership, oldest first.</summary>
    public static IReadOnlyList<TimelineEntry> Timeline(Partnership p)
    {
        var entries = new List<TimelineEntry>();
        if (p.StartDate is { } start)
        {
            entries.Add(new(Midnight(start), "partnership", "The Council entered the partnership"));
        }

        foreach (var review in p.Reviews)
        {
            entries.Add(new(Midnight(review.CompletedOn), "review",
                $"{AnnualCycle.Title(review.Kind, review.CycleYear)} completed by {review.CompletedByName}: {ReviewAnswers.RecommendationText(review.Recommendation)}"));
        }

        // SMT's record on the lead officer's recommendations after the A&PM team's specific reviews (4.5): each decision,
        // question and answer with who, when and the comment (the history line has no comment).
        foreach (var recommendation in p.SpecificReviewRecommendations)
        {
            entries.AddRange(recommendation.Decisions.Select(d => new TimelineEntry(d.At, "smt",
                $"SMT on the lead officer's recommendation after the specific partnership review ({ReviewAnswers.RecommendationText(recommendation.Recommendation)}): {ReviewDecision.Describe(d)}")));
        }

        foreach (var change in p.History)
        {
            entries.Add(new(change.At, "change", $"{change.What} ({change.ByName})"));
        }

        return entries;
    }

    public RegisterRow Row(Partnership p, DateTimeOffset now)
    {
        var due = ReviewSchedule.Next(p, now, _calendar, reviewOptions.Value.ReminderAfterDays);
        var rag = due?.State switch
        {
            null => Rag.None,
            DueState.Overdue => Rag.Red,
            DueState.Due => Rag.Amber,
            _ => Rag.Green,
        };
        return new RegisterRow(
            p.Id,
            p.Name,
            p.Status,
            p.Stage,
            LeadOfficerText(p),
            p.LeadRole,
            p.StartDate,
            Latest(p.LastAnnualReturn, p.LastThreeYearReview, p.LastEffectivenessReview),
            ReviewSchedule.Describe(due),
            due?.DueDate,
            p.Status == PartnershipStatus.Active ? ReviewSchedule.ThreeYearReviewCycle(p, _calendar) ?? _calendar.CycleAt(now) : null,
            rag);
    }

    public static string LeadOfficerText(Partnership p) =>
        p.LeadOfficerName.Length > 0 ? p.LeadOfficerName : p.LeadOfficerId.Length > 0 ? RoleCodes.TitleOf(p.LeadRole) : "Not assigned";

    private static bool Matches(Partnership p, string search) =>
        p.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
        || p.Purpose.Contains(search, StringComparison.OrdinalIgnoreCase)
        || p.LeadOfficerName.Contains(search, StringComparison.OrdinalIgnoreCase)
        || p.Partners.Any(x => x.Contains(search, StringComparison.OrdinalIgnoreCase))
        || p.AccountableBody.Contains(search, StringComparison.OrdinalIgnoreCase)
        || p.ElectedMembers.Any(x => x.Contains(search, StringComparison.OrdinalIgnoreCase));

    private static List<RegisterRow> Sort(List<RegisterRow> rows, RegisterSort sort, bool descending)
    {
        IOrderedEnumerable<RegisterRow> ordered = sort switch
        {
            RegisterSort.Status => By(rows, r => r.Status, descending),
            RegisterSort.Stage => By(rows, r => r.Stage, descending),
            RegisterSort.LeadOfficer => By(rows, r => r.LeadOfficer, descending, StringComparer.OrdinalIgnoreCase),
            RegisterSort.Role => By(rows, r => r.LeadRole, descending, StringComparer.OrdinalIgnoreCase),
            RegisterSort.StartDate => By(rows, r => r.StartDate, descending),
            RegisterSort.LastReview => By(rows, r => r.LastReview, descending),
            RegisterSort.NextReview => By(rows, r => r.NextReviewDate, descending),
            _ => By(rows, r => r.Name, descending, StringComparer.OrdinalIgnoreCase),
        };
        // Ties in name order, then id, so the order is stable between requests.
        return ordered.ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    private static IOrderedEnumerable<RegisterRow> By<T>(IEnumerable<RegisterRow> rows, Func<RegisterRow, T> key, bool descending, IComparer<T>? comparer = null) =>
        descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);

    private static DateOnly? Latest(params DateOnly?[] dates) => dates.Where(d => d is not null).DefaultIfEmpty(null).Max();

    private static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
