using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Tab;

/// <summary>The hallmark endpoints: scores as JSON, and the same scores as server-drawn SVG charts.</summary>
internal static class TabHallmarks
{
    public static async Task<IResult> CouncilAsync(HttpContext context, TabAccess access, HallmarkQueries hallmarks, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.CallerAsync(context, cancellationToken);
        return caller is null ? refusal! : TabJson.Ok(await hallmarks.CouncilAsync(caller, cancellationToken));
    }

    public static async Task<IResult> PartnershipAsync(string id, HttpContext context, TabAccess access, HallmarkQueries hallmarks, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.CallerAsync(context, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        return id.Length <= 100 && await hallmarks.PartnershipAsync(caller, id, cancellationToken) is { } history
            ? TabJson.Ok(history)
            : TabJson.NotFound();
    }

    public static async Task<IResult> CouncilChartAsync(string? theme, HttpContext context, TabAccess access, HallmarkQueries hallmarks, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.CallerAsync(context, cancellationToken);
        return caller is null
            ? refusal!
            : Svg(HallmarkSvgCharts.Council((await hallmarks.CouncilAsync(caller, cancellationToken, withActions: false)).Hallmarks, ChartTheme.Named(theme)));
    }

    public static async Task<IResult> PartnershipChartAsync(
        string id, string? theme, HttpContext context, TabAccess access, HallmarkQueries hallmarks, QuestionnaireCatalog catalog, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.CallerAsync(context, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        if (id.Length > 100 || await hallmarks.PartnershipAsync(caller, id, cancellationToken) is not { } history)
        {
            return TabJson.NotFound();
        }

        var groups = catalog.Get(QuestionnaireIds.Hallmarks).Groups.Select(g => (g.Id, g.Title)).ToList();
        return Svg(HallmarkSvgCharts.Trend(history, groups, ChartTheme.Named(theme)));
    }

    // The page shows the SVG through <img>, where scripts in an SVG never run; the CSP says the same to a direct visit.
    private static IResult Svg(string svg) => Results.Text(svg, "image/svg+xml; charset=utf-8");
}
