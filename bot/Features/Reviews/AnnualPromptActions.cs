using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.People;
using PartnershipBot.Scheduling;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Reviews;

/// <summary>
/// The digest's buttons besides Start (issue 17.7): "Remind me in a week" (a stored due prompt, so it survives a
/// restart), "Not my partnership" (a reason, recorded on the entry, and a card to the PPM to reassign it) and
/// "Delegate to a colleague" (people picker; the lead officer stays accountable). Who may do what is decided from the
/// activity's aadObjectId; the card carries only the partnership and the cycle, checked against the register now.
/// </summary>
internal sealed partial class AnnualPromptActions(
    IPartnershipRegister register,
    IDuePromptStore prompts,
    IOutbox outbox,
    AnnualCycleMessages messages,
    CardRenderer renderer,
    IPeopleDirectory people,
    IOptions<RegisterOptions> registerOptions,
    TimeProvider time,
    ILogger<AnnualPromptActions> logger)
{
    public const int SnoozeDays = 7;
    private const string NobodyChosen = "none";

    private ReviewCalendar Calendar => messages.Calendar;

    public async Task<JsonObject> SnoozeAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (StaleCycle(action, now) is { } stale)
        {
            return stale;
        }

        var cycle = Calendar.CycleAt(now);
        var outstanding = AnnualDigest.Outstanding(await register.AllAsync(cancellationToken), turn.UserId, cycle, Calendar, registerOptions.Value.PpmUserId);
        if (outstanding.Count == 0)
        {
            return Error("Nothing outstanding", $"You have no annual review still to complete in the {cycle} cycle, so there is nothing to remind you of.");
        }

        // A second click while a reminder is pending keeps the first one: one reminder, at the date already given.
        var pending = (await prompts.ForSubjectAsync(AnnualCycle.SnoozeSubject(turn.UserId, cycle), cancellationToken)).FirstOrDefault(p => p.DoneAt is null && p.DueAt > now);
        var until = pending?.DueAt ?? now.AddDays(SnoozeDays);
        if (pending is null)
        {
            await prompts.PlanAsync(
                [new DuePrompt { Key = AnnualCycle.SnoozeKey(turn.UserId, cycle, until), Kind = AnnualCycle.SnoozeKind, DueAt = until, SubjectId = AnnualCycle.SnoozeSubject(turn.UserId, cycle) }],
                cancellationToken);
        }

        return CardReply.AsNewMessage(Done("I'll remind you in a week",
            $"On {AnnualCycleMessages.Format(Calendar.Today(until))} I'll send you what is still outstanding then. Reminders until then are held; "
            + "the People and Policy Manager still hears of reviews that become overdue."));
    }

    public async Task<JsonObject> NotMineFormAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var (p, cycle, refusal) = await ResolveAsync(turn, action, leadOnly: true, cancellationToken);
        return refusal ?? CardReply.AsNewMessage(NotMineForm(p!, cycle, null, ""));
    }

    public async Task<JsonObject> NotMineAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var (p, cycle, refusal) = await ResolveAsync(turn, action, leadOnly: true, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var reason = action.GetString("reason")?.Trim() ?? "";
        if (reason.Length == 0)
        {
            return NotMineForm(p!, cycle, "Give a reason, so the People and Policy Manager knows whom to ask.", reason);
        }

        var now = time.GetUtcNow();
        var by = await NameAsync(turn, cancellationToken);
        var result = await register.EditAsync(p!.Id, null, [new RegisterEdit.HandOver(new ReviewHandOver(HandOverKind.NotMine, cycle, turn.UserId, by, "", "", reason, now))],
            turn.UserId, by, cancellationToken);
        if (result.Outcome == EditOutcome.Invalid)
        {
            return NotMineForm(p, cycle, result.Message, reason);
        }

        if (result.Outcome != EditOutcome.Saved)
        {
            return Error("Not sent", "The partnership could not be updated just now. Nothing has been sent: try again.");
        }

        var saved = result.Partnership!;
        if (registerOptions.Value.PpmUserId is { Length: > 0 } ppm)
        {
            var card = renderer.Render(new AnnualHandOverView(
                "Not my partnership: reassign the lead officer",
                $"{by} says {saved.Name} is not theirs to lead. Their reason: \"{reason}\" Choose the new lead officer: they will be asked for the {cycle} annual review.",
                saved.Id, cycle, saved.Version, AskReason: false, AskColleague: false, AskNewLead: true, Message: null));
            await outbox.EnqueueAsync([Chat($"annual-notmine:{saved.Id}:{cycle}:{saved.Version}:chat", ppm, "Not my partnership: reassign the lead officer", card, now)], cancellationToken);
        }

        Log.HandedOver(logger, saved.Id, nameof(HandOverKind.NotMine));
        return Done("Sent to the People and Policy Manager",
            $"Your reason is recorded on {saved.Name}'s register entry and the People and Policy Manager has been asked to reassign it. "
            + "Until they do, you remain its lead officer and the reminders continue.");
    }

    public async Task<JsonObject> DelegateFormAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var (p, cycle, refusal) = await ResolveAsync(turn, action, leadOnly: false, cancellationToken);
        return refusal ?? CardReply.AsNewMessage(DelegateForm(p!, cycle, null));
    }

    public async Task<JsonObject> DelegateAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var (p, cycle, refusal) = await ResolveAsync(turn, action, leadOnly: false, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (person, problem) = await PersonAsync(action.GetString("colleague"), cancellationToken);
        if (person is null)
        {
            return DelegateForm(p!, cycle, problem);
        }

        if (RegisterPermissions.IsLeadOfficer(person.Id, p!))
        {
            return DelegateForm(p!, cycle, "That is the partnership's lead officer: choose a colleague to complete the review for them.");
        }

        var now = time.GetUtcNow();
        var by = await NameAsync(turn, cancellationToken);
        var result = await register.EditAsync(p!.Id, null, [new RegisterEdit.HandOver(new ReviewHandOver(HandOverKind.Delegated, cycle, turn.UserId, by, person.Id, person.DisplayName, "", now))],
            turn.UserId, by, cancellationToken);
        if (result.Outcome != EditOutcome.Saved)
        {
            return Error("Not delegated", "The partnership could not be updated just now. Nothing has been changed: try again.");
        }

        var saved = result.Partnership!;
        var entry = new DigestEntry(saved, ReviewSchedule.KindFor(saved, cycle, Calendar), AsLeadOfficer: false, ReviewHandOvers.DelegateFor(saved, cycle));
        var lead = AnnualCycleMessages.LeadOfficerText(saved);
        var sends = new List<OutboxMessage>
        {
            messages.HandedOver($"annual-delegated:{saved.Id}:{cycle}:{person.Id}:{saved.Version}", person.Id, person.DisplayName, cycle, entry,
                $"{by} has asked you to complete the annual review of {saved.Name} for its lead officer, {lead}, who stays accountable for it.", now),
        };
        // The lead officer stays accountable, so they are told when someone else (the PPM) delegated it.
        if (!RegisterPermissions.IsLeadOfficer(turn.UserId, saved) && saved.LeadOfficerId.Length > 0)
        {
            sends.Add(Chat($"annual-delegated:{saved.Id}:{cycle}:{person.Id}:{saved.Version}:lead", saved.LeadOfficerId, $"Annual review {cycle} delegated",
                Done($"Annual review {cycle} delegated", $"{by} has delegated the annual review of {saved.Name} to {person.DisplayName}, who may complete it. You stay accountable for it."), now));
        }

        await outbox.EnqueueAsync(sends, cancellationToken);
        Log.HandedOver(logger, saved.Id, nameof(HandOverKind.Delegated));
        return Done("Delegated",
            $"Delegated to {person.DisplayName}. {person.DisplayName} has been sent the annual review of {saved.Name} and may complete it. You stay accountable for it: "
            + "you will still be reminded until it is done, and the delegation is recorded on the register entry.");
    }

    /// <summary>The PPM's card after a "not my partnership": a new lead officer from the directory, who is then asked for the review.</summary>
    public async Task<JsonObject> ReassignAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var p = action.GetString("partnershipId") is { Length: > 0 and <= 100 } id ? await register.FindAsync(id, cancellationToken) : null;
        if (p is null)
        {
            return Error("Partnership not found", "That partnership is no longer in the register.");
        }

        if (!registerOptions.Value.IsPpm(turn.UserId))
        {
            Log.Refused(logger, turn.UserId, p.Id);
            return Error("Not allowed", "Only the People and Policy Manager can reassign a partnership's lead officer. Nothing has been changed.");
        }

        var version = action.GetInt("version");
        var cardCycle = action.GetInt("cycle") ?? 0;
        if (p.HandOvers.LastOrDefault(h => h.Kind is HandOverKind.NotMine or HandOverKind.Reassigned) is { Kind: HandOverKind.Reassigned } done)
        {
            return Error("Already reassigned", $"{p.Name} was reassigned to {done.ToName} on {AnnualCycleMessages.Format(Calendar.Today(done.At))}. Nothing has been changed.");
        }

        var (person, problem) = await PersonAsync(action.GetString("newLead"), cancellationToken);
        if (person is null)
        {
            return ReassignForm(p, cardCycle, version ?? p.Version, problem);
        }

        var now = time.GetUtcNow();
        var by = await NameAsync(turn, cancellationToken);
        var reason = p.HandOvers.LastOrDefault(h => h.Kind == HandOverKind.NotMine)?.Reason ?? "";
        var result = await register.EditAsync(p.Id, version, [new RegisterEdit.HandOver(new ReviewHandOver(HandOverKind.Reassigned, cardCycle, turn.UserId, by, person.Id, person.DisplayName, reason, now))],
            turn.UserId, by, cancellationToken);
        if (result.Outcome == EditOutcome.Conflict)
        {
            return Error("Changed meanwhile", $"{p.Name} changed after this card was sent, so nothing was saved. Open the partnership to see it now, and reassign it with Edit.");
        }

        if (result.Outcome != EditOutcome.Saved)
        {
            return Error("Not saved", result.Message.Length > 0 ? result.Message : "The partnership could not be updated. Nothing has been changed.");
        }

        var saved = result.Partnership!;
        var cycle = Calendar.CycleAt(now);
        var asked = ReviewSchedule.IsInCycle(saved, cycle, Calendar) && !ReviewSchedule.IsCompleted(saved, cycle, Calendar);
        var sends = new List<OutboxMessage>();
        if (asked)
        {
            var entry = new DigestEntry(saved, ReviewSchedule.KindFor(saved, cycle, Calendar), AsLeadOfficer: true, ReviewHandOvers.DelegateFor(saved, cycle));
            sends.Add(messages.HandedOver($"annual-reassigned:{saved.Id}:{cycle}:{person.Id}:{saved.Version}", person.Id, person.DisplayName, cycle, entry,
                $"The People and Policy Manager has made you the lead officer of {saved.Name}.", now));
        }

        // The previous lead officer, who said it was not theirs, hears that it has been settled.
        if (p.LeadOfficerId is { Length: > 0 } previous && !string.Equals(previous, person.Id, StringComparison.OrdinalIgnoreCase))
        {
            sends.Add(Chat($"annual-reassigned:{saved.Id}:{cycle}:{person.Id}:{saved.Version}:previous:chat", previous, "Lead officer reassigned",
                Done("Lead officer reassigned", $"{by} has made {person.DisplayName} the lead officer of {saved.Name}. You are no longer its lead officer"
                    + (asked ? $", and its {cycle} annual review is no longer asked of you." : ".")), now));
        }

        await outbox.EnqueueAsync(sends, cancellationToken);

        Log.HandedOver(logger, saved.Id, nameof(HandOverKind.Reassigned));
        return Done("Reassigned",
            $"Reassigned to {person.DisplayName}. {person.DisplayName} is now the lead officer of {saved.Name}; the change is recorded on the register entry."
            + (asked ? $" They have been asked for the {cycle} annual review." : ""));
    }

    /// <summary>The partnership and cycle a digest button names, or the card explaining why the click cannot act.</summary>
    private async Task<(Partnership? Partnership, int Cycle, JsonObject? Refusal)> ResolveAsync(TurnContext turn, CardAction action, bool leadOnly, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var p = action.GetString("partnershipId") is { Length: > 0 and <= 100 } id ? await register.FindAsync(id, cancellationToken) : null;
        if (p is null)
        {
            return (null, 0, Error("Partnership not found", "That partnership is no longer in the register."));
        }

        var lead = RegisterPermissions.IsLeadOfficer(turn.UserId, p);
        if (!lead && (leadOnly || !registerOptions.Value.IsPpm(turn.UserId)))
        {
            Log.Refused(logger, turn.UserId, p.Id);
            return (null, 0, Error("Not allowed", $"Only the lead officer of {p.Name}{(leadOnly ? "" : " (or the People and Policy Manager)")} can do this. Nothing has been changed."));
        }

        if (StaleCycle(action, now) is { } stale)
        {
            return (null, 0, stale);
        }

        var cycle = Calendar.CycleAt(now);
        if (!ReviewSchedule.IsInCycle(p, cycle, Calendar))
        {
            return (null, 0, Error("Nothing due", $"{p.Name} owes no review in the {cycle} cycle."));
        }

        return ReviewSchedule.IsCompleted(p, cycle, Calendar)
            ? (null, 0, Error("Already completed", $"The {cycle} review of {p.Name} has been completed. Nothing has been changed."))
            : (p, cycle, null);
    }

    /// <summary>A card of an earlier cycle cannot act on this one.</summary>
    private JsonObject? StaleCycle(CardAction action, DateTimeOffset now)
    {
        var current = Calendar.CycleAt(now);
        return action.GetInt("cycle") is { } cycle && cycle != current
            ? Error("Out of date", $"This card is for the {cycle} cycle; the {current} cycle is running now. Use the latest annual review card, or type \"my partnerships\".")
            : null;
    }

    /// <summary>The directory's person for a picker value or a typed sign-in address; else why not (nothing is changed).</summary>
    private async Task<(Person? Person, string Problem)> PersonAsync(string? value, CancellationToken cancellationToken)
    {
        var typed = value?.Trim() ?? "";
        if (typed is NobodyChosen || typed.Length is 0 or > 200 || typed.Any(char.IsWhiteSpace))
        {
            return (null, "Choose the person first (search the directory, or type their sign-in address).");
        }

        try
        {
            return await people.GetPersonAsync(typed, cancellationToken) is { } person
                ? (person with { DisplayName = person.DisplayName.Length > 0 ? person.DisplayName : typed }, "")
                : (null, "The directory does not know that person, so nothing has been changed. Choose them from the directory search.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.DirectoryFailed(logger, e);
            return (null, "The directory cannot be checked just now, so nothing has been changed. Try again in a few minutes.");
        }
    }

    private async Task<string> NameAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var name = await AnnualCycleMessages.RecipientNameAsync(people, [], turn.UserId, cancellationToken);
        return name.Length > 0 ? name : turn.UserName;
    }

    private JsonObject NotMineForm(Partnership p, int cycle, string? message, string reason) => renderer.Render(new AnnualHandOverView(
        "Not my partnership",
        $"Tell the People and Policy Manager why {p.Name} is not yours to lead; they will reassign it. Until then you remain its lead officer.",
        p.Id, cycle, p.Version, AskReason: true, AskColleague: false, AskNewLead: false, message, reason));

    private JsonObject DelegateForm(Partnership p, int cycle, string? message) => renderer.Render(new AnnualHandOverView(
        $"Delegate the {cycle} annual review",
        $"Choose the colleague who will complete the annual review of {p.Name}. They get the prompt and may complete the review; you stay accountable for it and keep getting the reminders.",
        p.Id, cycle, p.Version, AskReason: false, AskColleague: true, AskNewLead: false, message));

    private JsonObject ReassignForm(Partnership p, int cycle, int version, string? message) => renderer.Render(new AnnualHandOverView(
        "Not my partnership: reassign the lead officer",
        $"Choose the new lead officer of {p.Name}: they will be asked for its annual review.",
        p.Id, cycle, version, AskReason: false, AskColleague: false, AskNewLead: true, message));

    private JsonObject Done(string title, string text) =>
        renderer.Render(new AnnualHandOverView(title, text, "", 0, 0, AskReason: false, AskColleague: false, AskNewLead: false, Message: null));

    private JsonObject Error(string title, string message) => renderer.Render(new ErrorView(title, message));

    private static OutboxMessage Chat(string key, string recipientId, string text, JsonObject card, DateTimeOffset now) =>
        OutboxMessage.ChatCard(key, recipientId, text, card, "annual-handover:" + recipientId, now);

    private static partial class Log
    {
        [LoggerMessage(5161, LogLevel.Information, "Annual review prompt of {PartnershipId} handed over ({Kind})")]
        public static partial void HandedOver(ILogger logger, string partnershipId, string kind);

        [LoggerMessage(5162, LogLevel.Information, "Annual prompt action by {UserId} on {PartnershipId} refused: not allowed")]
        public static partial void Refused(ILogger logger, string userId, string partnershipId);

        [LoggerMessage(5163, LogLevel.Warning, "The directory could not be read to check a colleague for an annual review")]
        public static partial void DirectoryFailed(ILogger logger, Exception exception);
    }
}
