using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Reviews;

/// <summary>
/// After SMT agrees disengagement, the lead officer (or the PPM) records the contingent liabilities of disengagement
/// (3.7 last point) through the questionnaire journey; the submitted answers are kept on the register entry, with
/// who and when, in its history. Ending the partnership stays the PPM's later step.
/// </summary>
internal sealed class ContingentLiabilities(
    IPartnershipRegister register,
    IDraftStore drafts,
    JourneyHandler journeys,
    JourneyCards cards,
    IOptions<RegisterOptions> registerOptions)
{
    private const string QuestionnaireId = QuestionnaireIds.ContingentLiabilities;

    /// <summary>The "Record contingent liabilities" button: opens the questionnaire, or the draft already in progress.</summary>
    public async Task<JsonObject> StartAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var partnership = action.GetString("partnershipId") is { Length: > 0 and <= 100 } id ? await register.FindAsync(id, cancellationToken) : null;
        if (partnership is null)
        {
            return cards.Error("Partnership not found", "That partnership is no longer in the register.");
        }

        if (!RegisterPermissions.IsLeadOfficer(turn.UserId, partnership) && !registerOptions.Value.IsPpm(turn.UserId))
        {
            return cards.Error("Not allowed", "Only the partnership's lead officer (or the People and Policy Manager) can record its contingent liabilities.");
        }

        if (partnership.Status != PartnershipStatus.Disengaging)
        {
            return cards.Error("Not disengaging", $"{partnership.Name} is not disengaging (its status is {partnership.Status}), so there are no contingent liabilities of disengagement to record.");
        }

        var inProgress = (await drafts.ListBySubjectAsync(partnership.Id, cancellationToken))
            .FirstOrDefault(d => d.Status == DraftStatus.InProgress && d.QuestionnaireId == QuestionnaireId);
        if (inProgress is not null)
        {
            if (inProgress.OwnerId != turn.UserId)
            {
                return cards.Error("Already started", $"{inProgress.OwnerName} has already started recording these contingent liabilities; they can finish it.");
            }

            await drafts.SetOpenDraftAsync(turn.UserId, inProgress.Id, cancellationToken);
            return cards.Current(inProgress, defaultLeadOfficer: turn.UserName);
        }

        return await journeys.StartAsync(turn, QuestionnaireId, partnership.Id, $"Contingent liabilities: {partnership.Name}", cancellationToken);
    }

}

/// <summary>The submit hook of the contingent liabilities questionnaire: the answers join the register entry (idempotent per draft).</summary>
internal sealed class ContingentLiabilitiesSubmitted(IPartnershipRegister register, CardRenderer renderer, TimeProvider time) : IDraftSubmittedHandler
{
    public string QuestionnaireId => QuestionnaireIds.ContingentLiabilities;

    public async Task<JsonObject> OnSubmittedAsync(TurnContext turn, Draft draft, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = new ContingentLiabilityRecord(
            draft.AnswerTo("liabilities")?.Value("details") ?? "",
            draft.AnswerTo("termination")?.Value("details") ?? "",
            draft.OwnerId,
            draft.OwnerName,
            draft.SubmittedAt ?? now,
            draft.Id);
        var saved = draft.SubjectId is { Length: > 0 } id
            ? await register.UpdateAsync(id, p => With(p, record), cancellationToken)
            : null;
        if (saved is null)
        {
            return renderer.Render(new ErrorView("Submitted", "Your answers are saved, but the partnership is no longer in the register. Please tell the People and Policy Manager."));
        }

        return renderer.Render(new SubmittedView(
            "Contingent liabilities of disengagement",
            saved.Id,
            saved.Name,
            "CL-" + draft.Id[..Math.Min(6, draft.Id.Length)].ToUpperInvariant(),
            UkDate.Format(draft.SubmittedAt ?? now),
            "They are recorded on the partnership's register entry. The People and Policy Manager ends the partnership in the register when disengagement is complete."));
    }

    /// <summary>The entry with the record added and noted in its history; null when this draft is already recorded (pure).</summary>
    public static Partnership? With(Partnership partnership, ContingentLiabilityRecord record) =>
        partnership.ContingentLiabilityRecords.Any(r => r.DraftId == record.DraftId)
            ? null
            : partnership with
            {
                ContingentLiabilityRecords = [.. partnership.ContingentLiabilityRecords, record],
                History = [.. partnership.History, new PartnershipChange(record.ById, record.ByName, record.At, "Contingent liabilities of disengagement recorded")],
            };
}
