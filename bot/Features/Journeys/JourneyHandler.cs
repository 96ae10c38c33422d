using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Journeys;

/// <summary>
/// Runs any questionnaire journey in Teams: start, answer (card or typed), back, skip, save and exit, resume,
/// review and edit, cancel, submit. The engine decides; this loads, stores and shows the right card.
/// </summary>
internal sealed partial class JourneyHandler(
    IDraftStore drafts,
    QuestionnaireCatalog catalog,
    JourneyCards cards,
    IEnumerable<IDraftSubmittedHandler> submittedHandlers,
    IEnumerable<IDraftSubmitter> submitters,
    QuestionCards questionCards,
    TimeProvider time,
    ILogger<JourneyHandler> logger)
{
    public const string StaleMessage = "That card was out of date, so nothing was changed. This is where your draft is now.";

    /// <summary>Starts a new draft and returns its first question card.</summary>
    public async Task<JsonObject> StartAsync(TurnContext turn, string questionnaireId, string? subjectId, string? title, CancellationToken cancellationToken)
    {
        var definition = catalog.Get(questionnaireId);
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var draft = QuestionnaireEngine.Start(definition, turn.UserId, turn.UserName, subjectId, time.GetUtcNow(), id, title);
        await drafts.SaveAsync(draft, open: true, cancellationToken);
        JourneyLog.Started(logger, questionnaireId, id);
        Showing(turn, draft);
        return cards.Current(draft, defaultLeadOfficer: turn.UserName);
    }

    /// <summary>"new partnership" typed.</summary>
    public async Task NewPartnershipCommandAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var card = await StartAsync(turn, QuestionnaireIds.NewPartnership, null, null, cancellationToken);
        var sent = await turn.SendCardAsync(card, cancellationToken);
        if (await OpenDraftAsync(turn, cancellationToken) is { } draft)
        {
            questionCards.Shown(ConversationId(turn), draft.Id, sent.Id);
        }
    }

    /// <summary>"resume": the one draft in progress, or the menu listing them.</summary>
    public async Task ResumeCommandAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var inProgress = (await drafts.ListByOwnerAsync(turn.UserId, cancellationToken)).Where(d => d.Status == DraftStatus.InProgress).ToList();
        if (inProgress.Count == 1)
        {
            await drafts.SetOpenDraftAsync(turn.UserId, inProgress[0].Id, cancellationToken);
            var sent = await turn.SendCardAsync(cards.Current(inProgress[0], defaultLeadOfficer: turn.UserName), cancellationToken);
            questionCards.Shown(ConversationId(turn), inProgress[0].Id, sent.Id);
            return;
        }

        if (inProgress.Count == 0)
        {
            await turn.SendTextAsync("You have no drafts in progress. Type \"new partnership\" to start one.", cancellationToken);
        }

        await turn.SendCardAsync(cards.Welcome(turn.UserName, inProgress), cancellationToken);
    }

    /// <summary>"cancel": asks to confirm cancelling the open draft.</summary>
    public async Task CancelCommandAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var draft = await OpenDraftAsync(turn, cancellationToken);
        await turn.SendCardAsync(draft is null
            ? cards.Error("Nothing to cancel", "You have no draft open. Type \"resume\" to see your drafts.")
            : cards.Confirm(ConfirmView.CancelDraft(draft.Id, draft.Revision, CancelMessage(draft))), cancellationToken);
    }

    /// <summary>A plain message while a question is open is the answer to it.</summary>
    public async Task<bool> TypedAnswerAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || await OpenDraftAsync(turn, cancellationToken) is not { IsOnReview: false } draft)
        {
            return false;
        }

        var definition = catalog.Get(draft.QuestionnaireId);
        var asked = QuestionnaireEngine.OpenStep(draft, definition);
        if (asked is not null && PastDateQuestion(draft, asked.Id, new Dictionary<string, string> { [asked.Primary.Id] = text }) is { } question)
        {
            await turn.SendCardAsync(cards.Confirm(question), cancellationToken);
            return true;
        }

        var result = QuestionnaireEngine.TypedAnswer(draft, definition, text, Actor(turn), time.GetUtcNow());
        var previous = questionCards.Take(ConversationId(turn), draft.Id);
        var sent = await turn.SendCardAsync(await ApplyAsync(turn, draft, result, open: true, cancellationToken), cancellationToken);
        var now = await drafts.GetAsync(draft.Id, cancellationToken);
        if (now is { Status: DraftStatus.InProgress })
        {
            questionCards.Shown(ConversationId(turn), draft.Id, sent.Id);
        }

        if (previous is not null && asked is not null && now is not null && now.Revision != draft.Revision)
        {
            // The question was answered by the message: its card says so and has no buttons left to go stale. Only a
            // nicety: if the update fails the old card stays, and a click on it is answered as out of date.
            try
            {
                await turn.UpdateCardAsync(previous, cards.Answered(definition.Title, asked.Text, text), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                JourneyLog.AnsweredCardNotUpdated(logger, draft.Id, ex);
            }
        }

        return true;
    }

    public async Task<JsonObject> NextAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        // A date expected in the future but given in the past is asked about before anything is saved; "Yes, keep
        // this date" comes back here with confirmedDate and is saved like any answer. The draft is read once for both.
        var (draft, refusal) = await LoadOwnedAsync(turn, action, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (action.GetString("confirmedDate") is null
            && draft!.Status == DraftStatus.InProgress && action.GetInt("revision") == draft.Revision
            && action.GetString("stepId") is { } stepId
            && PastDateQuestion(draft, stepId, Values(action, catalog.Get(draft.QuestionnaireId), stepId)) is { } question)
        {
            return cards.Confirm(question);
        }

        return await StepAsync(turn, action, draft!, (loaded, definition, step, revision) =>
            QuestionnaireEngine.Answer(loaded, definition, step, Values(action, definition, step), revision, Actor(turn), time.GetUtcNow()), open: true, cancellationToken);
    }

    public Task<JsonObject> AddItemAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        OnStepAsync(turn, action, (draft, definition, stepId, revision) =>
            QuestionnaireEngine.AddItem(draft, definition, stepId, Values(action, definition, stepId), revision, Actor(turn), time.GetUtcNow()), cancellationToken);

    public Task<JsonObject> SkipAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        OnStepAsync(turn, action, (draft, definition, stepId, revision) =>
            QuestionnaireEngine.Skip(draft, definition, stepId, revision, Actor(turn), time.GetUtcNow()), cancellationToken);

    public Task<JsonObject> BackAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        OnStepAsync(turn, action, (draft, definition, _, revision) =>
            QuestionnaireEngine.Back(draft, definition, revision, time.GetUtcNow()), cancellationToken);

    public Task<JsonObject> EditAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        OnStepAsync(turn, action, (draft, definition, stepId, revision) =>
            QuestionnaireEngine.GoTo(draft, definition, stepId, revision, time.GetUtcNow()), cancellationToken);

    public Task<JsonObject> SkipGroupConfirmAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        OnStepAsync(turn, action, (draft, definition, stepId, revision) =>
            QuestionnaireEngine.SkipGroup(draft, definition, definition.FindStep(stepId)?.Group ?? "", revision, Actor(turn), time.GetUtcNow()), cancellationToken);

    /// <summary>Asks before recording the rest of a hallmark as skipped.</summary>
    public async Task<JsonObject> SkipGroupAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var (draft, refusal) = await LoadOwnedAsync(turn, action, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var definition = catalog.Get(draft!.QuestionnaireId);
        var step = QuestionnaireEngine.OpenStep(draft, definition);
        if (step?.Group is not { } groupId || action.GetInt("revision") != draft.Revision)
        {
            return cards.Current(draft, StaleMessage);
        }

        var group = definition.FindGroup(groupId)!;
        var remaining = definition.StepsIn(groupId).Count(s => draft.AnswerTo(s.Id) is null);
        return cards.Confirm(ConfirmView.SkipGroup(draft.Id, draft.Revision, step.Id,
            $"The {remaining} unanswered questions of \"{group.Title}\" will be recorded as skipped: not scored, and shown as Skipped in the results. You can still answer them from the review."));
    }

    /// <summary>Shows one group's answers on the review screen; changes nothing, so an old card only shows where the draft is now.</summary>
    public async Task<JsonObject> ReviewGroupAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var (draft, refusal) = await LoadOwnedAsync(turn, action, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return draft!.Status != DraftStatus.InProgress ? Closed(draft)
            : !draft.IsOnReview ? cards.Current(draft, StaleMessage, defaultLeadOfficer: turn.UserName)
            : cards.Review(draft, action.GetString("groupId"));
    }

    public async Task<JsonObject> SaveAndExitAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var (draft, refusal) = await LoadOwnedAsync(turn, action, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        await drafts.SetOpenDraftAsync(turn.UserId, null, cancellationToken);
        return cards.Welcome(turn.UserName, await drafts.ListByOwnerAsync(turn.UserId, cancellationToken));
    }

    public async Task<JsonObject> ResumeAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var (draft, refusal) = await LoadOwnedAsync(turn, action, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (draft!.Status != DraftStatus.InProgress)
        {
            return Closed(draft);
        }

        await drafts.SetOpenDraftAsync(turn.UserId, draft.Id, cancellationToken);
        Showing(turn, draft);
        return cards.Current(draft, defaultLeadOfficer: turn.UserName);
    }

    public async Task<JsonObject> CancelAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var (draft, refusal) = await LoadOwnedAsync(turn, action, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return draft!.Status == DraftStatus.InProgress
            ? cards.Confirm(ConfirmView.CancelDraft(draft.Id, draft.Revision, CancelMessage(draft)))
            : Closed(draft);
    }

    public Task<JsonObject> CancelConfirmAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        OnStepAsync(turn, action, (draft, _, _, revision) => QuestionnaireEngine.Cancel(draft, revision, time.GetUtcNow()), cancellationToken, open: false);

    public Task<JsonObject> SubmitAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        OnStepAsync(turn, action, (draft, definition, _, revision) => QuestionnaireEngine.Submit(draft, definition, revision, time.GetUtcNow()), cancellationToken, open: false);

    /// <summary>A card button on a step: load the owner's draft, run the engine, store, show the result.</summary>
    private async Task<JsonObject> OnStepAsync(TurnContext turn, CardAction action,
        Func<Draft, QuestionnaireDefinition, string, int, StepResult> operation, CancellationToken cancellationToken, bool open = true)
    {
        var (draft, refusal) = await LoadOwnedAsync(turn, action, cancellationToken);
        return refusal ?? await StepAsync(turn, action, draft!, operation, open, cancellationToken);
    }

    private async Task<JsonObject> StepAsync(TurnContext turn, CardAction action, Draft draft,
        Func<Draft, QuestionnaireDefinition, string, int, StepResult> operation, bool open, CancellationToken cancellationToken)
    {
        if (action.GetInt("revision") is not { } revision)
        {
            return cards.Current(draft, StaleMessage);
        }

        var definition = catalog.Get(draft.QuestionnaireId);
        var stepId = action.GetString("stepId") ?? draft.CurrentStepId;
        return await ApplyAsync(turn, draft, operation(draft, definition, stepId, revision), open, cancellationToken);
    }

    private async Task<JsonObject> ApplyAsync(TurnContext turn, Draft loaded, StepResult result, bool open, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case StepResult.Saved { Draft: var saved }:
                if (saved.Revision != loaded.Revision && !await SaveAsync(saved, open && saved.Status == DraftStatus.InProgress, cancellationToken))
                {
                    // Someone (another device) changed the draft between our read and write: show theirs.
                    var current = await drafts.GetAsync(saved.Id, cancellationToken) ?? loaded;
                    return current.Status == DraftStatus.InProgress ? cards.Current(current, StaleMessage) : Closed(current);
                }

                JourneyLog.Saved(logger, saved.Id, saved.Revision);
                Showing(turn, saved);
                return saved.Status switch
                {
                    DraftStatus.Submitted => await SubmittedAsync(turn, saved, cancellationToken),
                    // The end of the journey: it takes the place of the confirmation.
                    DraftStatus.Cancelled => CardReply.InPlace(cards.Error("Draft cancelled", $"\"{saved.Title ?? "Untitled draft"}\" is cancelled. It is kept, not deleted, with every answer.")),
                    _ => cards.Current(saved, defaultLeadOfficer: turn.UserName),
                };
            case StepResult.Invalid invalid:
                return cards.Current(invalid.Draft, string.Join(" ", invalid.Errors.Select(e => e.Message)), invalid.Values, turn.UserName);
            case StepResult.Stale stale:
                return stale.Draft.Status == DraftStatus.InProgress ? cards.Current(stale.Draft, StaleMessage, defaultLeadOfficer: turn.UserName) : Closed(stale.Draft);
            default:
                throw new InvalidOperationException("Unknown step result.");
        }
    }

    /// <summary>A submitted draft goes with what its questionnaire stores beside it (one write), any other alone.</summary>
    private Task<bool> SaveAsync(Draft draft, bool open, CancellationToken cancellationToken) =>
        draft.Status == DraftStatus.Submitted && submitters.FirstOrDefault(s => s.QuestionnaireId == draft.QuestionnaireId) is { } submitter
            ? submitter.SaveSubmittedAsync(draft, cancellationToken)
            : drafts.SaveAsync(draft, open, cancellationToken);

    private async Task<JsonObject> SubmittedAsync(TurnContext turn, Draft draft, CancellationToken cancellationToken)
    {
        JourneyLog.Submitted(logger, draft.QuestionnaireId, draft.Id);
        var handler = submittedHandlers.FirstOrDefault(h => h.QuestionnaireId == draft.QuestionnaireId);
        return handler is null
            ? CardReply.InPlace(cards.Error("Submitted", $"\"{draft.Title}\" has been submitted."))
            : await handler.OnSubmittedAsync(turn, draft, cancellationToken);
    }

    private JsonObject Closed(Draft draft) => draft.Status == DraftStatus.Submitted
        ? cards.Error("Already submitted", $"\"{draft.Title ?? "This draft"}\" was submitted on {UkDate.DayOrEmpty(draft.SubmittedAt)}, so it can no longer be changed.")
        : cards.Error("Draft cancelled", $"\"{draft.Title ?? "This draft"}\" was cancelled, so it can no longer be changed. Its answers are kept.");

    /// <summary>The draft a card names, if it exists and belongs to the person who clicked; otherwise the card to show instead.</summary>
    private async Task<(Draft? Draft, JsonObject? Refusal)> LoadOwnedAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var draft = action.GetString("draftId") is { Length: > 0 and <= 64 } id ? await drafts.GetAsync(id, cancellationToken) : null;
        if (draft is null)
        {
            return (null, cards.Error("Draft not found", "That draft no longer exists. Type \"resume\" to see your drafts."));
        }

        if (draft.OwnerId != turn.UserId)
        {
            JourneyLog.NotOwner(logger, draft.Id);
            // Their own draft, taken over since (e.g. a hallmark assessment left idle): say so rather than "not allowed".
            return (null, draft.History.LastOrDefault(h => h.Action == HistoryAction.TakenOver && h.OldValue(QuestionnaireEngine.OwnerIdChange) == turn.UserId) is { } taken
                ? cards.Error("Taken over", $"{taken.By.Name} took over \"{draft.Title ?? "this draft"}\" on {UkDate.Format(taken.At)}; the answers you gave are kept in it. Only they can change it now.")
                : cards.Error("Not allowed", "This draft belongs to someone else, so you cannot see or change it."));
        }

        return (draft, null);
    }

    private async Task<Draft?> OpenDraftAsync(TurnContext turn, CancellationToken cancellationToken) =>
        await drafts.GetOpenDraftIdAsync(turn.UserId, cancellationToken) is { } id
        && await drafts.GetAsync(id, cancellationToken) is { Status: DraftStatus.InProgress } draft
        && draft.OwnerId == turn.UserId
            ? draft
            : null;

    private static Dictionary<string, string> Values(CardAction action, QuestionnaireDefinition definition, string stepId) =>
        definition.FindStep(stepId)?.Fields.ToDictionary(f => f.Id, f => f.ConfirmIfPast && action.GetString("confirmedDate") is { } confirmed
            ? confirmed
            : action.GetString(f.Id) ?? "") ?? [];

    /// <summary>
    /// "Is that date right?" when a field that expects a future date (confirmIfPast) gets one before today, unless
    /// that same date is already the saved answer (confirmed before). Null when there is nothing to ask.
    /// </summary>
    private ConfirmView? PastDateQuestion(Draft draft, string stepId, IReadOnlyDictionary<string, string> values)
    {
        var step = catalog.Get(draft.QuestionnaireId).FindStep(stepId);
        var today = UkDate.Today(time.GetUtcNow());
        foreach (var field in step?.Fields.Where(f => f.ConfirmIfPast) ?? [])
        {
            if (UkDate.TryParse(values.GetValueOrDefault(field.Id), out var date) && date < today
                && date.ToString(AnswerValidator.DateFormat, System.Globalization.CultureInfo.InvariantCulture) != draft.AnswerTo(stepId)?.Value(field.Id))
            {
                return ConfirmView.PastDate(draft.Id, draft.Revision, stepId, date,
                    $"{field.Label}: {UkDate.Format(date)} is in the past (today is {UkDate.Format(today)}). Keep it if that is right, or change it.");
            }
        }

        return null;
    }

    /// <summary>A button's result replaces the clicked card, so that message now shows the draft's question.</summary>
    private void Showing(TurnContext turn, Draft draft)
    {
        if (turn.Activity.Type == Protocol.ActivityTypes.Invoke && draft.Status == DraftStatus.InProgress)
        {
            questionCards.Shown(ConversationId(turn), draft.Id, turn.Activity.ReplyToId);
        }
    }

    private static string ConversationId(TurnContext turn) => turn.Activity.Conversation?.Id ?? "";

    private static Actor Actor(TurnContext turn) => new(turn.UserId, turn.UserName);

    private static string CancelMessage(Draft draft) =>
        $"\"{draft.Title ?? "Untitled draft"}\" will be cancelled. It is kept with every answer, but it can no longer be changed or submitted.";
}
