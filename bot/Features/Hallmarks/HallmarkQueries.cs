using Microsoft.Extensions.Options;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>A hallmark's score in one assessment (null: not assessed, every answer Not applicable; or skipped).</summary>
internal sealed record HallmarkPercent(string GroupId, string Title, int? Percent)
{
    /// <summary>No score because the assessor skipped the hallmark ("Skip this hallmark"), not because nothing applied.</summary>
    public bool Skipped { get; init; }

    /// <summary>How the score reads wherever it is shown: "75%", "Skipped" or "Not assessed" (never 0 % for no score).</summary>
    public string Label => Percent is { } p ? $"{p}%" : Skipped ? Rating.Skipped.Label : Rating.NotAssessed.Label;
}

/// <summary>One submitted self-assessment's scores.</summary>
internal sealed record AssessmentScores(string DraftId, DateOnly AssessedOn, string AssessedBy, IReadOnlyList<HallmarkPercent> Hallmarks, int? Overall);

/// <summary>An improvement action of a partnership's latest assessment, with its owner and target date as entered.</summary>
internal sealed record ImprovementAction(string PartnershipId, string PartnershipName, string Hallmark, string Question, string Answer, string Action, string Owner, string Due);

/// <summary>One partnership's assessments over the years, oldest first, and the open actions of the latest.</summary>
internal sealed record PartnershipHallmarks(string Id, string Name, IReadOnlyList<AssessmentScores> Assessments, IReadOnlyList<ImprovementAction> Actions);

/// <summary>Across the latest assessment of every visible partnership: average per hallmark and how many are weak.</summary>
internal sealed record HallmarkSummary(string GroupId, string Title, int? AveragePercent, int Assessed, int Weak);

/// <summary>The council-wide picture: weakest hallmarks first, each partnership's latest scores, open actions.</summary>
internal sealed record CouncilHallmarks(
    IReadOnlyList<HallmarkSummary> Hallmarks,
    IReadOnlyList<PartnershipHallmarks> Partnerships,
    IReadOnlyList<ImprovementAction> Actions,
    int StrongFrom,
    int DevelopingFrom)
{
    /// <summary>How many open actions there are in all (<see cref="Actions"/> holds the earliest due of them).</summary>
    public int ActionsTotal { get; init; }
}

/// <summary>
/// Hallmark scores as people read them, for the partnerships the caller may see (the register decides which). Scores
/// come from the summaries stored with each submitted assessment (<see cref="AssessmentSummary"/>, scored by
/// <see cref="HallmarkScoring"/> as on the results card), never from the drafts in full.
/// </summary>
internal sealed class HallmarkQueries(RegisterQueries register, IAssessmentSummaryStore summaries, QuestionnaireCatalog catalog, IOptions<HallmarkOptions> options, TimeProvider time)
{
    /// <summary>At most this many open actions on the council-wide page, the earliest target dates first.</summary>
    public const int MaxCouncilActions = 200;

    /// <summary>The council-wide picture; without <paramref name="withActions"/> (a chart of the averages) no improvement actions are read.</summary>
    public async Task<CouncilHallmarks> CouncilAsync(Caller caller, CancellationToken cancellationToken, bool withActions = true)
    {
        var (viewer, visible) = await register.VisibleAsync(caller, cancellationToken);
        var latest = (viewer.SeesWholeRegister
                ? await summaries.LatestOfEachAsync(withActions, cancellationToken)
                : await summaries.LatestOfAsync(visible.Select(p => p.Id).ToList(), cancellationToken))
            .ToDictionary(s => s.PartnershipId, StringComparer.Ordinal);
        var definition = catalog.Get(QuestionnaireIds.Hallmarks);
        var partnerships = visible
            .Where(p => latest.ContainsKey(p.Id))
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => History(p, [latest[p.Id]]))
            .ToList();

        var byHallmark = definition.Groups.Select(g =>
            {
                var scores = partnerships.Select(p => p.Assessments[^1].Hallmarks.FirstOrDefault(h => h.GroupId == g.Id)?.Percent)
                    .Where(s => s is not null).Select(s => s!.Value).ToList();
                return new HallmarkSummary(
                    g.Id,
                    g.Title,
                    scores.Count == 0 ? null : (int)Math.Round(scores.Average(), MidpointRounding.AwayFromZero),
                    scores.Count,
                    scores.Count(s => HallmarkScoring.RatingOf(s, options.Value) == Rating.Weak));
            })
            .OrderBy(s => s.AveragePercent ?? int.MaxValue)
            .ThenBy(s => s.Title, StringComparer.OrdinalIgnoreCase)
            .ToList();
        // The council page lists the open actions due soonest (each partnership's own page lists all of its own): with
        // a whole register, every action of every partnership is thousands of rows that nobody reads on one page.
        var actions = partnerships.SelectMany(p => p.Actions).ToList();
        return new CouncilHallmarks(
            byHallmark,
            partnerships.Select(p => p with { Actions = [] }).ToList(),
            actions.OrderBy(a => a.Due.Length == 0 ? "9999" : a.Due, StringComparer.Ordinal).ThenBy(a => a.PartnershipName, StringComparer.OrdinalIgnoreCase).Take(MaxCouncilActions).ToList(),
            options.Value.StrongFrom,
            options.Value.DevelopingFrom)
        {
            ActionsTotal = actions.Count,
        };
    }

    /// <summary>A partnership's assessments over the years, or null when it does not exist or the caller may not see it.</summary>
    public async Task<PartnershipHallmarks?> PartnershipAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        var (_, visible) = await register.VisibleAsync(caller, cancellationToken);
        return visible.FirstOrDefault(p => p.Id == id) is { } p
            ? History(p, await summaries.OfPartnershipAsync(p.Id, cancellationToken))
            : null;
    }

    /// <summary>The assessments given (newest first) oldest first, with the open actions of the newest.</summary>
    private PartnershipHallmarks History(Partnership p, IReadOnlyList<AssessmentSummary> newestFirst)
    {
        var assessments = newestFirst.Reverse().Select(s =>
        {
            var score = s.Score();
            return new AssessmentScores(
                s.DraftId,
                DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.SubmittedAt, time.LocalTimeZone).DateTime),
                s.AssessedBy,
                score.Hallmarks.Select(h => new HallmarkPercent(h.GroupId, h.Title, h.Percent) { Skipped = h.IsSkipped }).ToList(),
                score.Overall.Percent);
        }).ToList();
        var actions = newestFirst.Count == 0
            ? []
            : newestFirst[0].Improvements
                .Select(i => new ImprovementAction(p.Id, p.Name, i.Hallmark, i.Question, i.Answer, i.Action, i.Owner, i.Due))
                .ToList();
        return new PartnershipHallmarks(p.Id, p.Name, assessments, actions);
    }
}
