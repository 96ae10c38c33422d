using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Notifications;
using PartnershipBot.Storage.PostgreSql;
using PartnershipBot.Tests.Harness;
using Xunit.Abstractions;

namespace PartnershipBot.Tests.Robustness;

/// <summary>
/// Three bot processes on one PostgreSQL database, every activity to the next instance in turn (a conversation's
/// turns land on all three), one instance SIGKILLed mid-load and restarted: nothing acknowledged is lost, nothing is
/// sent or answered twice, due prompts fire once, and two approvals at once on two instances make one decision.
/// </summary>
public sealed class MultiInstanceTests(ITestOutputHelper output)
{
    private const string Ppm = "aad-pat";
    private const string ReminderKind = "approval-reminder";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task ThreeInstances_OneKilledMidLoadAndRestarted_NothingLostNothingTwice()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Phase(string name) => output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {name}");
        await using var bots = await BotInstances.StartAsync(3, o =>
        {
            o.Settings["Register:RoleHolders:PPM"] = Ppm;
            o.Settings["Approvals:SmtUserIds:0"] = "aad-sam";
            o.Settings["Approvals:SmtUserIds:1"] = "aad-sue";
            o.Settings["Approvals:Rule"] = "AnyOne";
            o.Settings["Approvals:DivisionalHeadStage"] = "false";
            o.Settings["Graph:ServiceMailbox"] = "partnerships@council.example";
            o.Settings["Scheduler:Interval"] = "00:00:01";
            // Leases longer than any send or prompt takes on a loaded machine (a lease ending mid-send would let a second
            // instance send it too); the kill comes before anything is claimed, so no takeover is waited for.
            o.Settings["Notifications:LeaseDuration"] = "00:01:00";
            o.Settings["Scheduler:LeaseDuration"] = "00:01:00";
            o.Settings["Logging:LogLevel:Default"] = "Warning";
            o.Settings["Logging:LogLevel:PartnershipBot.Scheduling"] = "Information";
        });
        Phase("three instances healthy");
        var officers = Enumerable.Range(1, 6).Select(n => bots.User($"Officer{n}")).ToList();
        foreach (var (id, name) in officers.Select(o => (o.AadObjectId, o.Name)).Append((Ppm, "Pat")).Append(("aad-sam", "Sam")).Append(("aad-sue", "Sue")))
        {
            bots.Graph.AddUser(id, name, $"{id}@council.example");
        }

        // The approvers open the bot (their chats are where approval cards go): three turns, one per instance.
        var (pat, sam, sue) = (bots.User("Pat", Ppm), bots.User("Sam"), bots.User("Sue"));
        foreach (var approver in new[] { pat, sam, sue })
        {
            await approver.SayAsync("hello");
        }

        // Six officers answer and submit a proposal each, round-robin; instance 1 is killed a third of the way in.
        var acknowledged = new ConcurrentBag<string>();
        var load = Task.WhenAll(officers.Select(o => SubmitAsync(o, acknowledged)));
        var midLoad = bots.WhenPostedAsync(bots.Posted + 40);
        await Task.WhenAny(midLoad, load);
        Assert.False(load.IsCompleted, "The load finished (or failed) before the kill: " + (load.Exception?.ToString() ?? ""));
        bots.Kill(1);
        Phase($"instance 1 killed after {bots.Posted} activities");
        await bots.RestartAsync(1);
        Phase("instance 1 restarted");
        var submissionIds = await load.WaitAsync(Limit);
        Phase($"six proposals submitted, {bots.Posted} activities");

        // 0 acknowledged answers lost: every answer whose card came back is in the database.
        var drafts = string.Join('\n', StoredRecords.Texts(bots.ConnectionString, "SELECT doc::text FROM drafts"));
        Assert.True(acknowledged.Count > 50, $"Only {acknowledged.Count} answers were acknowledged.");
        Assert.DoesNotContain(acknowledged, token => !drafts.Contains(token, StringComparison.Ordinal));

        Phase($"{acknowledged.Count} acknowledged answers found in the database");
        await RedeliveredInvoke_OnTwoInstancesAtOnce_IsAnsweredOnceAsync(bots);
        await RedeliveredMessage_OnTwoInstancesAtOnce_IsRepliedToOnceAsync(bots);

        // Every due prompt fired exactly once: the first approval reminders (planned days ahead) brought forward to now.
        var reminders = StoredRecords.Texts(bots.ConnectionString, "SELECT key FROM due_prompts WHERE kind = $1 AND NOT done", ReminderKind);
        Assert.Equal(submissionIds.Length, reminders.Count);
        var now = DateTimeOffset.UtcNow;
        StoredRecords.Execute(bots.ConnectionString,
            "UPDATE due_prompts SET due_ticks = $1, doc = jsonb_set(doc, '{dueAt}', to_jsonb($2::text)) WHERE kind = $3 AND NOT done",
            now.UtcTicks, now.ToString("O"), ReminderKind);
        await BotInstances.UntilAsync(() => reminders.All(key => StoredRecords.Texts(bots.ConnectionString, "SELECT key FROM due_prompts WHERE key = $1 AND done", key).Count == 1),
            Limit, "the reminders brought forward to be handled");
        Phase($"{reminders.Count} reminders brought forward and handled");
        // The log line follows the commit through the console logger's queue and a pipe: wait for it before counting.
        List<string> Handled() => bots.Output.Where(line => line.Contains($"({ReminderKind}) handled", StringComparison.Ordinal)).ToList();
        await BotInstances.UntilAsync(() => reminders.All(key => Handled().Any(line => line.Contains($"Prompt {key} (", StringComparison.Ordinal))),
            Limit, "every handled reminder to be logged");
        var handled = Handled();
        Assert.All(reminders, key => Assert.Single(handled, line => line.Contains($"Prompt {key} (", StringComparison.Ordinal)));

        // Two approvers approve the same proposal at the same moment on two instances: one decision is recorded.
        await ConcurrentApprovals_OnTwoInstances_RecordOneDecisionAsync(bots, sam, sue, submissionIds[0]);

        // 0 notifications lost or sent twice: each one delivered, and the fakes saw each exactly once.
        await BotInstances.UntilAsync(() => StoredRecords.Outbox(bots.ConnectionString).All(m => m.Status != OutboxStatus.Pending), Limit, "the outbox to be sent");
        Phase("outbox sent");
        AssertEveryNotificationDeliveredOnce(bots, submissionIds);
        Assert.DoesNotContain(bots.Problems, p => p.StartsWith("fail:", StringComparison.Ordinal) || p.StartsWith("crit:", StringComparison.Ordinal));
    }

    /// <summary>Answers every question (text answers carry a token unique to the answer) and submits; returns the submission id.</summary>
    private static async Task<string> SubmitAsync(TeamsUser officer, ConcurrentBag<string> acknowledged)
    {
        var card = (await officer.SayAsync("new partnership")).Card!;
        var draftId = StepCard.DraftId(card);
        for (var guard = 0; StepCard.IsQuestion(card); guard++)
        {
            Assert.True(guard < 100, "The journey never reached the review.");
            var answers = StepCard.ValidAnswers(card);
            var tokens = new List<string>();
            foreach (var key in answers.Keys.Where(k => answers[k].StartsWith("Answer for ", StringComparison.Ordinal)).ToList())
            {
                var token = $"tok{officer.AadObjectId}x{StepCard.StepId(card)}x{key}x{guard}";
                answers[key] = $"Answer for {key} {token}";
                tokens.Add(token);
            }

            card = await officer.ClickAsync(card, "Next", answers);

            // A card saying it was out of date tells the officer nothing was changed: not an acknowledgement.
            if (!CardInspector.AllText(card).Contains("out of date", StringComparison.Ordinal))
            {
                tokens.ForEach(acknowledged.Add);
            }
        }

        Assert.Contains("NP-", CardInspector.AllText(await officer.ClickAsync(card, "Submit")));
        return draftId;
    }

    private static async Task RedeliveredInvoke_OnTwoInstancesAtOnce_IsAnsweredOnceAsync(BotInstances bots)
    {
        var officer = bots.User("Officer7");
        var card = (await officer.SayAsync("new partnership")).Card!;
        var draftId = StepCard.DraftId(card);
        var before = Draft(bots, draftId);
        var click = officer.Click(card, "Next", StepCard.ValidAnswers(card));

        var answers = await Task.WhenAll(new[] { 0, 2 }.Select(i => bots.SendToAsync(i, officer.Request(click.ToJsonString(), officer.ValidToken(click)))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(answers[0].Body, answers[1].Body);
        var after = Draft(bots, draftId);
        Assert.Equal(before.Revision + 1, after.Revision);
        Assert.Single(after.History, h => h.StepId == before.CurrentStepId);
    }

    private static async Task RedeliveredMessage_OnTwoInstancesAtOnce_IsRepliedToOnceAsync(BotInstances bots)
    {
        var officer = bots.User("Officer8");
        var message = officer.Message("help");

        var answers = await Task.WhenAll(new[] { 1, 2 }.Select(i => bots.SendToAsync(i, officer.Request(message.ToJsonString(), officer.ValidToken(message)))));

        // The bot replies before it answers the POST: once both are answered, every reply there will be is there.
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Single(bots.Connector.Calls, c => c.ConversationId == officer.ConversationId && c.ReplyToId == message["id"]!.GetValue<string>());
    }

    private static async Task ConcurrentApprovals_OnTwoInstances_RecordOneDecisionAsync(BotInstances bots, TeamsUser sam, TeamsUser sue, string submissionId)
    {
        await BotInstances.UntilAsync(() => ApprovalCards(bots, submissionId).Count == 2, Limit, "the approval cards to be delivered");
        var cards = ApprovalCards(bots, submissionId);
        var clicks = new[] { (User: sam, Instance: 0), (User: sue, Instance: 2) }
            .Select(c => (c.User, c.Instance, Activity: c.User.Click(cards[c.User.AadObjectId], "Approve"))).ToList();

        var answers = await Task.WhenAll(clicks.Select(c => bots.SendToAsync(c.Instance, c.User.Request(c.Activity.ToJsonString(), c.User.ValidToken(c.Activity)))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var stored = StoredRecords.Documents<Submission>(bots.ConnectionString, "SELECT doc::text FROM submissions WHERE id = $1", submissionId).Single();
        Assert.Equal(SubmissionStatus.Approved, stored.Status);
        Assert.Single(stored.Decisions);
        bool Told(OutboxMessage m) => m.RecipientId == stored.Submitter.Id && m.IdempotencyKey.Contains(":decision:", StringComparison.Ordinal);
        await BotInstances.UntilAsync(() => StoredRecords.Outbox(bots.ConnectionString).Any(Told), Limit, "the submitter to be told the decision");
        Assert.Single(StoredRecords.Outbox(bots.ConnectionString), Told);
    }

    /// <summary>Each SMT member's approval card for the submission, as delivered to their chat.</summary>
    private static Dictionary<string, JsonObject> ApprovalCards(BotInstances bots, string submissionId) =>
        StoredRecords.Outbox(bots.ConnectionString)
            .Where(m => m.Kind == OutboxKind.ChatCard && m.Status == OutboxStatus.Sent && m.Topic == ApprovalNotifications.Topic(submissionId)
                && m.RecipientId is "aad-sam" or "aad-sue" && !m.IdempotencyKey.StartsWith(ReminderKind, StringComparison.Ordinal))
            .GroupBy(m => m.RecipientId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.CreatedAt).First().Payload!);

    /// <summary>
    /// Every chat card marked sent is one "send" at the connector (by the activity id it got) and the connector got no
    /// other; every e-mail marked sent is one sendMail at Graph (by its client-request-id) and Graph got no other.
    /// </summary>
    private static void AssertEveryNotificationDeliveredOnce(BotInstances bots, string[] submissionIds)
    {
        var outbox = StoredRecords.Outbox(bots.ConnectionString);
        Assert.DoesNotContain(outbox, m => m.Status is OutboxStatus.DeadLettered or OutboxStatus.Unreachable);
        var cards = outbox.Where(m => m.Kind == OutboxKind.ChatCard && m.Status == OutboxStatus.Sent).ToList();
        var sends = bots.Connector.Calls.Where(c => c.Kind == "send").ToList();
        Assert.Equal(cards.Select(m => m.SentActivityId).Order(), sends.Select(c => c.ActivityId).Order());
        Assert.All(submissionIds, id => Assert.Contains(cards, m => m.Topic == ApprovalNotifications.Topic(id)));

        var mails = outbox.Where(m => m.Kind == OutboxKind.Email && m.Status == OutboxStatus.Sent).ToList();
        var sendMails = bots.Graph.Requests.Where(r => r.Path.EndsWith("/sendMail", StringComparison.Ordinal) && r.Status == 202).ToList();
        Assert.Equal(mails.Select(m => GraphAccess.RequestId(m.IdempotencyKey)).Order(), sendMails.Select(r => r.Headers["client-request-id"]).Order());
        Assert.Equal(submissionIds.Length * 3, mails.Count(m => m.Subject?.StartsWith("New partnership proposal for approval", StringComparison.Ordinal) == true));
    }

    private static Draft Draft(BotInstances bots, string id) =>
        StoredRecords.Documents<Draft>(bots.ConnectionString, $"SELECT {PostgreSqlDraftStore.Doc}::text FROM drafts d WHERE d.id = $1", id).Single();
}
