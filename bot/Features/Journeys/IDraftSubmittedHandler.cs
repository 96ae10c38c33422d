using System.Text.Json.Nodes;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Journeys;

/// <summary>
/// What happens when a draft of one questionnaire is submitted (the draft is already stored as Submitted and
/// frozen): e.g. the approval route for a new partnership. Returns the card shown to the submitter.
/// </summary>
internal interface IDraftSubmittedHandler
{
    string QuestionnaireId { get; }

    Task<JsonObject> OnSubmittedAsync(TurnContext turn, Draft draft, CancellationToken cancellationToken);
}
