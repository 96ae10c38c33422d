using System.Globalization;
using Microsoft.Extensions.Options;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// Reminders of pending approvals (flow step 6) as pure functions. A reminder's key names the stage it was planned for
/// (submission, proposal version, status) and its number, so a reminder of a stage that has since moved on sends nothing.
/// </summary>
internal static class ApprovalReminders
{
    public const string Kind = "approval-reminder";

    /// <summary>"approval-reminder:S1:v1:UnderReview:2".</summary>
    public static string Key(Submission s, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{Kind}:{s.Id}:v{s.ProposalVersion}:{s.Status}:{number}");

    public static int NumberOf(string key) => int.Parse(key[(key.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

    /// <summary>Whether someone's decision is awaited in this status.</summary>
    public static bool IsWaiting(SubmissionStatus status) =>
        status is SubmissionStatus.AwaitingDivisionalHead or SubmissionStatus.UnderReview or SubmissionStatus.ReferredToExecutive;

    /// <summary>
    /// The first reminder of the submission's current stage, ReminderAfterDays from <paramref name="now"/>; none when no
    /// decision is awaited. Offered on every save: planning is by key, so a save within the same stage changes nothing.
    /// </summary>
    public static IReadOnlyList<DuePrompt> First(Submission s, DateTimeOffset now, ApprovalsOptions options) =>
        IsWaiting(s.Status) ? [Prompt(s, 1, now.AddDays(options.ReminderAfterDays))] : [];

    /// <summary>The reminder after number <paramref name="number"/>, ReminderEveryDays after it was sent.</summary>
    public static DuePrompt Next(Submission s, int number, DateTimeOffset sentAt, ApprovalsOptions options) =>
        Prompt(s, number + 1, sentAt.AddDays(options.ReminderEveryDays));

    /// <summary>Who has still to decide: the Divisional Head, SMT members who have not approved this version, or the PPM for the Executive's decision.</summary>
    public static IReadOnlyList<string> Recipients(Submission s, string ppmId) => s.Status switch
    {
        SubmissionStatus.UnderReview => ApprovalRules.ActorsNow(s, ppmId).Where(id => !string.Equals(id, ppmId, StringComparison.OrdinalIgnoreCase)).ToList(),
        _ when IsWaiting(s.Status) => ApprovalRules.ActorsNow(s, ppmId),
        _ => [],
    };

    /// <summary>When the submission reached its current status.</summary>
    public static DateTimeOffset WaitingSince(Submission s) =>
        s.Audit.LastOrDefault(a => a.To == s.Status && a.From != s.Status)?.At ?? s.SubmittedAt;

    private static DuePrompt Prompt(Submission s, int number, DateTimeOffset dueAt) =>
        new() { Key = Key(s, number), Kind = Kind, DueAt = dueAt, SubjectId = s.Id };
}

/// <summary>Sends a due reminder to everyone who has still to decide, then plans the next one; a decided or moved-on stage sends nothing.</summary>
internal sealed class ApprovalReminderHandler(
    ISubmissionStore submissions,
    IDraftStore drafts,
    ApprovalNotifications notifications,
    IOutbox outbox,
    IDuePromptStore prompts,
    IOptions<ApprovalsOptions> options,
    IOptions<RegisterOptions> register,
    TimeProvider time) : IDuePromptHandler
{
    public string Kind => ApprovalReminders.Kind;

    public async Task HandleAsync(DuePrompt prompt, CancellationToken cancellationToken)
    {
        var number = ApprovalReminders.NumberOf(prompt.Key);
        if (await submissions.GetAsync(prompt.SubjectId, cancellationToken) is not { } s
            || ApprovalReminders.Key(s, number) != prompt.Key
            || await drafts.GetAsync(s.DraftId, cancellationToken) is not { } draft)
        {
            return;
        }

        var ppm = register.Value.PpmUserId;
        var recipients = ApprovalReminders.Recipients(s, ppm);
        if (recipients.Count == 0)
        {
            return;
        }

        // Keys per (stage, reminder number, recipient): a pass repeated after a restart enqueues nothing new.
        await outbox.EnqueueAsync(recipients.SelectMany(r => notifications.Reminder(s, draft, ppm, r, number, prompt.Key)).ToList(), cancellationToken);
        await prompts.PlanAsync([ApprovalReminders.Next(s, number, time.GetUtcNow(), options.Value)], cancellationToken);
    }
}
