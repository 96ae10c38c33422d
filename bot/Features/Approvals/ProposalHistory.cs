using System.Globalization;
using PartnershipBot.Cards.Views;
using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// A proposal's history as items for the History view: versions and state changes (from the audit trail), decisions
/// with their comments and assessment, comments, and every notification (card, feed entry, e-mail) with whom and when.
/// </summary>
internal static class ProposalHistory
{
    public static IReadOnlyList<ProposalItemView> Entries(Submission s, IReadOnlyList<OutboxMessage> sent, IReadOnlyDictionary<string, string> people)
    {
        var known = new Dictionary<string, string>(people, StringComparer.OrdinalIgnoreCase) { [s.Submitter.Id] = s.Submitter.Name };
        foreach (var by in s.Decisions.Select(d => d.By).Concat(s.Comments.Select(c => c.By)))
        {
            known[by.Id] = by.Name;
        }

        string Name(string id) => known.GetValueOrDefault(id) ?? ApprovalNames.Unnamed(id);
        var entries = new List<(DateTimeOffset At, int Order, string Label, string Text)>();
        var version = 0;
        foreach (var a in s.Audit)
        {
            // A decision's audit entry is shown with the decision (below), which carries its comment.
            if (s.Decisions.Any(d => d.At == a.At && string.Equals(d.By.Id, a.ById, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            version += a.What is "Submitted" or "Resubmitted" ? 1 : 0;
            var what = a.What is "Submitted" or "Resubmitted" ? $"{a.What}: version {version.ToString(CultureInfo.InvariantCulture)}" : a.What;
            entries.Add((a.At, 0, $"{what}, {ApprovalCards.When(a.At)}", $"{Name(a.ById)}; status {a.From?.ToString() ?? "new"} → {a.To}"));
        }

        foreach (var d in s.Decisions)
        {
            var detail = d.Assessment is { } assessment ? " " + assessment.Text() : "";
            entries.Add((d.At, 1, string.Create(CultureInfo.InvariantCulture, $"{ApprovalCards.DecisionText(d.Kind)} ({ApprovalCards.RoleText(d.Role)}), {ApprovalCards.When(d.At)}, version {d.ProposalVersion}"),
                d.By.Name + (d.Comment is null ? "" : ": " + d.Comment) + detail));
        }

        foreach (var c in s.Comments)
        {
            entries.Add((c.At, 2, $"Comment, {ApprovalCards.When(c.At)}", $"{c.By.Name}: {c.Text}"));
        }

        foreach (var m in sent)
        {
            var at = m.SentAt ?? m.CreatedAt;
            // Names and subjects are data: they go in the escaped text, never the label.
            entries.Add((at, 3, $"{Kind(m.Kind)}, {ApprovalCards.When(at)}", $"To {Name(m.RecipientId)}, {Status(m)}: {m.Subject ?? m.Body}"));
        }

        var items = new List<ProposalItemView>();
        string? heading = "History";
        foreach (var e in entries.OrderBy(e => e.At).ThenBy(e => e.Order))
        {
            items.Add(new ProposalItemView(heading, e.Label, null, e.Text));
            heading = null;
        }

        return items;
    }

    private static string Kind(OutboxKind kind) => kind switch
    {
        OutboxKind.ChatCard => "Teams message",
        OutboxKind.ActivityFeed => "Activity feed notice",
        OutboxKind.Email => "E-mail",
        _ => kind.ToString(),
    };

    private static string Status(OutboxMessage m) => m.Status switch
    {
        OutboxStatus.Sent => "delivered",
        OutboxStatus.Pending when m.Attempts > 0 => $"not yet delivered ({m.Attempts.ToString(CultureInfo.InvariantCulture)} attempts)",
        OutboxStatus.Pending => "waiting to be sent",
        _ => m.Status.ToString(),
    };
}
