using System.Text.Json.Nodes;
using PartnershipBot.Connector;
using PartnershipBot.Notifications;

namespace PartnershipBot.Tests.Notifications;

/// <summary>The outbox's pure rules: backoff, Retry-After, dead-lettering and what may be enqueued.</summary>
public sealed class OutboxRulesTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly NotificationsOptions Options = new()
    {
        MaxAttempts = 4,
        BaseRetryDelay = TimeSpan.FromSeconds(30),
        MaxRetryDelay = TimeSpan.FromMinutes(3),
    };

    private static readonly OutboxMessage Message = new()
    {
        IdempotencyKey = "k",
        Kind = OutboxKind.Email,
        RecipientId = "aad-bob",
        Subject = "s",
        CreatedAt = Now,
        NextAttemptAt = Now,
    };

    [Fact]
    public void RetryDelay_SuccessiveAttempts_DoublesUpToTheMaximum()
    {
        var delays = Enumerable.Range(1, 6).Select(n => OutboxRules.RetryDelay(n, null, Options).TotalSeconds);

        Assert.Equal([30, 60, 120, 180, 180, 180], delays);
    }

    [Fact]
    public void RetryDelay_RetryAfterLongerThanBackoff_WaitsForRetryAfterEvenBeyondTheMaximum()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), OutboxRules.RetryDelay(1, TimeSpan.FromMinutes(10), Options));
    }

    [Fact]
    public void RetryDelay_RetryAfterShorterThanBackoff_KeepsTheBackoff()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), OutboxRules.RetryDelay(2, TimeSpan.FromSeconds(5), Options));
    }

    [Fact]
    public void AfterAttempt_FailureBeforeTheLastAttempt_StaysPendingUntilTheRetryTime()
    {
        var after = OutboxRules.AfterAttempt(Message with { Attempts = 1 }, DeliveryResult.Failure("Graph returned 503"), Now, Options);

        Assert.Equal(OutboxStatus.Pending, after.Status);
        Assert.Equal(2, after.Attempts);
        Assert.Equal(Now.AddSeconds(60), after.NextAttemptAt);
        Assert.Equal("Graph returned 503", after.LastError);
    }

    [Fact]
    public void AfterAttempt_FailureOnTheLastAttempt_DeadLetters()
    {
        var after = OutboxRules.AfterAttempt(Message with { Attempts = 3 }, DeliveryResult.Failure("Graph returned 503"), Now, Options);

        Assert.Equal((OutboxStatus.DeadLettered, 4), (after.Status, after.Attempts));
    }

    [Fact]
    public void AfterAttempt_StillWaitingForTheChatOnTheLastAttempt_IsUnreachableNotDeadLettered()
    {
        var after = OutboxRules.AfterAttempt(Message with { Attempts = 3 }, DeliveryResult.WaitFor("waiting"), Now, Options);

        Assert.Equal(OutboxStatus.Unreachable, after.Status);
    }

    [Fact]
    public void AfterAttempt_SentChatCard_KeepsWhereItLandedAndClearsTheError()
    {
        var failedOnce = Message with { Kind = OutboxKind.ChatCard, Attempts = 1, LastError = "Bot Connector returned 502" };

        var after = OutboxRules.AfterAttempt(failedOnce, DeliveryResult.Delivered(new SentMessage("https://smba/", "a:conv", "act-1")), Now, Options);

        Assert.Equal(OutboxStatus.Sent, after.Status);
        Assert.Equal((Now, 2), (after.SentAt!.Value, after.Attempts));
        Assert.Equal(("https://smba/", "a:conv", "act-1"), (after.SentServiceUrl, after.SentConversationId, after.SentActivityId));
        Assert.Null(after.LastError);
    }

    [Fact]
    public void Problem_AttachmentsOverGraphsLimit_IsReported()
    {
        var big = Message with { Attachments = [new EmailAttachment("a.bin", "application/octet-stream", new byte[OutboxRules.MaxAttachmentBytes + 1])] };

        Assert.Contains("3 MB", OutboxRules.Problem(big));
        Assert.Null(OutboxRules.Problem(big with { Attachments = [new EmailAttachment("a.bin", "application/octet-stream", new byte[1000])] }));
    }

    [Fact]
    public void Problem_IncompleteMessages_AreReported()
    {
        Assert.NotNull(OutboxRules.Problem(Message with { IdempotencyKey = "" }));
        Assert.NotNull(OutboxRules.Problem(Message with { RecipientId = "" }));
        Assert.NotNull(OutboxRules.Problem(Message with { Kind = OutboxKind.ChatCard }));
        Assert.NotNull(OutboxRules.Problem(Message with { Kind = OutboxKind.ActivityFeed }));
        Assert.Null(OutboxRules.Problem(Message with { Kind = OutboxKind.ChatCard, Payload = new JsonObject() }));
    }

    [Fact]
    public void ShortRef_SameKey_IsStableEightHexCharacters()
    {
        Assert.Matches("^[0-9a-f]{8}$", OutboxRules.ShortRef("approval:S1:email:aad-bob"));
        Assert.Equal(OutboxRules.ShortRef("a"), OutboxRules.ShortRef("a"));
        Assert.NotEqual(OutboxRules.ShortRef("a"), OutboxRules.ShortRef("b"));
    }

    [Fact]
    public void RetryAfter_SecondsOrHttpDate_IsReadRelativeToNow()
    {
        IDictionary<string, IEnumerable<string>> Header(string value) => new Dictionary<string, IEnumerable<string>> { ["retry-after"] = [value] };

        Assert.Equal(TimeSpan.FromSeconds(120), DeliveryFailure.RetryAfter(Header("120"), Now));
        Assert.Equal(TimeSpan.FromMinutes(2), DeliveryFailure.RetryAfter(Header(Now.AddMinutes(2).ToString("R")), Now));
        Assert.Null(DeliveryFailure.RetryAfter(Header(Now.AddMinutes(-2).ToString("R")), Now));
        Assert.Null(DeliveryFailure.RetryAfter(new Dictionary<string, IEnumerable<string>>(), Now));
    }

    [Fact]
    public void ChainId_SameKey_IsStableAndPositive()
    {
        var id = ActivityFeedSender.ChainId("approval:S1:feed:aad-bob");

        Assert.True(id > 0);
        Assert.Equal(id, ActivityFeedSender.ChainId("approval:S1:feed:aad-bob"));
        Assert.NotEqual(id, ActivityFeedSender.ChainId("approval:S1:feed:aad-carol"));
    }

    [Fact]
    public void EmailSummary_TextWithMarkup_IsEncoded()
    {
        var html = EmailHtml.Summary("Riverside <Youth> Partnership", "Needs a decision", [("Lead", "Bob & Carol"), ("Risk", "High\nreview")], "Thanks");

        Assert.Equal(
            "<h2>Riverside &lt;Youth&gt; Partnership</h2><p>Needs a decision</p><table cellpadding=\"4\" style=\"border-collapse:collapse\">"
            + "<tr><th align=\"left\" valign=\"top\">Lead</th><td>Bob &amp; Carol</td></tr>"
            + "<tr><th align=\"left\" valign=\"top\">Risk</th><td>High<br>review</td></tr></table><p>Thanks</p>",
            html);
    }
}
