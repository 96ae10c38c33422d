using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Hosting;
using PartnershipBot.People;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// Approval of new partnerships: starts it when a proposal is submitted, and applies the approvers' card actions.
/// The rules decide (<see cref="ApprovalRules"/>); this loads, saves with its notifications, and shows the card.
/// </summary>
internal sealed class ApprovalHandler(
    ISubmissionStore submissions,
    IDraftStore drafts,
    ApprovalCards cards,
    ApprovalNotifications notifications,
    ApprovalCardUpdates updates,
    IOptions<ApprovalsOptions> options,
    IOptions<RegisterOptions> register,
    IOptions<BotOptions> bot,
    IPeopleDirectory people,
    ApprovalNames names,
    DivisionalHeads divisionalHeads,
    TimeProvider time,
    ILogger<ApprovalHandler> logger) : IDraftSubmittedHandler
{
    private const int MaxAttempts = 5;

    public string QuestionnaireId => QuestionnaireIds.NewPartnership;

    private string Ppm => register.Value.PpmUserId;

    /// <summary>A proposal (or a new version after Request changes) is submitted: route it, notify, confirm.</summary>
    public async Task<JsonObject> OnSubmittedAsync(TurnContext turn, Draft draft, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var previous = draft.SubjectId is { } subject ? await submissions.GetAsync(subject, cancellationToken) : null;
        var head = previous is { Status: SubmissionStatus.ChangesRequested } || !options.Value.DivisionalHeadStage
            ? DivisionalHeadLookup.NotNeeded
            : await divisionalHeads.LookUpAsync(turn.UserId, cancellationToken);
        var submission = previous is { Status: SubmissionStatus.ChangesRequested }
            ? Resubmitted(previous, draft, now)
            : New(draft, await ActorAsync(turn, cancellationToken), head.Id, await SmtAsync(cancellationToken), now);

        if (!await submissions.TrySaveAsync(submission, notifications.ForStage(submission, draft, Ppm, await NamesAsync(submission, cancellationToken)), Reminders(submission, now), cancellationToken))
        {
            // The same draft submitted twice at once: the first write won and already notified everyone.
            submission = await submissions.GetAsync(submission.Id, cancellationToken) ?? submission;
        }

        ApprovalLog.Submitted(logger, submission.Id, submission.ProposalVersion, submission.Status);
        var next = submission.Status switch
        {
            SubmissionStatus.Submitted => head.Failed ? DivisionalHeads.DirectoryDownText : DivisionalHeads.NameDivisionalHeadText,
            SubmissionStatus.AwaitingDivisionalHead => "Your Divisional Head has been asked to endorse it; then SMT must authorise the partnership before it starts. You will get a message with the decision.",
            _ when submission.SmtIds.Count == 0 && Ppm.Length == 0 => "No approvers are configured yet (Approvals settings): please tell the People and Policy Manager.",
            _ => "The People and Policy Manager and SMT have been told, and SMT must authorise the partnership before it starts. You will get a message with the decision.",
        };
        return cards.Submitted(submission, next);
    }

    /// <summary>Approve, Reject, Request changes, Refer, Comment or Record the Executive's decision from an approval card.</summary>
    public async Task<JsonObject> ActAsync(TurnContext turn, CardAction action, ApprovalRequestKind kind, CancellationToken cancellationToken)
    {
        var submission = await LoadAsync(action, cancellationToken);
        if (submission is null)
        {
            return cards.Error("Not found", "That proposal no longer exists.");
        }

        if (!SameTenant(turn))
        {
            ApprovalLog.Refused(logger, submission.Id);
            return cards.Error("Not allowed", "Only the people asked to decide on this proposal can act on it. Nothing has been changed.");
        }

        var flags = cards.Flags(submission, await DraftOfAsync(submission, cancellationToken));
        var request = new ApprovalRequest(await ActorAsync(turn, cancellationToken), kind, action.GetString("comment"), turn.Activity.Id,
            action.GetString("executiveDecision") switch { "approved" => true, "rejected" => false, _ => null },
            DateOnly.TryParseExact(action.GetString("meetingDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
            SeenProposalVersion: action.GetInt("proposalVersion") ?? 0,
            NotMetChecks: flags.NotMet,
            BlockWhenNotMet: options.Value.BlockApprovalWhenNotMet,
            Assessment: DivisionalHeadAssessment.From(action.GetString("aimsFit"), action.GetString("aimsReasoning"),
                action.GetString("conclusions"), action.GetString("reportToExecutive")));

        for (var attempt = 1; ; attempt++)
        {
            var result = ApprovalRules.Apply(submission, request, options.Value.Rule, Ppm, time.GetUtcNow());
            switch (result)
            {
                case ApprovalResult.NotAllowed refused:
                    ApprovalLog.Refused(logger, submission.Id);
                    return cards.Error("Not allowed", refused.Message);
                case ApprovalResult.Stale stale:
                    return submission.Final is { } final
                        ? cards.Outcome(submission, final)
                        : cards.Request(submission, await DraftOfAsync(submission, cancellationToken), Ppm, turn.UserId, stale.Message);
                case ApprovalResult.AlreadyDecided already:
                    return cards.Error("Already decided", ApprovalCards.AlreadyDecidedText(already.Decision));
                case ApprovalResult.Invalid invalid:
                    return cards.Request(submission, await DraftOfAsync(submission, cancellationToken), Ppm, turn.UserId, invalid.Message, typed: Typed(action));
                case ApprovalResult.Recorded recorded:
                    var draft = await DraftOfAsync(submission, cancellationToken);
                    var stageMoved = recorded.Submission.Status != submission.Status;
                    if (recorded.Submission.IsClosed || stageMoved)
                    {
                        // Recorded with the decision: the background step publishes it (or retires the earlier stage's
                        // cards) even after a restart.
                        recorded = recorded with { Submission = recorded.Submission with { OutcomeToPublish = true } };
                    }

                    if (await submissions.TrySaveAsync(recorded.Submission, await NotificationsAsync(recorded, draft, cancellationToken), Reminders(recorded.Submission, time.GetUtcNow()), cancellationToken))
                    {
                        var saved = recorded.Submission with { Version = recorded.Submission.Version + 1 };
                        ApprovalLog.Changed(logger, saved.Id, kind, saved.Status);
                        if (saved.IsClosed)
                        {
                            updates.Request(saved.Id);
                            return cards.Outcome(saved, recorded.Decision!);
                        }

                        if (stageMoved)
                        {
                            updates.Request(saved.Id);
                        }

                        return cards.Request(saved, draft, Ppm, turn.UserId);
                    }

                    // Someone else changed it between our read and write: apply the click to what they saved.
                    if (attempt == MaxAttempts || await submissions.GetAsync(submission.Id, cancellationToken) is not { } reloaded)
                    {
                        return cards.Error("Please try again", "The proposal was being changed by someone else at the same moment. Nothing you did was recorded.");
                    }

                    submission = reloaded;
                    break;
            }
        }
    }

    /// <summary>The texts typed on the card, shown again when the click is refused so nothing typed is lost.</summary>
    private static Dictionary<string, string> Typed(CardAction action) =>
        new[] { "comment", "aimsReasoning", "conclusions" }.ToDictionary(id => id, id => action.GetString(id) ?? "");

    /// <summary>Universal Actions refresh: the buttons for whoever may act now, the status for everyone else.</summary>
    public async Task<JsonObject> RefreshAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (await LoadAsync(action, cancellationToken) is not { } submission)
        {
            return cards.Error("Not found", "That proposal no longer exists.");
        }

        if (submission.Final is { } final)
        {
            return cards.Outcome(submission, final);
        }

        return cards.Request(submission, await DraftOfAsync(submission, cancellationToken), Ppm, SameTenant(turn) ? turn.UserId : null);
    }

    private async Task<IReadOnlyList<Notifications.OutboxMessage>> NotificationsAsync(ApprovalResult.Recorded recorded, Draft draft, CancellationToken cancellationToken)
    {
        var s = recorded.Submission;
        var messages = new List<Notifications.OutboxMessage>();
        if (recorded.Decision is { } decision && (s.IsClosed || decision.Kind is DecisionKind.ReferToExecutive or DecisionKind.NotTheDivisionalHead))
        {
            messages.Add(notifications.ToSubmitter(s, decision, s.Decisions.Count));
        }

        if (recorded.Decision?.Kind is DecisionKind.Endorse or DecisionKind.ReferToExecutive)
        {
            messages.AddRange(notifications.ForStage(s, draft, Ppm, await NamesAsync(s, cancellationToken)));
        }

        return messages;
    }

    /// <summary>Who is acting, named from the people directory (Teams' name when the directory does not know them).</summary>
    private async Task<Actor> ActorAsync(TurnContext turn, CancellationToken cancellationToken) =>
        new(turn.UserId, await names.NameAsync(turn.UserId, turn.UserName, cancellationToken));

    /// <summary>Names of the people the stage's cards go to, for the submitter's message if one cannot be reached.</summary>
    private Task<IReadOnlyDictionary<string, string>> NamesAsync(Submission s, CancellationToken cancellationToken) =>
        names.NamesAsync(ApprovalRules.ActorsNow(s, Ppm), cancellationToken);

    /// <summary>The first reminder of the stage the submission is now in (planned with it, in the same write).</summary>
    private IReadOnlyList<Scheduling.DuePrompt> Reminders(Submission s, DateTimeOffset now) => ApprovalReminders.First(s, now, options.Value);

    private Submission New(Draft draft, Actor submitter, string? divisionalHeadId, IReadOnlyList<string> smt, DateTimeOffset now)
    {
        var status = ApprovalRules.FirstStatus(options.Value.DivisionalHeadStage, divisionalHeadId);
        return new Submission(draft.Id, draft.Id, 1, submitter, draft.Title ?? "Untitled proposal", status, divisionalHeadId, smt, [], [],
            [new AuditEntry(submitter.Id, now, SubmissionStatus.Submitted, status, "Submitted", null)], [], now, 0);
    }

    private Submission Resubmitted(Submission previous, Draft draft, DateTimeOffset now)
    {
        var status = ApprovalRules.FirstStatus(options.Value.DivisionalHeadStage, previous.DivisionalHeadId);
        return previous with
        {
            DraftId = draft.Id,
            ProposalVersion = previous.ProposalVersion + 1,
            Title = draft.Title ?? previous.Title,
            Status = status,
            PreviousDraftIds = [.. previous.PreviousDraftIds, previous.DraftId],
            SubmittedAt = now,
            Audit = [.. previous.Audit, new AuditEntry(previous.Submitter.Id, now, previous.Status, status, "Resubmitted", null)],
        };
    }

    /// <summary>SMT: the configured ids and the members of the configured group (read now, kept with the submission).</summary>
    private async Task<IReadOnlyList<string>> SmtAsync(CancellationToken cancellationToken)
    {
        var ids = options.Value.SmtUserIds.Where(id => id.Length > 0).ToList();
        if (options.Value.SmtGroupId is { Length: > 0 } group)
        {
            try
            {
                ids.AddRange(await people.GetGroupMemberIdsAsync(group, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ApprovalLog.DirectoryFailed(logger, e);
            }
        }

        return ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private async Task<Submission?> LoadAsync(CardAction action, CancellationToken cancellationToken) =>
        action.GetString("approvalId") is { Length: > 0 and <= 64 } id ? await submissions.GetAsync(id, cancellationToken) : null;

    private async Task<Draft> DraftOfAsync(Submission s, CancellationToken cancellationToken) =>
        await drafts.GetAsync(s.DraftId, cancellationToken) ?? throw new InvalidOperationException($"Submission {s.Id} has lost its draft {s.DraftId}.");

    /// <summary>Single-tenant bots only accept approvers from their own tenant; the id alone is not enough across tenants.</summary>
    private bool SameTenant(TurnContext turn) =>
        bot.Value.MicrosoftAppTenantId is not { Length: > 0 } tenant || string.Equals(turn.TenantId, tenant, StringComparison.OrdinalIgnoreCase);
}
