using System.Globalization;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>Builds the results card's view from a submitted assessment and the one before it.</summary>
internal static class HallmarkResults
{
    /// <summary>
    /// The results card shows at most this many improvement items, each shortened, within <see cref="ImprovementsBudget"/>
    /// bytes, so that with the chart it stays under the 40 KB card limit; the whole plan is a button away (paged).
    /// </summary>
    public const int MaxImprovementsShown = 15;

    /// <summary>Bytes of improvement items on the results card (the chart takes up to about 27 KB).</summary>
    public const int ImprovementsBudget = 7_500;
    private const int ImprovementLength = 300;
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static HallmarkResultsView View(QuestionnaireDefinition definition, PartnershipRef partnership, Draft draft, Draft? previous, HallmarkOptions options)
    {
        var now = HallmarkScoring.Score(definition, draft.Answers);
        var before = previous is null ? null : HallmarkScoring.Score(definition, previous.Answers);
        var since = previous?.SubmittedAt is { } at ? "since " + UkDate.Day(at) : "";
        HallmarkScoreView ScoreView(HallmarkScore score, HallmarkScore? earlier)
        {
            var rating = score.IsSkipped ? Rating.Skipped : HallmarkScoring.RatingOf(score.Percent, options);
            return new HallmarkScoreView(score.Title, score.IsSkipped ? Rating.Skipped.Label : PercentText(score.Percent), rating.Label, rating.Color,
                HallmarkScoring.ChangeText(score.Percent, earlier?.Percent, before is not null, since));
        }

        var entries = now.Hallmarks
            .Select(h => new HallmarkChart.Entry(ShortLabel(h.GroupId), h.Percent, before?.For(h.GroupId)?.Percent))
            .ToList();
        var png = HallmarkChart.Png(entries, before is not null, options.StrongFrom, options.DevelopingFrom);
        var figures = now.Hallmarks.Select(h => new FigureView(h.Title,
            h.IsSkipped ? Rating.Skipped.Label + (before is null ? "" : $" (previous {PercentText(before.For(h.GroupId)?.Percent)})")
            : FigureText(h.Percent, before?.For(h.GroupId)?.Percent, before is not null))).ToList();
        var plan = HallmarkScoring.Improvements(definition, draft.Answers);
        var shown = Shown(plan);
        return new HallmarkResultsView(
            draft.Id,
            partnership.Id,
            partnership.Name,
            $"on {UkDate.DayOrEmpty(draft.SubmittedAt)} by {draft.OwnerName}",
            ScoreView(now.Overall, before?.Overall),
            now.Hallmarks.Select(h => ScoreView(h, before?.For(h.GroupId))).ToList(),
            HallmarkChart.DataUri(png),
            "Bar chart of hallmark scores" + (before is null ? "" : ", this assessment beside the previous one") + ": "
                + string.Join("; ", figures.Select(f => $"{f.Label} {f.Value}")) + ".",
            figures,
            shown,
            PlanCountText(plan.Count, shown.Count),
            shown.Count < plan.Count);
    }

    private static List<ImprovementView> Shown(IReadOnlyList<Improvement> plan)
    {
        var items = plan.Take(MaxImprovementsShown)
            .Select(i => new ImprovementView(i.Hallmark, CardText.Shorten(ImprovementText(i), ImprovementLength))).ToList();
        return items.Take(HallmarkPlan.Fit(items, 0, ImprovementsBudget, MaxImprovementsShown)).ToList();
    }

    private static string PlanCountText(int total, int shown) =>
        $"Improvement plan: {total} item{(total == 1 ? "" : "s")}"
        + (shown < total ? $", the first {shown} shown here (shortened). Show the full plan to see them all." : ".");

    /// <summary>The whole improvement plan as plain text, one item a line.</summary>
    public static string PlanText(QuestionnaireDefinition definition, Draft draft) =>
        string.Join("\n", HallmarkScoring.Improvements(definition, draft.Answers).Select(i => $"- {i.Hallmark}: {ImprovementText(i)}"));

    /// <summary>A one-paragraph summary for the lead officer and the PPM.</summary>
    public static string SummaryText(HallmarkResultsView view, string planText) =>
        $"Hallmark self-assessment of {view.PartnershipName} {view.AssessedAtText}. Overall {view.Overall.PercentText} ({view.Overall.Rating}). "
        + string.Join("; ", view.Hallmarks.Select(h => $"{h.Name} {h.PercentText} ({h.Rating})")) + ". "
        + (planText.Length == 0 ? "No improvement items." : "Improvement plan:\n" + planText);

    public static string PercentText(int? percent) => percent is { } p ? $"{p}%" : "Not assessed";

    private static string FigureText(int? now, int? before, bool hasPrevious) =>
        hasPrevious ? $"{PercentText(now)} (previous {PercentText(before)})" : PercentText(now);

    /// <summary>An improvement item as one paragraph: the question, the answer, the action, its owner and date.</summary>
    public static string ImprovementText(Improvement item)
    {
        var action = item.Action.Length > 0 ? $" Action: {item.Action}" : " No action recorded yet.";
        var owner = item.Owner.Length > 0 ? $" Owner: {item.Owner}." : "";
        var due = DateOnly.TryParseExact(item.Due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? $" Target date: {UkDate.Day(date)}."
            : "";
        return $"{item.Question} Answered {item.Answer}.{action}{(item.Action.Length > 0 && !item.Action.EndsWith('.') ? "." : "")}{owner}{due}";
    }

    // "accountability" → "Accountability": the group ids are short enough to label the chart's axis.
    private static string ShortLabel(string groupId) => groupId.Length == 0 ? groupId : char.ToUpperInvariant(groupId[0]) + groupId[1..];
}
