using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Cards;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Reviews;

/// <summary>
/// The digest's buttons besides Start (issue 17.7): "Remind me in a week" (a stored due prompt, so it survives a
/// restart), "Not my partnership" (a reason, recorded on the entry, and a card to the PPM to reassign it) and
/// "Delegate to a colleague" (people picker; the lead officer stays accountable), each hand-over saved with the messages
/// it sends in one unit of work. Who may do what is decided from the activity's aadObjectId; the card carries only the
/// partnership and the cycle, checked against the register now (<see cref="AnnualPromptChecks"/>). The PPM's
/// reassignment is <see cref="AnnualReassignment"/>.
/// </summary>
internal sealed class AnnualPromptActions(
    IPartnershipRegister register,
    IDuePromptStore prompts,
    AnnualCycleMessages messages,
    AnnualPromptChecks checks,
    AnnualHandOverCards cards,
    IOptions<RegisterOptions> registerOptions,
    TimeProvider time)
{
    public const int SnoozeDays = 7;

    private ReviewCalendar Calendar => messages.Calendar;

    public async Task<JsonObject> SnoozeAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (checks.StaleCycle(action, now) is { } stale)
        {
            return stale;
        }

        var cycle = Calendar.CycleAt(now);
        var outstanding = AnnualDigest.Outstanding(await register.AllAsync(cancellationToken), turn.UserId, cycle, Calendar, registerOptions.Value.PpmUserId);
        if (outstanding.Count == 0)
        {
            return cards.Error("Nothing outstanding", $"You have no annual review still to complete in the {cycle} cycle, so there is nothing to remind you of.");
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

        return CardReply.AsNewMessage(cards.Done("I'll remind you in a week",
            $"On {AnnualCycleMessages.Format(Calendar.Today(until))} I'll send you what is still outstanding then. Reminders until then are held; "
            + "the People and Policy Manager still hears of reviews that become overdue."));
    }

    public async Task<JsonObject> NotMineFormAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var (p, cycle, refusal) = await checks.ResolveAsync(turn, action, leadOnly: true, cancellationToken);
        return refusal ?? CardReply.AsNewMessage(cards.NotMineForm(p!, cycle, null, ""));
    }

    public async Task<JsonObject> NotMineAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var (p, cycle, refusal) = await checks.ResolveAsync(turn, action, leadOnly: true, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var reason = action.GetString("reason")?.Trim() ?? "";
        if (reason.Length == 0)
        {
            return cards.NotMineForm(p!, cycle, "Give a reason, so the People and Policy Manager knows whom to ask.", reason);
        }

        var now = time.GetUtcNow();
        var by = await checks.NameAsync(turn, cancellationToken);
        // The PPM's card is saved with the hand-over (one unit of work): recorded and asked, or neither.
        var result = await register.EditAsync(p!.Id, null, [new RegisterEdit.HandOver(new ReviewHandOver(HandOverKind.NotMine, cycle, turn.UserId, by, "", "", reason, now))],
            turn.UserId, by, saved => registerOptions.Value.PpmUserId is { Length: > 0 } ppm
                ? [AnnualHandOverCards.Chat($"annual-notmine:{saved.Id}:{cycle}:{saved.Version}:chat", ppm, "Not my partnership: reassign the lead officer",
                    cards.ReassignForm(saved, cycle, saved.Version, null,
                        $"{by} says {saved.Name} is not theirs to lead. Their reason: \"{reason}\" Choose the new lead officer: they will be asked for the {cycle} annual review."), now)]
                : [],
            cancellationToken);
        if (result.Outcome == EditOutcome.Invalid)
        {
            return cards.NotMineForm(p, cycle, result.Message, reason);
        }

        if (result.Outcome != EditOutcome.Saved)
        {
            return cards.Error("Not sent", "The partnership could not be updated just now. Nothing has been sent: try again.");
        }

        var saved = result.Partnership!;
        checks.HandedOver(saved.Id, HandOverKind.NotMine);
        return cards.Done("Sent to the People and Policy Manager",
            $"Your reason is recorded on {saved.Name}'s register entry and the People and Policy Manager has been asked to reassign it. "
            + "Until they do, you remain its lead officer and the reminders continue.");
    }

    public async Task<JsonObject> DelegateFormAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var (p, cycle, refusal) = await checks.ResolveAsync(turn, action, leadOnly: false, cancellationToken);
        return refusal ?? CardReply.AsNewMessage(cards.DelegateForm(p!, cycle, null));
    }

    public async Task<JsonObject> DelegateAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var (p, cycle, refusal) = await checks.ResolveAsync(turn, action, leadOnly: false, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (person, problem) = await checks.PersonAsync(action.GetString("colleague"), cancellationToken);
        if (person is null)
        {
            return cards.DelegateForm(p!, cycle, problem);
        }

        if (RegisterPermissions.IsLeadOfficer(person.Id, p!))
        {
            return cards.DelegateForm(p!, cycle, "That is the partnership's lead officer: choose a colleague to complete the review for them.");
        }

        var now = time.GetUtcNow();
        var by = await checks.NameAsync(turn, cancellationToken);
        // The colleague's prompt (and the lead officer's word) are saved with the delegation (one unit of work).
        var result = await register.EditAsync(p!.Id, null, [new RegisterEdit.HandOver(new ReviewHandOver(HandOverKind.Delegated, cycle, turn.UserId, by, person.Id, person.DisplayName, "", now))],
            turn.UserId, by, saved => DelegatedNotices(saved, cycle, person, turn.UserId, by, now), cancellationToken);
        if (result.Outcome != EditOutcome.Saved)
        {
            return cards.Error("Not delegated", "The partnership could not be updated just now. Nothing has been changed: try again.");
        }

        var saved = result.Partnership!;
        checks.HandedOver(saved.Id, HandOverKind.Delegated);
        return cards.Done("Delegated",
            $"Delegated to {person.DisplayName}. {person.DisplayName} has been sent the annual review of {saved.Name} and may complete it. You stay accountable for it: "
            + "you will still be reminded until it is done, and the delegation is recorded on the register entry.");
    }

    /// <summary>The delegate's prompt for the review and, when someone else (the PPM) delegated it, word to the lead officer.</summary>
    private List<OutboxMessage> DelegatedNotices(Partnership saved, int cycle, People.Person person, string byId, string by, DateTimeOffset now)
    {
        var entry = new DigestEntry(saved, ReviewSchedule.KindFor(saved, cycle, Calendar), AsLeadOfficer: false, ReviewHandOvers.DelegateFor(saved, cycle));
        var lead = AnnualCycleMessages.LeadOfficerText(saved);
        var sends = new List<OutboxMessage>
        {
            messages.HandedOver($"annual-delegated:{saved.Id}:{cycle}:{person.Id}:{saved.Version}", person.Id, person.DisplayName, cycle, entry,
                $"{by} has asked you to complete the annual review of {saved.Name} for its lead officer, {lead}, who stays accountable for it.", now),
        };
        // The lead officer stays accountable, so they are told when someone else (the PPM) delegated it.
        if (!RegisterPermissions.IsLeadOfficer(byId, saved) && saved.LeadOfficerId.Length > 0)
        {
            sends.Add(cards.Tell($"annual-delegated:{saved.Id}:{cycle}:{person.Id}:{saved.Version}:lead", saved.LeadOfficerId, $"Annual review {cycle} delegated",
                $"{by} has delegated the annual review of {saved.Name} to {person.DisplayName}, who may complete it. You stay accountable for it.", now));
        }

        return sends;
    }
}
