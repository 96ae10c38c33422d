using Microsoft.Extensions.Options;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Features.Reviews;

/// <summary>
/// Shared part of a person's digest prompts (subject "person:{id}/{cycle}"): what they still owe in the cycle is read
/// from the register when the prompt runs, so a review completed, delegated or reassigned meanwhile is left out.
/// </summary>
internal abstract class PersonDigestHandler(
    IPartnershipRegister register, AnnualCycleMessages messages, IOutbox outbox, People.IPeopleDirectory people, IOptions<RegisterOptions> registerOptions)
    : IDuePromptHandler
{
    public abstract string Kind { get; }

    protected AnnualCycleMessages Messages => messages;

    protected IOutbox Outbox => outbox;

    protected string PpmId => registerOptions.Value.PpmUserId;

    public async Task HandleAsync(DuePrompt prompt, CancellationToken cancellationToken)
    {
        var (personId, cycle) = AnnualCycle.ParsePersonSubject(prompt.SubjectId);
        var all = await register.AllAsync(cancellationToken);
        var outstanding = AnnualDigest.Outstanding(all, personId, cycle, messages.Calendar, PpmId);
        await HandleAsync(prompt, personId, cycle, all, outstanding, () => AnnualCycleMessages.RecipientNameAsync(people, all, personId, cancellationToken), cancellationToken);
    }

    protected abstract Task HandleAsync(
        DuePrompt prompt, string personId, int cycle, IReadOnlyList<Partnership> all, IReadOnlyList<DigestEntry> outstanding, Func<Task<string>> name, CancellationToken cancellationToken);
}

/// <summary>The yearly digest: one card per person per cycle listing the reviews they owe, each with Start.</summary>
internal sealed class AnnualDigestHandler(
    IPartnershipRegister register, AnnualCycleMessages messages, IOutbox outbox, People.IPeopleDirectory people, IOptions<RegisterOptions> registerOptions, TimeProvider time)
    : PersonDigestHandler(register, messages, outbox, people, registerOptions)
{
    public override string Kind => AnnualCycle.DigestKind;

    protected override async Task HandleAsync(
        DuePrompt prompt, string personId, int cycle, IReadOnlyList<Partnership> all, IReadOnlyList<DigestEntry> outstanding, Func<Task<string>> name, CancellationToken cancellationToken)
    {
        var entries = AnnualDigest.ForPrompt(outstanding, personId, cycle, Messages.Calendar);
        if (entries.Count > 0)
        {
            await Outbox.EnqueueAsync(Messages.Prompt(prompt.Key, personId, await name(), cycle, entries, time.GetUtcNow()), cancellationToken);
        }
    }
}

/// <summary>
/// A reminder digest of what is still outstanding: held while the person has asked to be reminded later (their
/// "Remind me in a week" prompt sends it then), and nothing when all is done.
/// </summary>
internal sealed class ReminderDigestHandler(
    IPartnershipRegister register, AnnualCycleMessages messages, IOutbox outbox, People.IPeopleDirectory people, IOptions<RegisterOptions> registerOptions,
    IDuePromptStore prompts, TimeProvider time)
    : PersonDigestHandler(register, messages, outbox, people, registerOptions)
{
    public override string Kind => AnnualCycle.ReminderDigestKind;

    protected override async Task HandleAsync(
        DuePrompt prompt, string personId, int cycle, IReadOnlyList<Partnership> all, IReadOnlyList<DigestEntry> outstanding, Func<Task<string>> name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (outstanding.Count == 0 || await IsSnoozedAsync(prompts, personId, cycle, now, cancellationToken))
        {
            return;
        }

        await Outbox.EnqueueAsync([Messages.Reminder(prompt.Key, personId, await name(), cycle, outstanding, now)], cancellationToken);
    }

    /// <summary>Whether the person's "Remind me in a week" is still pending at <paramref name="now"/>.</summary>
    public static async Task<bool> IsSnoozedAsync(IDuePromptStore prompts, string personId, int cycle, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await prompts.ForSubjectAsync(AnnualCycle.SnoozeSubject(personId, cycle), cancellationToken)).Any(p => p.DoneAt is null && p.DueAt > now);
}

/// <summary>The reminder a person asked for with "Remind me in a week": what is still outstanding then.</summary>
internal sealed class SnoozeHandler(
    IPartnershipRegister register, AnnualCycleMessages messages, IOutbox outbox, People.IPeopleDirectory people, IOptions<RegisterOptions> registerOptions, TimeProvider time)
    : PersonDigestHandler(register, messages, outbox, people, registerOptions)
{
    public override string Kind => AnnualCycle.SnoozeKind;

    protected override async Task HandleAsync(
        DuePrompt prompt, string personId, int cycle, IReadOnlyList<Partnership> all, IReadOnlyList<DigestEntry> outstanding, Func<Task<string>> name, CancellationToken cancellationToken)
    {
        if (outstanding.Count > 0)
        {
            await Outbox.EnqueueAsync([Messages.Reminder(prompt.Key, personId, await name(), cycle, outstanding, time.GetUtcNow())], cancellationToken);
        }
    }
}

/// <summary>The PPM's daily list of reviews past their escalation point, with the escalation number each has reached.</summary>
internal sealed class EscalationDigestHandler(
    IPartnershipRegister register, AnnualCycleMessages messages, IOutbox outbox, People.IPeopleDirectory people, IOptions<RegisterOptions> registerOptions,
    IDuePromptStore prompts, TimeProvider time)
    : PersonDigestHandler(register, messages, outbox, people, registerOptions)
{
    public override string Kind => AnnualCycle.EscalationDigestKind;

    protected override async Task HandleAsync(
        DuePrompt prompt, string personId, int cycle, IReadOnlyList<Partnership> all, IReadOnlyList<DigestEntry> outstanding, Func<Task<string>> name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var overdue = new List<(DigestEntry, int)>();
        foreach (var p in all.Where(p => ReviewSchedule.IsInCycle(p, cycle, Messages.Calendar) && !ReviewSchedule.IsCompleted(p, cycle, Messages.Calendar)))
        {
            var reached = (await prompts.ForSubjectAsync(AnnualCycle.Subject(p.Id, cycle), cancellationToken))
                .Where(e => e.Kind == AnnualCycle.EscalationKind && e.DueAt <= now)
                .Select(e => AnnualReminderHandler.Number(e.Key))
                .DefaultIfEmpty(0)
                .Max();
            if (reached > 0)
            {
                overdue.Add((new DigestEntry(p, ReviewSchedule.KindFor(p, cycle, Messages.Calendar), true, ReviewHandOvers.DelegateFor(p, cycle)), reached));
            }
        }

        if (overdue.Count > 0)
        {
            await Outbox.EnqueueAsync([Messages.Escalation(prompt.Key, personId, cycle, overdue, now)], cancellationToken);
        }
    }
}

/// <summary>
/// Partnerships whose lead officer changed after the cycle's prompt (issue 17.7): the new lead officer gets one card
/// listing those that changed hands at that instant, each with Start, as from a digest (the yearly digest went to the
/// one before); nothing for those done meanwhile or since given to someone else (who has a prompt of their own).
/// </summary>
internal sealed class NewLeadPromptHandler(
    IPartnershipRegister register, AnnualCycleMessages messages, IOutbox outbox, People.IPeopleDirectory people, IOptions<RegisterOptions> registerOptions, TimeProvider time)
    : PersonDigestHandler(register, messages, outbox, people, registerOptions)
{
    public override string Kind => AnnualCycle.NewLeadKind;

    protected override async Task HandleAsync(
        DuePrompt prompt, string personId, int cycle, IReadOnlyList<Partnership> all, IReadOnlyList<DigestEntry> outstanding, Func<Task<string>> name, CancellationToken cancellationToken)
    {
        var ticks = AnnualCycle.NewLeadTicks(prompt.Key);
        var entries = outstanding.Where(e => e.AsLeadOfficer && AnnualDigest.NeedsNewLeadPrompt(e.Partnership, cycle, Messages.Calendar)
            && e.Partnership.LeadSince!.Value.UtcTicks == ticks).ToList();
        if (entries.Count > 0)
        {
            await Outbox.EnqueueAsync([Messages.NewLead(prompt.Key, personId, await name(), cycle, entries, time.GetUtcNow())], cancellationToken);
        }
    }
}
