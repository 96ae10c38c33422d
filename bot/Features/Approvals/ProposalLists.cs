using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// "approvals" (what waits for my decision, oldest first), "my proposals" (the submitter's, with who has still to decide)
/// and a proposal's History view (issue 16.4). Who may see what is decided here from the turn's user, never the card.
/// </summary>
internal sealed class ProposalLists(
    ISubmissionStore submissions,
    ProposalQueries proposals,
    IOutbox outbox,
    ApprovalNames names,
    CardRenderer renderer,
    ApprovalCards cards,
    IOptions<RegisterOptions> register,
    IOptions<Hosting.BotOptions> bot)
{
    /// <summary>At most this many rows on a list card (each row is small; the card stays far under 40 KB), the rest counted.</summary>
    public const int MaxRows = 25;

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    private string Ppm => register.Value.PpmUserId;

    /// <summary>"approvals": every proposal waiting for the caller's decision, oldest first, with the due date and, under "All", who approved.</summary>
    public async Task ApprovalsCommandAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var mine = SameTenant(turn)
            ? (await submissions.ListWaitingAsync(cancellationToken))
                .Where(s => ApprovalReminders.Recipients(s, Ppm).Contains(turn.UserId, StringComparer.OrdinalIgnoreCase)
                    // A proposal with no Divisional Head named waits for the PPM too: only they can unstick it for the submitter.
                    || (s.Status == SubmissionStatus.Submitted && Ppm.Length > 0 && string.Equals(turn.UserId, Ppm, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(ApprovalReminders.WaitingSince).ToList()
            : [];
        await turn.SendCardAsync(await ListAsync("Waiting for your decision",
            mine.Count == 0 ? "Nothing is waiting for your decision." : "Oldest first. Your approval card for each is in this chat; Open the proposal to read it in full.",
            mine, cancellationToken), cancellationToken);
    }

    /// <summary>"my proposals": the caller's submissions, newest first, with their stage, who has still to decide and since when.</summary>
    public async Task MyProposalsCommandAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var mine = SameTenant(turn) ? await submissions.ListBySubmitterAsync(turn.UserId, cancellationToken) : [];
        await turn.SendCardAsync(await ListAsync("Your proposals",
            mine.Count == 0 ? "You have not submitted a new partnership proposal yet. Type \"new partnership\" to start one." : "Newest first.",
            mine, cancellationToken), cancellationToken);
    }

    /// <summary>The History view of one proposal: every state change, decision, comment and notification with who and when.</summary>
    public async Task<JsonObject> HistoryAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var id = action.GetString("submissionId") ?? action.GetString("approvalId") ?? "";
        var s = id.Length is > 0 and <= 64 ? await submissions.GetAsync(id, cancellationToken) : null;
        if (s is null)
        {
            return cards.Error("Not found", "That proposal does not exist.");
        }

        if (!proposals.MayRead(turn.Caller, s))
        {
            return cards.Error("Not allowed", ProposalHandler.NotAllowedText);
        }

        var sent = (await outbox.ByTopicAsync(ApprovalNotifications.Topic(s.Id), cancellationToken))
            .Concat(await outbox.ByTopicAsync("submitter:" + s.Id, cancellationToken)).ToList();
        var people = await names.NamesAsync(sent.Select(m => m.RecipientId).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), cancellationToken);
        var entries = ProposalHistory.Entries(s, sent, people);
        return renderer.Render(ProposalPages.HistoryPage(s, entries, action.GetInt("page") ?? 1));
    }

    private async Task<JsonObject> ListAsync(string title, string intro, IReadOnlyList<Submission> list, CancellationToken cancellationToken)
    {
        var shown = list.Take(MaxRows).ToList();
        var people = await names.NamesAsync(shown.SelectMany(s => ApprovalReminders.Recipients(s, Ppm)).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), cancellationToken);
        return renderer.Render(new ApprovalListView(
            title, intro, shown.Select(s => new ApprovalListRowView(s.Id, s.Title, Detail(s, people))).ToList(),
            list.Count > MaxRows ? $"{list.Count - MaxRows} more not shown." : null));
    }

    /// <summary>"NP-A1B2C3 · status (approved so far by ...) · still to decide: ... · waiting since ... · decision needed by ...".</summary>
    private string Detail(Submission s, IReadOnlyDictionary<string, string> people)
    {
        var parts = new List<string> { ApprovalCards.Reference(s.Id), ApprovalCards.StatusText(s) };
        if (ApprovalReminders.IsWaiting(s.Status))
        {
            var waiting = ApprovalReminders.Recipients(s, Ppm);
            if (waiting.Count > 0)
            {
                parts.Add("still to decide: " + string.Join(", ", waiting.Select(id => people.GetValueOrDefault(id) ?? ApprovalNames.Unnamed(id))));
            }

            parts.Add("waiting since " + ApprovalCards.When(ApprovalReminders.WaitingSince(s)));
        }

        if (s.DecisionNeededBy is { } due)
        {
            parts.Add("decision needed by " + UkDate.Day(due));
        }

        return string.Join(" · ", parts);
    }

    private bool SameTenant(TurnContext turn) =>
        bot.Value.MicrosoftAppTenantId is not { Length: > 0 } tenant || string.Equals(turn.TenantId, tenant, StringComparison.OrdinalIgnoreCase);
}
