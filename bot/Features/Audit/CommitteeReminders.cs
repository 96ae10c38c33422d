using System.Globalization;
using Microsoft.Extensions.Options;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Features.Audit;

/// <summary>
/// Plans a reminder to the owner of every open committee recommendation on its due date, and again every
/// <see cref="RepeatEveryDays"/> days while it stays open, at most <see cref="MaxReminders"/> times. Planned from the
/// register each scheduler pass (keys name the record and its due date), so a restart or downtime neither repeats
/// nor skips one.
/// </summary>
internal sealed class CommitteeReminderPlanner(IPartnershipRegister register, IOptions<ReviewOptions> reviewOptions) : IDuePromptPlanner
{
    public const string Kind = "committee-recommendation";
    public const int MaxReminders = 3;
    public const int RepeatEveryDays = 7;

    private readonly ReviewCalendar _calendar = ReviewCalendar.From(reviewOptions.Value);

    public async Task<IReadOnlyList<DuePrompt>> PlanAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Plan(await register.AllAsync(cancellationToken), _calendar, reviewOptions.Value.PromptTimeOfDay());

    /// <summary>The reminders that should exist for the register's open recommendations (pure).</summary>
    public static IReadOnlyList<DuePrompt> Plan(IReadOnlyList<Partnership> partnerships, ReviewCalendar calendar, TimeOnly timeOfDay)
    {
        var prompts = new List<DuePrompt>();
        foreach (var p in partnerships.Where(p => p.Status != PartnershipStatus.Ended))
        {
            foreach (var record in p.CommitteeRecords.Where(r => r.Recommendation is { IsDone: false }))
            {
                var due = record.Recommendation!.DueDate;
                for (var n = 1; n <= MaxReminders; n++)
                {
                    var local = due.AddDays((n - 1) * RepeatEveryDays).ToDateTime(timeOfDay, DateTimeKind.Unspecified);
                    prompts.Add(new DuePrompt
                    {
                        Key = string.Create(CultureInfo.InvariantCulture, $"{Kind}:{p.Id}:{record.Id}:{due:yyyyMMdd}:{n}"),
                        Kind = Kind,
                        DueAt = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(calendar.Zone.IsInvalidTime(local) ? local.AddHours(1) : local, calendar.Zone), TimeSpan.Zero),
                        SubjectId = $"{p.Id}/{record.Id}",
                    });
                }
            }
        }

        return prompts;
    }
}

/// <summary>Sends a due reminder to the recommendation's owner: the partnership's committee card, with Mark done for them.</summary>
internal sealed class CommitteeReminderHandler(IPartnershipRegister register, CommitteeRecords records, IOutbox outbox, TimeProvider time) : IDuePromptHandler
{
    public string Kind => CommitteeReminderPlanner.Kind;

    public async Task HandleAsync(DuePrompt prompt, CancellationToken cancellationToken)
    {
        var slash = prompt.SubjectId.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || await register.FindAsync(prompt.SubjectId[..slash], cancellationToken) is not { } partnership
            || partnership.CommitteeRecords.FirstOrDefault(r => r.Id == prompt.SubjectId[(slash + 1)..]) is not { Recommendation: { IsDone: false } recommendation } record
            || !prompt.Key.Contains($":{recommendation.DueDate:yyyyMMdd}:", StringComparison.Ordinal)
            || recommendation.OwnerId.Length == 0)
        {
            // Done, removed, or its due date changed since this reminder was planned: nothing to remind.
            return;
        }

        var owner = new Caller(recommendation.OwnerId, "", recommendation.OwnerName);
        var message = $"Reminder: the {record.Heading} recommendation on {partnership.Name} is due by {ReviewSchedule.Format(recommendation.DueDate)}, and you are its owner. Press Mark done once it is done.";
        var card = await records.CardAsync(owner, partnership, message, null, cancellationToken);
        var now = time.GetUtcNow();
        await outbox.EnqueueAsync(
        [
            new OutboxMessage
            {
                IdempotencyKey = prompt.Key + ":chat",
                Kind = OutboxKind.ChatCard,
                RecipientId = recommendation.OwnerId,
                Subject = $"Committee recommendation due: {partnership.Name}",
                Body = $"Committee recommendation due: {partnership.Name}",
                Payload = card,
                Topic = "partnership:" + partnership.Id,
                CreatedAt = now,
                NextAttemptAt = now,
            },
        ], cancellationToken);
    }
}
