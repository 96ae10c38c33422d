using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Register;
using PartnershipBot.People;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Approvals;

/// <summary>The directory's answer to "who is this officer's Divisional Head": an id, none, or the directory could not be read.</summary>
internal sealed record DivisionalHeadLookup(string? Id, bool Failed)
{
    public static readonly DivisionalHeadLookup NotNeeded = new(null, false);
}

/// <summary>
/// Finds the submitter's Divisional Head (their manager in the directory) and lets the submitter name one when the
/// directory has none: from the people picker on the Submitted card, the "not the Divisional Head" outcome or the
/// proposal itself, or typed with their sign-in address. The PPM may name or change it too while the Divisional Head
/// has not decided (issue 16.5). Only people the directory knows can be named, and their object id is stored, never
/// what was typed; when the directory cannot be read the answer is "try again later", never "name anyone" (15.3).
/// </summary>
internal sealed class DivisionalHeads(
    ISubmissionStore submissions,
    IDraftStore drafts,
    ApprovalNotifications notifications,
    ApprovalCards cards,
    ApprovalCardUpdates updates,
    ApprovalNames names,
    IPeopleDirectory people,
    IOptions<ApprovalsOptions> options,
    IOptions<RegisterOptions> register,
    IOptions<Hosting.BotOptions> bot,
    TimeProvider time,
    ILogger<DivisionalHeads> logger)
{
    public const string NameDivisionalHeadText =
        "Your Divisional Head must endorse the proposal first, but the directory does not say who your manager is. Choose them below (search the directory), or type \"divisional head\" followed by their sign-in address, e.g. divisional head jane.smith@council.gov.uk.";

    /// <summary>The picker's placeholder choice (a choice set needs one choice with a value): nobody chosen yet.</summary>
    private const string NobodyChosen = "none";

    private const int MaxAttempts = 5;

    public const string DirectoryDownText =
        "Your Divisional Head must endorse the proposal first, but the directory could not be read just now to find them. Your proposal is saved: please try again later by typing \"divisional head\".";

    public const string CannotCheckText =
        "The directory could not be read just now, so I cannot check who that is. Nothing has been changed: please try again later.";

    /// <summary>The submitter's manager from the directory; Failed when the directory could not be read.</summary>
    public async Task<DivisionalHeadLookup> LookUpAsync(string submitterId, CancellationToken cancellationToken)
    {
        try
        {
            return new DivisionalHeadLookup((await people.GetManagerAsync(submitterId, cancellationToken))?.Id, false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ApprovalLog.DirectoryFailed(logger, e);
            return new DivisionalHeadLookup(null, true);
        }
    }

    /// <summary>"divisional head [ID]": with no id, asks the directory again; with one, names that person if the directory knows them.</summary>
    public async Task NameAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var id = arguments.Trim();
        var mine = await submissions.ListBySubmitterAsync(turn.UserId, cancellationToken);
        if ((mine.FirstOrDefault(s => s.Status == SubmissionStatus.Submitted)
            ?? mine.FirstOrDefault(s => s.Status == SubmissionStatus.AwaitingDivisionalHead && id.Length > 0)) is not { } submission)
        {
            await turn.SendTextAsync("You have no proposal waiting for a Divisional Head.", cancellationToken);
            return;
        }

        await turn.SendTextAsync(await NameAsync(submission, turn.Caller, id, cancellationToken), cancellationToken);
    }

    /// <summary>Names the Divisional Head of a submission waiting for one; returns what to tell the submitter.</summary>
    public async Task<string> NameAsync(Submission submission, Partnerships.Caller caller, string id, CancellationToken cancellationToken)
    {
        string headId;
        string headName;
        if (id.Length == 0)
        {
            var lookup = await LookUpAsync(caller.Id, cancellationToken);
            if (lookup.Failed)
            {
                return DirectoryDownText;
            }

            if (lookup.Id is not { } manager)
            {
                return NameDivisionalHeadText;
            }

            headId = manager;
            headName = await names.NameAsync(manager, null, cancellationToken);
        }
        else
        {
            if (id.Length > 200 || id.Any(char.IsWhiteSpace))
            {
                return NameDivisionalHeadText;
            }

            Person? person;
            try
            {
                person = await people.GetPersonAsync(id, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ApprovalLog.DirectoryFailed(logger, e);
                return CannotCheckText;
            }

            if (person is null)
            {
                return $"The directory does not know anyone as \"{id}\", so nothing has been changed. Choose them from the directory search, or check their sign-in address and try again.";
            }

            headId = person.Id;
            headName = person.DisplayName;
        }

        var now = time.GetUtcNow();
        var by = new Questionnaires.Actor(caller.Id, await names.NameAsync(caller.Id, caller.Name, cancellationToken));
        var ppm = register.Value.PpmUserId;
        var whose = Same(caller.Id, submission.Submitter.Id) ? "your" : submission.Submitter.Name + "'s";
        // Someone else (or the background publisher) may save the proposal between our read and write: re-apply to theirs.
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            switch (ApprovalRules.AssignDivisionalHead(submission, by, headId, ppm, now))
            {
                case ApprovalResult.Recorded recorded:
                    var s = recorded.Submission;
                    var draft = await drafts.GetAsync(s.DraftId, cancellationToken)
                        ?? throw new InvalidOperationException($"Submission {s.Id} has lost its draft {s.DraftId}.");
                    if (await submissions.TrySaveAsync(s,
                        notifications.ForStage(s, draft, ppm, await names.NamesAsync(ApprovalRules.ActorsNow(s, ppm), cancellationToken)),
                        ApprovalReminders.First(s, now, options.Value), cancellationToken))
                    {
                        if (s.OutcomeToPublish)
                        {
                            updates.Request(s.Id);
                        }

                        return $"Thank you. \"{submission.Title}\" has been sent to {headName}, {whose} Divisional Head, to endorse.";
                    }

                    break;
                case ApprovalResult.Invalid invalid:
                    return invalid.Message;
                case ApprovalResult.NotAllowed refused:
                    return refused.Message;
                default:
                    return "Nothing has been changed.";
            }

            if (await submissions.GetAsync(submission.Id, cancellationToken) is not { } reloaded)
            {
                break;
            }

            submission = reloaded;
        }

        return "The proposal was being changed by someone else at the same moment. Nothing has been changed: please try again.";
    }

    /// <summary>"Send to the Divisional Head chosen" on a card: the submitter or the PPM, a person from the picker.</summary>
    public async Task<JsonObject> NameFromCardAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var id = action.GetString("submissionId") ?? "";
        if (id.Length is 0 or > 64 || await submissions.GetAsync(id, cancellationToken) is not { } s)
        {
            return cards.Error("Not found", "That proposal no longer exists.");
        }

        var ppm = register.Value.PpmUserId;
        var mayName = turn.UserId.Length > 0 && (Same(turn.UserId, s.Submitter.Id) || (ppm.Length > 0 && Same(turn.UserId, ppm)));
        if (!mayName || (bot.Value.MicrosoftAppTenantId is { Length: > 0 } tenant && !Same(turn.TenantId, tenant)))
        {
            ApprovalLog.Refused(logger, s.Id);
            return cards.Error("Not allowed", "Only the person who submitted this proposal, or the People and Policy Manager, can name its Divisional Head. Nothing has been changed.");
        }

        if (s.Status is not (SubmissionStatus.Submitted or SubmissionStatus.AwaitingDivisionalHead))
        {
            return cards.Submitted(s, ApprovalCards.StatusText(s) + " The Divisional Head can no longer be changed.");
        }

        var chosen = action.GetString("divisionalHeadId")?.Trim() ?? "";
        if (chosen is NobodyChosen || chosen.Length is 0 or > 200 || chosen.Any(char.IsWhiteSpace))
        {
            return cards.Submitted(s, "Choose the Divisional Head first: search the directory in the box, then press the button.");
        }

        var told = await NameAsync(s, turn.Caller, chosen, cancellationToken);
        return cards.Submitted(await submissions.GetAsync(s.Id, cancellationToken) ?? s, told);
    }

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
