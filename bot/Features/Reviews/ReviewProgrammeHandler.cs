using System.Globalization;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Reviews;

/// <summary>"review programme" and its Save button: the PPM's planning card of the three-yearly reviews.</summary>
internal sealed class ReviewProgrammeHandler(ReviewProgramme programme, CardRenderer renderer)
{
    public const string NotAllowedText = "Planning the three-yearly review programme is for the People and Policy Manager.";

    public async Task CommandAsync(TurnContext turn, string arguments, CancellationToken cancellationToken) =>
        await turn.SendCardAsync(Render(await programme.GetAsync(turn.Caller, cancellationToken)), cancellationToken);

    public async Task<JsonObject> SaveAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (await programme.GetAsync(turn.Caller, cancellationToken) is not ProgrammeResult.Shown shown)
        {
            return Render(new ProgrammeResult.NotAllowed());
        }

        var cycles = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in shown.Programme.Rows)
        {
            if (action.GetString(InputId(row.Partnership.Id)) is { Length: > 0 } text)
            {
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var cycle))
                {
                    return Render(new ProgrammeResult.Invalid(shown.Programme, "A cycle chosen is not a year. Nothing has been changed."));
                }

                cycles[row.Partnership.Id] = cycle;
            }
        }

        return Render(await programme.PlanAsync(turn.Caller, cycles, cancellationToken));
    }

    public static string InputId(string partnershipId) => "cycle-" + partnershipId;

    private JsonObject Render(ProgrammeResult result) => result switch
    {
        ProgrammeResult.Shown shown => renderer.Render(View(shown.Programme, shown.Changed == 0 ? null : $"Saved: {shown.Changed} partnerships re-planned.")),
        ProgrammeResult.Invalid invalid => renderer.Render(View(invalid.Programme, invalid.Message)),
        _ => renderer.Render(new ErrorView("Not allowed", NotAllowedText)),
    };

    private static ReviewProgrammeView View(Programme p, string? message) => new(
        p.PerCycle.Count == 0 ? "none planned" : string.Join(", ", p.PerCycle.Select(kv => $"{kv.Key}: {kv.Value}")),
        message,
        p.Rows.Select(r => new ProgrammeRowView(
            r.Partnership.Name,
            InputId(r.Partnership.Id),
            $"Three-yearly review of {r.Partnership.Id}",
            r.PlannedCycle?.ToString(CultureInfo.InvariantCulture) ?? "",
            r.Choices.Select(c => new ChoiceView($"{c} cycle", c.ToString(CultureInfo.InvariantCulture))).ToList())).ToList());
}
