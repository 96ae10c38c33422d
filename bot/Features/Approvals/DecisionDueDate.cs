using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// The date the submitter needs a decision by (issue 16.4): set from the Submitted card while undecided, audited, shown
/// on approval cards and reminders; once it has passed by Approvals:EscalateAfterDaysOverdue days with no decision, the
/// PPM is told, once per date (the prompt and the message are keyed by submission and date).
/// </summary>
internal sealed class DecisionDueDate(
    ISubmissionStore submissions,
    ApprovalCards cards,
    IOptions<ApprovalsOptions> options,
    IOptions<Hosting.BotOptions> bot,
    TimeProvider time)
{
    public const string Kind = "approval-overdue";
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static string Text(DateOnly date) => UkDate.Day(date);

    /// <summary>"Set the date" on the Submitted card: the submitter only, a date from today, while undecided.</summary>
    public async Task<JsonObject> SetAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var id = action.GetString("submissionId") ?? "";
        var s = id.Length is > 0 and <= 64 ? await submissions.GetAsync(id, cancellationToken) : null;
        if (s is null || !string.Equals(s.Submitter.Id, turn.UserId, StringComparison.OrdinalIgnoreCase) || turn.UserId.Length == 0
            || (bot.Value.MicrosoftAppTenantId is { Length: > 0 } tenant && !string.Equals(turn.TenantId, tenant, StringComparison.OrdinalIgnoreCase)))
        {
            return cards.Error("Not allowed", "Only the person who submitted this proposal can say when a decision is needed.");
        }

        if (s.IsClosed)
        {
            return cards.Error("Already decided", ApprovalCards.StatusText(s));
        }

        var now = time.GetUtcNow();
        if (!DateOnly.TryParseExact(action.GetString("decisionNeededBy"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date < DateOnly.FromDateTime(now.UtcDateTime))
        {
            return cards.Error("Date needed", "Please choose the date a decision is needed by: today or later.");
        }

        if (s.Audit.Any(a => a.FromActivityId == turn.Activity.Id && turn.Activity.Id is { Length: > 0 }))
        {
            return cards.Submitted(s, NeededByText(s));
        }

        var changed = s with
        {
            DecisionNeededBy = date,
            Audit = [.. s.Audit, new AuditEntry(turn.UserId, now, s.Status, s.Status, "Decision needed by " + Text(date), turn.Activity.Id)],
        };
        var overdue = new DuePrompt
        {
            Key = string.Create(CultureInfo.InvariantCulture, $"{Kind}:{s.Id}:{date:yyyy-MM-dd}"),
            Kind = Kind,
            DueAt = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1 + options.Value.EscalateAfterDaysOverdue),
            SubjectId = s.Id,
        };
        if (!await submissions.TrySaveAsync(changed, [], [overdue], cancellationToken))
        {
            return cards.Error("Please try again", "The proposal was being changed by someone else at the same moment. Nothing has been changed.");
        }

        return cards.Submitted(changed with { Version = changed.Version + 1 }, NeededByText(changed));
    }

    private static string NeededByText(Submission s) =>
        $"The approvers are asked for a decision by {Text(s.DecisionNeededBy!.Value)}; their reminders say so, and the People and Policy Manager is told if it passes undecided.";
}

/// <summary>The decision-needed-by date has passed undecided: the PPM is told, once (keyed by submission and date).</summary>
internal sealed class DecisionOverdueHandler(
    ISubmissionStore submissions,
    IOutbox outbox,
    ApprovalCards cards,
    ApprovalNames names,
    IOptions<RegisterOptions> register) : IDuePromptHandler
{
    public string Kind => DecisionDueDate.Kind;

    public async Task HandleAsync(DuePrompt prompt, CancellationToken cancellationToken)
    {
        var ppm = register.Value.PpmUserId;
        if (ppm.Length == 0 || await submissions.GetAsync(prompt.SubjectId, cancellationToken) is not { DecisionNeededBy: { } date } s
            || s.IsClosed || !prompt.Key.EndsWith(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            return;
        }

        var waiting = ApprovalReminders.Recipients(s, ppm);
        var people = await names.NamesAsync(waiting, cancellationToken);
        var who = waiting.Count == 0 ? "the submitter, to name their Divisional Head" : string.Join(", ", waiting.Select(id => people.GetValueOrDefault(id) ?? ApprovalNames.Unnamed(id)));
        var text = $"\"{s.Title}\" ({ApprovalCards.Reference(s.Id)}) needed a decision by {DecisionDueDate.Text(date)} and is still waiting for {who}. "
            + "As People and Policy Manager you can chase it, or type \"approvals\" to see what waits.";
        await outbox.EnqueueAsync(
        [
            new OutboxMessage
            {
                IdempotencyKey = prompt.Key + ":ppm",
                Kind = OutboxKind.ChatCard,
                RecipientId = ppm,
                Body = text,
                Payload = cards.Error("Approval overdue", text),
                Topic = "overdue:" + s.Id,
            },
        ], cancellationToken);
    }
}
