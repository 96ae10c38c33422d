using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Features.Register;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Reviews;

/// <summary>
/// The PPM's card after a "not my partnership" (issue 17.7): a new lead officer from the directory. The change goes
/// through the register's edit like any reassignment, so the previous lead officer is told and the new one prompted
/// (<see cref="LeadChangeNotices"/>) in the same unit of work as the change.
/// </summary>
internal sealed class AnnualReassignment(
    IPartnershipRegister register,
    AnnualPromptChecks checks,
    AnnualHandOverCards cards,
    LeadChangeNotices notices,
    AnnualCycleMessages messages,
    IOptions<RegisterOptions> registerOptions,
    TimeProvider time)
{
    public async Task<JsonObject> ReassignAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (await checks.FindAsync(action, cancellationToken) is not { } p)
        {
            return checks.NotFound();
        }

        if (!registerOptions.Value.IsPpm(turn.UserId))
        {
            checks.Refused(turn.UserId, p.Id);
            return cards.Error("Not allowed", "Only the People and Policy Manager can reassign a partnership's lead officer. Nothing has been changed.");
        }

        var version = action.GetInt("version");
        var cardCycle = action.GetInt("cycle") ?? 0;
        if (p.HandOvers.LastOrDefault(h => h.Kind is HandOverKind.NotMine or HandOverKind.Reassigned) is { Kind: HandOverKind.Reassigned } done)
        {
            return cards.Error("Already reassigned", $"{p.Name} was reassigned to {done.ToName} on {AnnualCycleMessages.Format(messages.Calendar.Today(done.At))}. Nothing has been changed.");
        }

        var (person, problem) = await checks.PersonAsync(action.GetString("newLead"), cancellationToken);
        if (person is null)
        {
            return cards.ReassignForm(p, cardCycle, version ?? p.Version, problem);
        }

        var now = time.GetUtcNow();
        var by = await checks.NameAsync(turn, cancellationToken);
        var reason = p.HandOvers.LastOrDefault(h => h.Kind == HandOverKind.NotMine)?.Reason ?? "";
        var result = await register.EditAsync(p.Id, version, [new RegisterEdit.HandOver(new ReviewHandOver(HandOverKind.Reassigned, cardCycle, turn.UserId, by, person.Id, person.DisplayName, reason, now))],
            turn.UserId, by, cancellationToken);
        if (result.Outcome == EditOutcome.Conflict)
        {
            return cards.Error("Changed meanwhile", $"{p.Name} changed after this card was sent, so nothing was saved. Open the partnership to see it now, and reassign it with Edit.");
        }

        if (result.Outcome != EditOutcome.Saved)
        {
            return cards.Error("Not saved", result.Message.Length > 0 ? result.Message : "The partnership could not be updated. Nothing has been changed.");
        }

        var saved = result.Partnership!;
        checks.HandedOver(saved.Id, HandOverKind.Reassigned);
        return cards.Done("Reassigned",
            $"Reassigned to {person.DisplayName}. {person.DisplayName} is now the lead officer of {saved.Name}; the change is recorded on the register entry."
            + (notices.Asked(saved, now) ? $" They have been asked for the {messages.Calendar.CycleAt(now)} annual review." : ""));
    }
}
