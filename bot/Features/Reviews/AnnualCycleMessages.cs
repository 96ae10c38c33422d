using System.Globalization;
using Microsoft.Extensions.Options;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Reviews;

/// <summary>The outbox messages of the annual cycle: prompt, reminder (lead officer) and escalation (PPM).</summary>
internal sealed class AnnualCycleMessages(CardRenderer renderer, QuestionnaireCatalog catalog, IOptions<ReviewOptions> options)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private readonly ReviewCalendar _calendar = ReviewCalendar.From(options.Value);

    public ReviewCalendar Calendar => _calendar;

    /// <summary>
    /// The recipient's name for the greeting: the directory's, else the name on record when they are the lead officer,
    /// else none. A directory that cannot be read never holds up a prompt.
    /// </summary>
    public static async Task<string> RecipientNameAsync(People.IPeopleDirectory people, Partnership partnership, string recipientId, CancellationToken cancellationToken)
    {
        try
        {
            if (await people.GetPersonAsync(recipientId, cancellationToken) is { DisplayName.Length: > 0 } person)
            {
                return person.DisplayName;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Falls back below; the directory's failure is logged by the directory itself.
        }

        return string.Equals(recipientId, partnership.LeadOfficerId, StringComparison.OrdinalIgnoreCase) ? partnership.LeadOfficerName : "";
    }

    public static string QuestionnaireFor(ReviewKind kind) =>
        kind == ReviewKind.ThreeYearReview ? QuestionnaireIds.ThreeYearReview : QuestionnaireIds.AnnualReturn;

    /// <summary>The yearly prompt to the lead officer: a chat card with Start, and an activity-feed notice.</summary>
    public IReadOnlyList<OutboxMessage> Prompt(string key, Partnership partnership, string recipientId, string recipientName, ReviewKind kind, int cycle, DateTimeOffset now)
    {
        var title = AnnualCycle.Title(kind, cycle);
        var completeBy = _calendar.PromptDate(cycle).AddDays(options.Value.ReminderAfterDays);
        var card = PromptCard(partnership, recipientName, kind, title, UkDate.Day(completeBy));
        return
        [
            Chat(key + ":chat", recipientId, $"{title}: {partnership.Name}", card, partnership.Id, now),
            new OutboxMessage
            {
                IdempotencyKey = key + ":feed",
                Kind = OutboxKind.ActivityFeed,
                RecipientId = recipientId,
                ActivityType = "reviewDue",
                Body = $"{title} is due for {partnership.Name}",
                Payload = new() { ["reviewName"] = title, ["partnershipName"] = partnership.Name },
                Topic = "partnership:" + partnership.Id,
                CreatedAt = now,
                NextAttemptAt = now,
            },
        ];
    }

    /// <summary>A reminder to the lead officer, the same card with a reminder title.</summary>
    public OutboxMessage Reminder(string key, Partnership partnership, string recipientId, string recipientName, ReviewKind kind, int cycle, int n, DateTimeOffset now)
    {
        var title = $"Reminder {n}: {AnnualCycle.Title(kind, cycle)}";
        var card = PromptCard(partnership, recipientName, kind, title, "as soon as you can: it was due on " + UkDate.Day(_calendar.PromptDate(cycle).AddDays(options.Value.ReminderAfterDays)));
        return Chat(key + ":chat", recipientId, $"{title}: {partnership.Name}", card, partnership.Id, now);
    }

    /// <summary>An escalation to the PPM naming the partnership and its lead officer.</summary>
    public OutboxMessage Escalation(string key, Partnership partnership, string ppmId, ReviewKind kind, int cycle, int n, DateTimeOffset now)
    {
        var title = $"Overdue: {AnnualCycle.Title(kind, cycle)}";
        var lead = LeadOfficerText(partnership);
        var message = $"{partnership.Name}: the lead officer, {lead}, was asked on {UkDate.Day(_calendar.PromptDate(cycle))} "
            + $"and has not yet completed the {ReviewSchedule.KindTitle(kind).ToLowerInvariant()}. This is escalation {n} of {options.Value.MaxEscalations} (section 4.3).";
        return Chat(key + ":chat", ppmId, $"{title}: {partnership.Name}", renderer.Render(new ErrorView(title, message)), partnership.Id, now);
    }

    public static string LeadOfficerText(Partnership partnership) =>
        partnership.LeadOfficerName.Length > 0
            ? $"{partnership.LeadOfficerName} ({partnership.LeadRole})"
            : $"the {RoleCodes.TitleOf(partnership.LeadRole)} ({partnership.LeadRole})";

    private System.Text.Json.Nodes.JsonObject PromptCard(Partnership partnership, string recipientName, ReviewKind kind, string title, string dueText)
    {
        // Every year the annual return; in the three-yearly year its questionnaire asks the 3.7 points as well.
        var annual = catalog.Get(QuestionnaireIds.AnnualReturn).Steps;
        var requested = annual.Select(s => s.Text).ToList();
        var additional = kind == ReviewKind.ThreeYearReview
            ? catalog.Get(QuestionnaireIds.ThreeYearReview).Steps.Where(s => annual.All(a => a.Id != s.Id)).Select(s => s.Text).ToList()
            : [];
        // A person is greeted by name, never by a role title ("Hello Head of Community Services."): no name, no name.
        return renderer.Render(new AnnualPromptView(partnership.Id, partnership.Name, recipientName, kind.ToString(), title, dueText, requested, additional));
    }

    private static OutboxMessage Chat(string key, string recipientId, string text, System.Text.Json.Nodes.JsonObject card, string partnershipId, DateTimeOffset now) => new()
    {
        IdempotencyKey = key,
        Kind = OutboxKind.ChatCard,
        RecipientId = recipientId,
        Subject = text,
        Body = text,
        Payload = card,
        Topic = "partnership:" + partnershipId,
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
