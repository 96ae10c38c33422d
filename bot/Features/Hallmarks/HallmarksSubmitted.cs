using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Cards;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Notifications;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>
/// A submitted self-assessment: the frozen draft (SubjectId = partnership id) is the record. Shows the results card
/// and enqueues a summary for the lead officer and the PPM.
/// </summary>
internal sealed partial class HallmarksSubmitted(
    IDraftStore drafts,
    IPartnershipLookup partnerships,
    QuestionnaireCatalog catalog,
    CardRenderer renderer,
    IOptions<HallmarkOptions> options,
    IOutbox outbox,
    TimeProvider time,
    ILogger<HallmarksSubmitted> logger) : IDraftSubmittedHandler
{
    public string QuestionnaireId => QuestionnaireIds.Hallmarks;

    public async Task<JsonObject> OnSubmittedAsync(TurnContext turn, Draft draft, CancellationToken cancellationToken)
    {
        var partnershipId = draft.SubjectId ?? "";
        var partnership = await partnerships.GetAsync(partnershipId, cancellationToken)
            ?? new PartnershipRef(partnershipId, draft.Title ?? "Partnership", "");
        var previous = (await HallmarkHistory.SubmittedAsync(drafts, partnershipId, cancellationToken))
            .FirstOrDefault(d => d.Id != draft.Id && d.SubmittedAt < draft.SubmittedAt);
        var definition = catalog.Get(QuestionnaireId);
        var view = HallmarkResults.View(definition, partnership, draft, previous, options.Value);
        var card = renderer.Render(view);
        await NotifyAsync(partnership, draft, turn.UserId, card, HallmarkResults.SummaryText(view, HallmarkResults.PlanText(definition, draft)), cancellationToken);
        return card;
    }

    private async Task NotifyAsync(PartnershipRef partnership, Draft draft, string assessorId, JsonObject card, string summary, CancellationToken cancellationToken)
    {
        // The assessor has the results card in front of them already: sending it again would post it twice.
        var recipients = new[] { partnership.LeadOfficerId, partnerships.PpmUserId }.Where(r => r.Length > 0 && r != assessorId).Distinct().ToList();
        var now = time.GetUtcNow();
        var messages = recipients.Select(recipient => new OutboxMessage
        {
            // The same submission never notifies the same person twice, even if this runs again.
            IdempotencyKey = $"hallmarks:{draft.Id}:{recipient}",
            Kind = OutboxKind.ChatCard,
            RecipientId = recipient,
            Subject = $"Hallmark self-assessment: {partnership.Name}",
            Body = summary,
            Payload = (JsonObject)card.DeepClone(),
            Topic = $"hallmarks:{draft.Id}",
            CreatedAt = now,
            NextAttemptAt = now,
        }).ToList();
        await outbox.EnqueueAsync(messages, cancellationToken);
        Log.Notified(logger, draft.Id, messages.Count);
    }

    private static partial class Log
    {
        [LoggerMessage(7101, LogLevel.Information, "Hallmark assessment {DraftId}: summary enqueued for {Count} recipient(s)")]
        public static partial void Notified(ILogger logger, string draftId, int count);
    }
}
