using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Register;
using PartnershipBot.People;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// "Hand this decision to someone else" (issue 16.4): the person comes from the card's people picker (or a typed
/// user principal name) and must be known to the directory; their object id is stored, never what was typed. The new
/// approver gets the card (keyed per recipient, so nobody else gets a second one); the old one can no longer decide.
/// </summary>
internal sealed class ApprovalReassignment(
    ISubmissionStore submissions,
    IDraftStore drafts,
    ApprovalCards cards,
    ApprovalNotifications notifications,
    ApprovalNames names,
    IPeopleDirectory people,
    IOptions<ApprovalsOptions> options,
    IOptions<RegisterOptions> register,
    IOptions<Hosting.BotOptions> bot,
    TimeProvider time,
    ILogger<ApprovalReassignment> logger)
{
    private const int MaxAttempts = 5;
    private const string NoColleagueChosen = "none";

    public async Task<JsonObject> ReassignAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var id = action.GetString("approvalId") ?? "";
        if (id.Length is 0 or > 64 || await submissions.GetAsync(id, cancellationToken) is not { } s)
        {
            return cards.Error("Not found", "That proposal no longer exists.");
        }

        var ppm = register.Value.PpmUserId;
        if (bot.Value.MicrosoftAppTenantId is { Length: > 0 } tenant && !string.Equals(turn.TenantId, tenant, StringComparison.OrdinalIgnoreCase))
        {
            ApprovalLog.Refused(logger, s.Id);
            return cards.Error("Not allowed", "Only the people asked to decide on this proposal can act on it. Nothing has been changed.");
        }

        var draft = await drafts.GetAsync(s.DraftId, cancellationToken) ?? throw new InvalidOperationException($"Submission {s.Id} has lost its draft.");
        // "none" is the picker's placeholder choice (a choice set needs one choice with a value): nobody chosen yet.
        var typed = action.GetString("reassignTo")?.Trim() ?? "";
        if (typed is NoColleagueChosen || typed.Length is 0 or > 200 || typed.Any(char.IsWhiteSpace))
        {
            return cards.Request(s, draft, ppm, turn.UserId, "Choose the colleague to hand the decision to (search the directory, or type their sign-in address).");
        }

        Person? person;
        try
        {
            person = await people.GetPersonAsync(typed, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ApprovalLog.DirectoryFailed(logger, e);
            return cards.Request(s, draft, ppm, turn.UserId, DivisionalHeads.CannotCheckText);
        }

        if (person is null)
        {
            return cards.Request(s, draft, ppm, turn.UserId, "The directory does not know that person, so nothing has been changed. Choose them from the directory search.");
        }

        var from = action.GetString("reassignFrom") is { Length: > 0 and <= 64 } chosen ? chosen : turn.UserId;
        var by = new Questionnaires.Actor(turn.UserId, await names.NameAsync(turn.UserId, turn.UserName, cancellationToken));
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            switch (ApprovalRules.Reassign(s, by, from, person.Id, action.GetString("comment"), ppm, turn.Activity.Id, time.GetUtcNow()))
            {
                case ApprovalResult.NotAllowed refused:
                    ApprovalLog.Refused(logger, s.Id);
                    return cards.Error("Not allowed", refused.Message);
                case ApprovalResult.AlreadyDecided already:
                    return cards.Error("Already decided", ApprovalCards.AlreadyDecidedText(already.Decision));
                case ApprovalResult.Invalid invalid:
                    return cards.Request(s, draft, ppm, turn.UserId, invalid.Message);
                case ApprovalResult.Stale stale:
                    return cards.Request(s, draft, ppm, turn.UserId, stale.Message);
                case ApprovalResult.Recorded recorded:
                    var changed = recorded.Submission;
                    var messages = notifications.ForStage(changed, draft, ppm, await names.NamesAsync(ApprovalRules.ActorsNow(changed, ppm), cancellationToken));
                    if (await submissions.TrySaveAsync(changed, messages, ApprovalReminders.First(changed, time.GetUtcNow(), options.Value), cancellationToken))
                    {
                        ApprovalLog.Changed(logger, changed.Id, ApprovalRequestKind.Comment, changed.Status);
                        return cards.Request(changed with { Version = changed.Version + 1 }, draft, ppm, turn.UserId,
                            $"Handed on to {person.DisplayName}, who has been sent the approval card.");
                    }

                    break;
            }

            if (await submissions.GetAsync(s.Id, cancellationToken) is not { } reloaded)
            {
                break;
            }

            s = reloaded;
        }

        return cards.Error("Please try again", "The proposal was being changed by someone else at the same moment. Nothing has been changed.");
    }
}
