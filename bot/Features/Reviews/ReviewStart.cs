using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Reviews;

/// <summary>
/// The Start button of an annual prompt (verb annual.start): opens the cycle's questionnaire for the partnership
/// through the journey handler, or the draft already in progress, for its lead officer (or the PPM).
/// </summary>
internal sealed class ReviewStart(
    IPartnershipRegister register,
    IDraftStore drafts,
    JourneyHandler journeys,
    JourneyCards cards,
    QuestionnaireCatalog catalog,
    IOptions<RegisterOptions> registerOptions,
    IOptions<ReviewOptions> options,
    Cards.CardRenderer renderer,
    TimeProvider time)
{
    private readonly ReviewCalendar _calendar = ReviewCalendar.From(options.Value);

    public async Task<JsonObject> StartAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var partnership = action.GetString("partnershipId") is { Length: > 0 and <= 100 } id ? await register.FindAsync(id, cancellationToken) : null;
        if (partnership is null)
        {
            return cards.Error("Partnership not found", "That partnership is no longer in the register.");
        }

        var cycle = _calendar.CycleAt(time.GetUtcNow());
        // A colleague the lead officer delegated this cycle's review to may complete it too (issue 17.7).
        if (!RegisterPermissions.IsLeadOfficer(turn.UserId, partnership) && !registerOptions.Value.IsPpm(turn.UserId)
            && !ReviewHandOvers.IsDelegate(turn.UserId, partnership, cycle))
        {
            return cards.Error("Not allowed", "Only the partnership's lead officer (or the People and Policy Manager, or a colleague the lead officer delegated it to) can complete its annual review.");
        }

        if (action.GetInt("cycle") is { } cardCycle && cardCycle != cycle)
        {
            return cards.Error("Out of date", $"This card is for the {cardCycle} cycle; the {cycle} cycle is running now. Use the latest annual review card, or type \"my partnerships\".");
        }
        if (!ReviewSchedule.IsInCycle(partnership, cycle, _calendar))
        {
            return cards.Error("Nothing due", $"{partnership.Name} owes no review in the {cycle} cycle.");
        }

        if (ReviewSchedule.IsCompleted(partnership, cycle, _calendar))
        {
            return cards.Error("Already completed", $"The {cycle} review of {partnership.Name} has been completed.");
        }

        var kind = ReviewSchedule.KindFor(partnership, cycle, _calendar);

        var questionnaireId = AnnualCycleMessages.QuestionnaireFor(kind);
        var inProgress = (await drafts.ListBySubjectAsync(partnership.Id, cancellationToken))
            .FirstOrDefault(d => d.Status == DraftStatus.InProgress && d.QuestionnaireId == questionnaireId && _calendar.CycleAt(d.CreatedAt) == cycle);
        if (inProgress is not null)
        {
            if (inProgress.OwnerId != turn.UserId)
            {
                return cards.Error("Already started", $"{inProgress.OwnerName} has already started this {ReviewSchedule.KindTitle(kind).ToLowerInvariant()}; they can finish it.");
            }

            await drafts.SetOpenDraftAsync(turn.UserId, inProgress.Id, cancellationToken);
            return cards.Current(inProgress, defaultLeadOfficer: turn.UserName);
        }

        // Last year's committee comments and recommendations are part of this year's review (4.4-4.6, issue 17.5).
        if (CommitteeSince(partnership, _calendar.PromptDate(cycle - 1)) is { Count: > 0 } records)
        {
            // The committee card, read-only: the officers' words shown literally, Mark done for what the lead officer owns.
            await turn.SendCardAsync(renderer.Render(CommitteeViews.ReadOnly(partnership, records, turn.UserId,
                $"Before you start: what the committees said about {partnership.Name} since last year's review, for you to take into account and report on in this review.")), cancellationToken);
        }

        var title = $"{AnnualCycle.Title(kind, cycle)}: {partnership.Name}";
        var lastYear = ReviewPrefill.Previous(partnership, cycle) is { } previous
            && await drafts.GetAsync(previous.DraftId, cancellationToken) is { Status: DraftStatus.Submitted } old ? old : null;
        if (lastYear is null)
        {
            return await journeys.StartAsync(turn, questionnaireId, partnership.Id, title, cancellationToken);
        }

        // Started from last year's answers (issue 17.2): the same journey, with those answers already in the draft.
        var definition = catalog.Get(questionnaireId);
        var draftId = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var fresh = QuestionnaireEngine.Start(definition, turn.UserId, turn.UserName, partnership.Id, time.GetUtcNow(), draftId, title);
        var draft = ReviewPrefill.Carry(fresh, lastYear, definition);
        await drafts.SaveAsync(draft, open: true, cancellationToken);
        return cards.Current(draft, defaultLeadOfficer: turn.UserName);
    }

    /// <summary>
    /// What the committees said since <paramref name="since"/> (the previous cycle's start) and every recommendation
    /// still open, oldest first, for the lead officer to take into the review (pure).
    /// </summary>
    public static IReadOnlyList<CommitteeRecord> CommitteeSince(Partnership partnership, DateOnly since) =>
        partnership.CommitteeRecords
            .Where(r => r.MeetingDate >= since || r.Recommendation is { IsDone: false })
            .OrderBy(r => r.MeetingDate)
            .ToList();
}
