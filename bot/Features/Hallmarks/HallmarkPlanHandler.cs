using System.Globalization;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>
/// "Show full improvement plan" on a results card, and its page buttons. Whoever may assess the partnership (its
/// lead officer, the PPM) and the assessor may read it; the draft id in the card data is only a pointer.
/// </summary>
internal sealed partial class HallmarkPlanHandler(
    IDraftStore drafts,
    IPartnershipLookup partnerships,
    QuestionnaireCatalog catalog,
    CardRenderer renderer,
    JourneyCards cards,
    ILogger<HallmarkPlanHandler> logger)
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>One page of the improvement plan of a submitted assessment.</summary>
    public async Task<JsonObject> PageAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var draft = action.GetString("draftId") is { Length: > 0 and <= 64 } id ? await drafts.GetAsync(id, cancellationToken) : null;
        if (draft is not { QuestionnaireId: QuestionnaireIds.Hallmarks, Status: DraftStatus.Submitted })
        {
            return cards.Error("Assessment not found", "That self-assessment is not a submitted one, so it has no improvement plan to show.");
        }

        var partnership = await partnerships.GetAsync(draft.SubjectId ?? "", cancellationToken);
        var allowed = turn.UserId.Length > 0
            && (turn.UserId == draft.OwnerId || turn.UserId == partnership?.LeadOfficerId || turn.UserId == partnerships.PpmUserId);
        if (!allowed)
        {
            Log.NotAllowed(logger, draft.Id);
            return cards.Error("Not allowed", "Only the assessor, the partnership's lead officer or the People and Policy Manager can see this improvement plan.");
        }

        var plan = HallmarkScoring.Improvements(catalog.Get(QuestionnaireIds.Hallmarks), draft.Answers);
        return renderer.Render(HallmarkPlan.Page(draft.Id, draft.SubjectId ?? "", CardText.Shorten(partnership?.Name ?? draft.Title ?? "Partnership", 200),
            $"on {UkDate.DayOrEmpty(draft.SubmittedAt)} by {draft.OwnerName}", plan, action.GetInt("page") ?? 1));
    }

    private static partial class Log
    {
        [LoggerMessage(7201, LogLevel.Warning, "Improvement plan of assessment {DraftId} refused: not the assessor, lead officer or PPM")]
        public static partial void NotAllowed(ILogger logger, string draftId);
    }
}
