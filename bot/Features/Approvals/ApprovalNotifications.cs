using System.Text.Json.Nodes;
using PartnershipBot.Documents;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Notifications;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// Builds the outbox messages of each approval step. Keys are deterministic (submission, proposal version,
/// stage, recipient), so a retried write never notifies anyone twice.
/// </summary>
internal sealed class ApprovalNotifications(ApprovalCards cards, QuestionnaireCatalog catalog, PaperTemplates papers)
{
    public const string ApprovalRequestedActivity = "approvalRequested";
    public const string ApprovalReminderActivity = "approvalReminder";

    public static string Topic(string submissionId) => "submission:" + submissionId;

    /// <summary>
    /// Approval cards (and activity feed entries) to everyone who may act now; e-mails when it first reaches SMT. A card
    /// that cannot be delivered tells the submitter, naming the person from <paramref name="names"/> (once per person per submission).
    /// </summary>
    public IReadOnlyList<OutboxMessage> ForStage(Submission s, Draft draft, string ppmId, IReadOnlyDictionary<string, string> names)
    {
        var stage = $"approval:{s.Id}:v{s.ProposalVersion}:{s.Status}";
        var messages = new List<OutboxMessage>();
        foreach (var recipient in ApprovalRules.ActorsNow(s, ppmId).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            messages.Add(new OutboxMessage
            {
                IdempotencyKey = $"{stage}:card:{recipient}",
                Kind = OutboxKind.ChatCard,
                RecipientId = recipient,
                Body = $"Approval needed: {s.Title}",
                Payload = cards.Request(s, draft, ppmId, recipient, names: names),
                Topic = Topic(s.Id),
                IfUnreachable = CouldNotReach(s, recipient, names.GetValueOrDefault(recipient) ?? ApprovalNames.Unnamed(recipient)),
            });
            messages.Add(new OutboxMessage
            {
                IdempotencyKey = $"{stage}:feed:{recipient}",
                Kind = OutboxKind.ActivityFeed,
                RecipientId = recipient,
                ActivityType = ApprovalRequestedActivity,
                Body = $"Approval needed: {s.Title}",
                Payload = new JsonObject { ["partnershipName"] = s.Title },
                Topic = Topic(s.Id),
            });
        }

        if (s.Status == SubmissionStatus.UnderReview)
        {
            // The PPM must be made aware so guidance can be given, and SMT informed (guidance 3.2, 4.1-4.2). The paper
            // goes with it as a Word document, made once for every recipient, when Graph can take it inline.
            var paper = Paper(s, draft);
            var body = EmailBody(s, draft) + (paper is null ? ProposalEmail.TooLargeToAttach : "");
            foreach (var recipient in new[] { ppmId }.Concat(s.SmtIds)
                .Where(id => id.Length > 0 && !string.Equals(id, s.Submitter.Id, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                messages.Add(new OutboxMessage
                {
                    IdempotencyKey = $"{stage}:mail:{recipient}",
                    Kind = OutboxKind.Email,
                    RecipientId = recipient,
                    Subject = $"New partnership proposal for approval: {s.Title}",
                    Body = body,
                    Attachments = paper is null ? [] : [paper],
                    Topic = Topic(s.Id),
                });
            }
        }

        return messages;
    }

    /// <summary>A reminder to one person who has still to decide: the approval card again, with a line saying how long it has waited, and a feed entry.</summary>
    public IReadOnlyList<OutboxMessage> Reminder(Submission s, Draft draft, string ppmId, string recipientId, int number, string promptKey)
    {
        var text = $"Reminder: approval needed: {s.Title}";
        var note = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Reminder {number}: this proposal has been waiting for your decision since {ApprovalCards.When(ApprovalReminders.WaitingSince(s))}.")
            + (s.DecisionNeededBy is { } due ? $" The submitter needs a decision by {DecisionDueDate.Text(due)}." : "");
        return
        [
            new OutboxMessage
            {
                IdempotencyKey = $"{promptKey}:card:{recipientId}",
                Kind = OutboxKind.ChatCard,
                RecipientId = recipientId,
                Body = text,
                Payload = cards.Request(s, draft, ppmId, recipientId, note),
                Topic = Topic(s.Id),
            },
            new OutboxMessage
            {
                IdempotencyKey = $"{promptKey}:feed:{recipientId}",
                Kind = OutboxKind.ActivityFeed,
                RecipientId = recipientId,
                ActivityType = ApprovalReminderActivity,
                Body = text,
                Payload = new JsonObject { ["partnershipName"] = s.Title },
                Topic = Topic(s.Id),
            },
        ];
    }

    /// <summary>The submitter's message with the decision and its comment.</summary>
    public OutboxMessage ToSubmitter(Submission s, DecisionRecord d, int decisionNumber)
    {
        var text = ApprovalCards.DecisionText(d.Kind) + $": {s.Title}."
            + (d.Comment is null ? "" : $" Comment from {d.By.Name}: {d.Comment}")
            + (s.Status == SubmissionStatus.ChangesRequested ? " Type \"reopen\" to edit your proposal and submit it again." : "")
            + (d.Kind == DecisionKind.NotTheDivisionalHead
                ? " Please name the right Divisional Head: choose them on this card (search the directory), or type \"divisional head\" followed by their sign-in address. The People and Policy Manager can help."
                : "");
        return new OutboxMessage
        {
            IdempotencyKey = $"approval:{s.Id}:v{s.ProposalVersion}:decision:{decisionNumber}:submitter",
            Kind = OutboxKind.ChatCard,
            RecipientId = s.Submitter.Id,
            Body = text,
            Payload = cards.Outcome(s, d),
            Topic = "submitter:" + s.Id,
        };
    }

    /// <summary>The submitter's message naming an approver whose card could not be delivered.</summary>
    private OutboxMessage CouldNotReach(Submission s, string recipientId, string name)
    {
        var text = $"{name} could not be reached in Teams (they have not installed PartnershipBot), so they have not seen the approval card for \"{s.Title}\". Please let them know it is waiting for them.";
        return new OutboxMessage
        {
            IdempotencyKey = $"approval:{s.Id}:unreachable:{recipientId}",
            Kind = OutboxKind.ChatCard,
            RecipientId = s.Submitter.Id,
            Body = text,
            Payload = cards.Error("Could not reach " + name, text),
            Topic = "submitter:" + s.Id,
        };
    }

    /// <summary>The proposal paper (.docx) to attach, or null when it is over Graph's inline attachment limit.</summary>
    private EmailAttachment? Paper(Submission s, Draft draft)
    {
        var bytes = ProposalPaper.Build(papers, catalog.Get(QuestionnaireIds.NewPartnership), s, draft, null);
        return bytes.Length <= EmailAttachment.MaxInlineBytes ? new EmailAttachment(ProposalPaper.FileName(s), WordDocument.ContentType, bytes) : null;
    }

    /// <summary>The whole proposal as HTML; the e-mail sender adds the link to the bot's chat.</summary>
    private string EmailBody(Submission s, Draft draft) =>
        ProposalEmail.Body(ProposalQueries.Build(s, draft, null, s.ProposalVersion, catalog.Get(QuestionnaireIds.NewPartnership)));
}
