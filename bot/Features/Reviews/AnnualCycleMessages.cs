using System.Globalization;
using Microsoft.Extensions.Options;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Reviews;

/// <summary>The outbox messages of the annual cycle: each person's digest (prompt, reminder, hand-over) and the PPM's overdue list.</summary>
internal sealed class AnnualCycleMessages(CardRenderer renderer, QuestionnaireCatalog catalog, IOptions<ReviewOptions> options)
{
    private readonly ReviewCalendar _calendar = ReviewCalendar.From(options.Value);

    public ReviewCalendar Calendar => _calendar;

    /// <summary>
    /// The recipient's name for the greeting: the directory's, else the name on record when they are the lead officer,
    /// else none. A directory that cannot be read never holds up a prompt.
    /// </summary>
    public static async Task<string> RecipientNameAsync(People.IPeopleDirectory people, IEnumerable<Partnership> partnerships, string recipientId, CancellationToken cancellationToken)
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

        return partnerships.FirstOrDefault(p => string.Equals(recipientId, p.LeadOfficerId, StringComparison.OrdinalIgnoreCase) && p.LeadOfficerName.Length > 0)?.LeadOfficerName ?? "";
    }

    public static string QuestionnaireFor(ReviewKind kind) =>
        kind == ReviewKind.ThreeYearReview ? QuestionnaireIds.ThreeYearReview : QuestionnaireIds.AnnualReturn;

    /// <summary>The date by which a cycle's review should be complete (the first reminder's day).</summary>
    public DateOnly CompleteBy(int cycle) => _calendar.PromptDate(cycle).AddDays(options.Value.ReminderAfterDays);

    /// <summary>The yearly digest: one chat card listing every review the person owes, and one activity-feed notice.</summary>
    public IReadOnlyList<OutboxMessage> Prompt(string key, string recipientId, string recipientName, int cycle, IReadOnlyList<DigestEntry> entries, DateTimeOffset now)
    {
        var title = $"Annual reviews {cycle}";
        var intro = $"Please complete the annual review of {Count(entries)} below by {Format(CompleteBy(cycle))} (sections 3.5, 3.6 and 4.3).";
        return
        [
            Chat(key + ":chat", recipientId, $"{title}: {Count(entries)}", DigestCard(recipientName, title, intro, cycle, entries), TopicOf(recipientId, cycle), now),
            new OutboxMessage
            {
                IdempotencyKey = key + ":feed",
                Kind = OutboxKind.ActivityFeed,
                RecipientId = recipientId,
                ActivityType = "reviewDue",
                Body = $"{title}: {Count(entries)} due",
                Payload = new() { ["reviewName"] = title, ["partnershipName"] = entries.Count == 1 ? entries[0].Partnership.Name : Count(entries) },
                Topic = TopicOf(recipientId, cycle),
                CreatedAt = now,
                NextAttemptAt = now,
            },
        ];
    }

    /// <summary>A reminder of what is still outstanding (one card whatever the number of partnerships).</summary>
    public OutboxMessage Reminder(string key, string recipientId, string recipientName, int cycle, IReadOnlyList<DigestEntry> entries, DateTimeOffset now)
    {
        var title = $"Reminder: annual reviews {cycle} still outstanding";
        var intro = $"{Count(entries, "is", "are")} still to complete; they were due by {Format(CompleteBy(cycle))}.";
        return Chat(key + ":chat", recipientId, $"{title}: {Count(entries)}", DigestCard(recipientName, title, intro, cycle, entries), TopicOf(recipientId, cycle), now);
    }

    /// <summary>Partnerships whose lead officer changed during the cycle: the new lead officer's prompt for them (one card).</summary>
    public OutboxMessage NewLead(string key, string recipientId, string recipientName, int cycle, IReadOnlyList<DigestEntry> entries, DateTimeOffset now)
    {
        var title = entries.Count == 1 ? $"Annual review {cycle}" : $"Annual reviews {cycle}";
        var intro = (entries.Count == 1
                ? $"You are now the lead officer of {entries[0].Partnership.Name}, so its {cycle} annual review is yours."
                : $"You are now the lead officer of the {Count(entries)} below, so their {cycle} annual reviews are yours.")
            + $" Please complete {(entries.Count == 1 ? "it" : "them")} by {Format(CompleteBy(cycle))}, or as soon as you can if that has passed.";
        return Chat(key + ":chat", recipientId, $"{title}: {Count(entries)}", DigestCard(recipientName, title, intro, cycle, entries), TopicOf(recipientId, cycle), now);
    }

    /// <summary>A review handed to someone during the cycle (a new lead officer, or a colleague delegated to): their prompt for it.</summary>
    public OutboxMessage HandedOver(string key, string recipientId, string recipientName, int cycle, DigestEntry entry, string why, DateTimeOffset now)
    {
        // The title is a TextBlock (Markdown): no officer-typed names in it; the partnership is named in the row.
        var title = $"Annual review {cycle}";
        var intro = $"{why} Please complete its annual review by {Format(CompleteBy(cycle))}, or as soon as you can if that has passed.";
        return Chat(key + ":chat", recipientId, $"{title}: {entry.Partnership.Name}", DigestCard(recipientName, title, intro, cycle, [entry]), TopicOf(recipientId, cycle), now);
    }

    /// <summary>The PPM's list of reviews overdue past the escalation point, naming each lead officer (section 4.3).</summary>
    public OutboxMessage Escalation(string key, string ppmId, int cycle, IReadOnlyList<(DigestEntry Entry, int Escalation)> overdue, DateTimeOffset now)
    {
        var title = $"Overdue: annual reviews {cycle}";
        var intro = $"{Count(overdue.Select(o => o.Entry).ToList(), "has", "have")} not completed the {cycle} annual review asked for on {Format(_calendar.PromptDate(cycle))} (section 4.3).";
        var items = overdue.Select(o => Item(o.Entry, cycle, forPpm: true) with
        {
            Note = $"Lead officer: {LeadOfficerText(o.Entry.Partnership)}. Escalation {o.Escalation} of {options.Value.MaxEscalations}.",
        }).ToList();
        var card = renderer.Render(new AnnualPromptView("", title, intro, cycle, [], [], items, CanSnooze: false));
        return Chat(key + ":chat", ppmId, $"{title}: {overdue.Count}", card, TopicOf(ppmId, cycle), now);
    }

    public static string LeadOfficerText(Partnership partnership) =>
        partnership.LeadOfficerName.Length > 0
            ? $"{partnership.LeadOfficerName} ({partnership.LeadRole})"
            : $"the {RoleCodes.TitleOf(partnership.LeadRole)} ({partnership.LeadRole})";

    public static string TopicOf(string personId, int cycle) => $"annual:{personId}:{cycle.ToString(CultureInfo.InvariantCulture)}";

    public static string Format(DateOnly date) => UkDate.Day(date);

    private System.Text.Json.Nodes.JsonObject DigestCard(string recipientName, string title, string intro, int cycle, IReadOnlyList<DigestEntry> entries)
    {
        // Every year the annual review; in a partnership's three-yearly year its questionnaire asks the 3.7 points as well.
        var annual = catalog.Get(QuestionnaireIds.AnnualReturn).Steps;
        var additional = entries.Any(e => e.Kind == ReviewKind.ThreeYearReview)
            ? catalog.Get(QuestionnaireIds.ThreeYearReview).Steps.Where(s => annual.All(a => a.Id != s.Id)).Select(s => s.Text).ToList()
            : [];
        // A person is greeted by name, never by a role title ("Hello Head of Community Services."): no name, no name.
        return renderer.Render(new AnnualPromptView(recipientName, title, intro, cycle, annual.Select(s => s.Text).ToList(), additional,
            entries.Select(e => Item(e, cycle, forPpm: false)).ToList(), CanSnooze: true));
    }

    private DigestItemView Item(DigestEntry e, int cycle, bool forPpm) => new(
        e.Partnership.Id,
        e.Partnership.Name,
        e.Kind == ReviewKind.ThreeYearReview ? "Annual review with the three-yearly points (section 3.7)" : "Annual review",
        "complete by " + Format(CompleteBy(cycle)),
        e switch
        {
            { AsLeadOfficer: false } => $"Delegated to you by {LeadOfficerText(e.Partnership)}, who stays accountable for it.",
            { Delegation: { } d } => $"Delegated to {d.ToName}, who may complete it; you stay accountable.",
            _ => "",
        },
        cycle,
        CanStart: !forPpm,
        CanHandOver: !forPpm && e.AsLeadOfficer);

    private static string Count(IReadOnlyList<DigestEntry> entries) => entries.Count == 1 ? "1 partnership" : $"{entries.Count} partnerships";

    private static string Count(IReadOnlyList<DigestEntry> entries, string one, string many) =>
        entries.Count == 1 ? $"1 partnership {one}" : $"{entries.Count} partnerships {many}";

    private static OutboxMessage Chat(string key, string recipientId, string text, System.Text.Json.Nodes.JsonObject card, string topic, DateTimeOffset now) =>
        OutboxMessage.ChatCard(key, recipientId, text, card, topic, now);
}
