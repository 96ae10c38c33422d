using System.Globalization;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Journeys;

/// <summary>
/// The hook point of a submitted new-partnership proposal: the frozen draft is the submission. The approval
/// feature routes it to the People and Policy Manager and SMT.
/// </summary>
internal sealed class NewPartnershipSubmitted(CardRenderer renderer) : IDraftSubmittedHandler
{
    public string QuestionnaireId => QuestionnaireIds.NewPartnership;

    public Task<JsonObject> OnSubmittedAsync(TurnContext turn, Draft draft, CancellationToken cancellationToken) =>
        Task.FromResult(renderer.Render(new SubmittedView(
            "New partnership proposal",
            draft.Id,
            draft.Title ?? "Untitled proposal",
            Reference(draft),
            UkDate.FormatOrEmpty(draft.SubmittedAt),
            "The People and Policy Manager and SMT will be told, and SMT must authorise the partnership before it starts.")));

    /// <summary>A short reference officers can quote.</summary>
    public static string Reference(Draft draft) => "NP-" + draft.Id[..Math.Min(6, draft.Id.Length)].ToUpperInvariant();
}
