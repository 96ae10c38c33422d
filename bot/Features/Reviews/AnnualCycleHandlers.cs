using Microsoft.Extensions.Options;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Features.Reviews;

/// <summary>
/// Shared checks of the cycle's handlers: a prompt whose partnership has ended, left the cycle or completed the
/// cycle's review sends nothing (and is marked done by the scheduler).
/// </summary>
internal abstract class AnnualCycleHandler(IPartnershipRegister register, AnnualCycleMessages messages) : IDuePromptHandler
{
    public abstract string Kind { get; }

    protected AnnualCycleMessages Messages => messages;

    public async Task HandleAsync(DuePrompt prompt, CancellationToken cancellationToken)
    {
        var (partnershipId, cycle) = AnnualCycle.ParseSubject(prompt.SubjectId);
        var partnership = await register.FindAsync(partnershipId, cancellationToken);
        var calendar = messages.Calendar;
        if (partnership is null
            || !ReviewSchedule.IsInCycle(partnership, cycle, calendar)
            || ReviewSchedule.IsCompleted(partnership, cycle, calendar))
        {
            return;
        }

        await HandleAsync(prompt, partnership, cycle, ReviewSchedule.KindFor(partnership, cycle, calendar), cancellationToken);
    }

    protected abstract Task HandleAsync(DuePrompt prompt, Partnership partnership, int cycle, ReviewKind kind, CancellationToken cancellationToken);
}

/// <summary>
/// A partnership's yearly prompt: the card itself goes out in its recipients' digests (<see cref="AnnualDigestHandler"/>);
/// this plans the partnership's bounded reminders and escalations from the time it fell due.
/// </summary>
internal sealed class AnnualPromptHandler(
    IPartnershipRegister register,
    AnnualCycleMessages messages,
    IDuePromptStore prompts,
    IOptions<ReviewOptions> options,
    TimeProvider time) : AnnualCycleHandler(register, messages)
{
    public override string Kind => AnnualCycle.PromptKind;

    protected override Task HandleAsync(DuePrompt prompt, Partnership partnership, int cycle, ReviewKind kind, CancellationToken cancellationToken) =>
        prompts.PlanAsync(FollowUps(partnership.Id, cycle, time.GetUtcNow(), options.Value), cancellationToken);

    /// <summary>Reminders from ReminderAfterDays and escalations from EscalateAfterDays, each every RepeatEveryDays, bounded (pure).</summary>
    public static IReadOnlyList<DuePrompt> FollowUps(string partnershipId, int cycle, DateTimeOffset sentAt, ReviewOptions options)
    {
        var subject = AnnualCycle.Subject(partnershipId, cycle);
        var list = new List<DuePrompt>();
        for (var n = 1; n <= options.MaxReminders; n++)
        {
            list.Add(new DuePrompt
            {
                Key = AnnualCycle.ReminderKey(partnershipId, cycle, n),
                Kind = AnnualCycle.ReminderKind,
                DueAt = sentAt.AddDays(options.ReminderAfterDays + (n - 1) * options.RepeatEveryDays),
                SubjectId = subject,
            });
        }

        for (var n = 1; n <= options.MaxEscalations; n++)
        {
            list.Add(new DuePrompt
            {
                Key = AnnualCycle.EscalationKey(partnershipId, cycle, n),
                Kind = AnnualCycle.EscalationKind,
                DueAt = sentAt.AddDays(options.EscalateAfterDays + (n - 1) * options.RepeatEveryDays),
                SubjectId = subject,
            });
        }

        return list;
    }
}

/// <summary>
/// A partnership's reminder falls due: its lead officer (and the colleague it was delegated to) get that day's
/// reminder digest of everything still outstanding, one per person per day however many reminders fall due.
/// </summary>
internal sealed class AnnualReminderHandler(
    IPartnershipRegister register, AnnualCycleMessages messages, IDuePromptStore prompts, IOptions<RegisterOptions> registerOptions, TimeProvider time)
    : AnnualCycleHandler(register, messages)
{
    public override string Kind => AnnualCycle.ReminderKind;

    protected override Task HandleAsync(DuePrompt prompt, Partnership partnership, int cycle, ReviewKind kind, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = Messages.Calendar.Today(now);
        return prompts.PlanAsync(
            AnnualDigest.Recipients(partnership, cycle, registerOptions.Value.PpmUserId).Select(person => new DuePrompt
            {
                Key = AnnualCycle.ReminderDigestKey(person, cycle, today),
                Kind = AnnualCycle.ReminderDigestKind,
                DueAt = now,
                SubjectId = AnnualCycle.PersonSubject(person, cycle),
            }).ToList(),
            cancellationToken);
    }

    public static int Number(string key) => int.Parse(key[(key.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A partnership's escalation falls due: the PPM gets that day's list of every overdue review (one a day).</summary>
internal sealed class AnnualEscalationHandler(
    IPartnershipRegister register, AnnualCycleMessages messages, IDuePromptStore prompts, IOptions<RegisterOptions> registerOptions, TimeProvider time)
    : AnnualCycleHandler(register, messages)
{
    public override string Kind => AnnualCycle.EscalationKind;

    protected override Task HandleAsync(DuePrompt prompt, Partnership partnership, int cycle, ReviewKind kind, CancellationToken cancellationToken)
    {
        if (registerOptions.Value.PpmUserId is not { Length: > 0 } ppm)
        {
            return Task.CompletedTask;
        }

        var now = time.GetUtcNow();
        return prompts.PlanAsync(
            [new DuePrompt
            {
                Key = AnnualCycle.EscalationDigestKey(ppm, cycle, Messages.Calendar.Today(now)),
                Kind = AnnualCycle.EscalationDigestKind,
                DueAt = now,
                SubjectId = AnnualCycle.PersonSubject(ppm, cycle),
            }],
            cancellationToken);
    }
}
