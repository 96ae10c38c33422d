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
/// directory has none. Only people the directory knows can be named; when the directory cannot be read the answer is
/// "try again later", never "name anyone" (issue 15.3).
/// </summary>
internal sealed class DivisionalHeads(
    ISubmissionStore submissions,
    IDraftStore drafts,
    ApprovalNotifications notifications,
    ApprovalNames names,
    IPeopleDirectory people,
    IOptions<ApprovalsOptions> options,
    IOptions<RegisterOptions> register,
    TimeProvider time,
    ILogger<DivisionalHeads> logger)
{
    public const string NameDivisionalHeadText =
        "Your Divisional Head must endorse the proposal first, but the directory does not say who your manager is. Type \"divisional head\" followed by their Entra object id (from their profile in Teams or Entra).";

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
            if (id.Length > 64 || id.Any(char.IsWhiteSpace))
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
                return $"The directory does not know anyone with the Entra object id \"{id}\", so nothing has been changed. Check the id (from their profile in Teams or Entra) and try again.";
            }

            headId = person.Id;
            headName = person.DisplayName;
        }

        var now = time.GetUtcNow();
        var by = new Questionnaires.Actor(caller.Id, await names.NameAsync(caller.Id, caller.Name, cancellationToken));
        switch (ApprovalRules.AssignDivisionalHead(submission, by, headId, now))
        {
            case ApprovalResult.Recorded recorded:
                var s = recorded.Submission;
                var draft = await drafts.GetAsync(s.DraftId, cancellationToken)
                    ?? throw new InvalidOperationException($"Submission {s.Id} has lost its draft {s.DraftId}.");
                var ppm = register.Value.PpmUserId;
                var saved = await submissions.TrySaveAsync(s,
                    notifications.ForStage(s, draft, ppm, await names.NamesAsync(ApprovalRules.ActorsNow(s, ppm), cancellationToken)),
                    ApprovalReminders.First(s, now, options.Value), cancellationToken);
                return saved
                    ? $"Thank you. \"{submission.Title}\" has been sent to {headName}, your Divisional Head, to endorse."
                    : "The proposal changed at the same moment; please try again.";
            case ApprovalResult.Invalid invalid:
                return invalid.Message;
            case ApprovalResult.NotAllowed refused:
                return refused.Message;
            default:
                return "Nothing has been changed.";
        }
    }
}
