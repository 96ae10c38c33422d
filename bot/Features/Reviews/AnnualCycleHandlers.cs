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

/// <summary>The yearly prompt: sends it, then plans the bounded reminders and escalations from the time it went out.</summary>
internal sealed class AnnualPromptHandler(
    IPartnershipRegister register,
    AnnualCycleMessages messages,
    IOutbox outbox,
    IDuePromptStore prompts,
    IOptions<ReviewOptions> options,
    IOptions<RegisterOptions> registerOptions,
    People.IPeopleDirectory people,
    TimeProvider time) : AnnualCycleHandler(register, messages)
{
    public override string Kind => AnnualCycle.PromptKind;

    protected override async Task HandleAsync(DuePrompt prompt, Partnership partnership, int cycle, ReviewKind kind, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // With no lead officer on record, the PPM (who keeps the register) is asked instead of nobody.
        var recipient = partnership.LeadOfficerId.Length > 0 ? partnership.LeadOfficerId : registerOptions.Value.PpmUserId;
        if (recipient.Length > 0)
        {
            var name = await AnnualCycleMessages.RecipientNameAsync(people, partnership, recipient, cancellationToken);
            await outbox.EnqueueAsync(Messages.Prompt(prompt.Key, partnership, recipient, name, kind, cycle, now), cancellationToken);
        }

        await prompts.PlanAsync(FollowUps(partnership.Id, cycle, now, options.Value), cancellationToken);
    }

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

/// <summary>A reminder to the lead officer while the cycle's review is not completed.</summary>
internal sealed class AnnualReminderHandler(
    IPartnershipRegister register, AnnualCycleMessages messages, IOutbox outbox, People.IPeopleDirectory people, TimeProvider time)
    : AnnualCycleHandler(register, messages)
{
    public override string Kind => AnnualCycle.ReminderKind;

    protected override async Task HandleAsync(DuePrompt prompt, Partnership partnership, int cycle, ReviewKind kind, CancellationToken cancellationToken)
    {
        if (partnership.LeadOfficerId.Length == 0)
        {
            return;
        }

        var name = await AnnualCycleMessages.RecipientNameAsync(people, partnership, partnership.LeadOfficerId, cancellationToken);
        await outbox.EnqueueAsync([Messages.Reminder(prompt.Key, partnership, partnership.LeadOfficerId, name, kind, cycle, Number(prompt.Key), time.GetUtcNow())], cancellationToken);
    }

    public static int Number(string key) => int.Parse(key[(key.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An escalation to the PPM while the cycle's review is not completed.</summary>
internal sealed class AnnualEscalationHandler(
    IPartnershipRegister register, AnnualCycleMessages messages, IOutbox outbox, IOptions<RegisterOptions> registerOptions, TimeProvider time)
    : AnnualCycleHandler(register, messages)
{
    public override string Kind => AnnualCycle.EscalationKind;

    protected override Task HandleAsync(DuePrompt prompt, Partnership partnership, int cycle, ReviewKind kind, CancellationToken cancellationToken) =>
        registerOptions.Value.PpmUserId is not { Length: > 0 } ppm
            ? Task.CompletedTask
            : outbox.EnqueueAsync([Messages.Escalation(prompt.Key, partnership, ppm, kind, cycle, AnnualReminderHandler.Number(prompt.Key), time.GetUtcNow())], cancellationToken);
}
