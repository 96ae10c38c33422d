using System.Text;
using System.Text.Json.Nodes;
using PartnershipBot.Notifications;

namespace PartnershipBot.Tests.Notifications;

/// <summary>What the bot sends to Microsoft Graph, byte for byte where it matters.</summary>
public sealed class GraphRequestTests
{
    [Fact]
    public async Task Email_WithAttachment_PostsSendMailFromTheServiceMailboxToTheAddressFromGraph()
    {
        await using var bot = await GraphBot.StartAsync();
        var report = Encoding.UTF8.GetBytes("Partnership,Score\nRiverside,3\n");
        await bot.EnqueueAsync(GraphBot.Email("audit:2027:aad-bob", "aad-bob", "Annual partnership audit 2027", "<p>The audit report is attached.</p>") with
        {
            Attachments = [new EmailAttachment("audit-2027.csv", "text/csv", report)],
        });

        var lookup = Assert.Single(bot.Graph.Requests, r => r.Method == "GET" && r.Path == "/v1.0/users/aad-bob");
        Assert.Contains("$select=id,displayName,mail,userPrincipalName", Uri.UnescapeDataString(lookup.Query));

        var send = Assert.Single(bot.Graph.Succeeded("/sendMail"));
        Assert.Equal("POST", send.Method);
        Assert.Equal($"/v1.0/users/{GraphBot.ServiceMailbox}/sendMail", send.Path);
        Assert.StartsWith("Bearer ", send.Authorization);
        Assert.True(Guid.TryParse(send.Headers["client-request-id"], out _));

        // The sendMail action's parameters are capitalised in Graph's metadata, and the SDK sends them so.
        var body = send.Body!;
        Assert.Equal(["Message", "SaveToSentItems"], body.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.True(body["SaveToSentItems"]!.GetValue<bool>());
        var message = body["Message"]!.AsObject();
        Assert.Equal("Annual partnership audit 2027", message["subject"]!.GetValue<string>());
        Assert.Equal("html", message["body"]!["contentType"]!.GetValue<string>());
        var html = message["body"]!["content"]!.GetValue<string>();
        Assert.Contains("<p>The audit report is attached.</p>", html);
        Assert.Contains($"https://teams.microsoft.com/l/chat/0/0?users=28:{bot.Bot.Options.AppId}", html);

        var to = Assert.Single(message["toRecipients"]!.AsArray())!["emailAddress"]!;
        Assert.Equal("bob.jones@council.example", to["address"]!.GetValue<string>());
        Assert.Equal("Bob Jones", to["name"]!.GetValue<string>());

        var attachment = Assert.Single(message["attachments"]!.AsArray())!;
        Assert.Equal("#microsoft.graph.fileAttachment", attachment["@odata.type"]!.GetValue<string>());
        Assert.Equal("audit-2027.csv", attachment["name"]!.GetValue<string>());
        Assert.Equal("text/csv", attachment["contentType"]!.GetValue<string>());
        Assert.Equal(report, Convert.FromBase64String(attachment["contentBytes"]!.GetValue<string>()));

        var stored = await bot.FindAsync("audit:2027:aad-bob");
        Assert.Equal(OutboxStatus.Sent, stored.Status);
        Assert.Equal(1, stored.Attempts);
    }

    [Fact]
    public async Task Email_GraphToken_IsRequestedForGraphFromTheBotsTenant()
    {
        await using var bot = await GraphBot.StartAsync();
        await bot.EnqueueAsync(GraphBot.Email("e1", "aad-bob"));

        Assert.Single(bot.Graph.Succeeded("/sendMail"));
        var tokenRequest = Assert.Single(bot.Bot.Entra.TokenRequests, f => f["scope"].ToString().Contains("graph", StringComparison.Ordinal));
        Assert.Equal(GraphAccess.Scope, tokenRequest["scope"].ToString());
        Assert.Equal("client_credentials", tokenRequest["grant_type"].ToString());
        Assert.Equal(bot.Bot.Options.AppId, tokenRequest["client_id"].ToString());
    }

    [Fact]
    public async Task ActivityFeed_Configured_PostsTheNotificationWithTemplateParametersAndChatLink()
    {
        await using var bot = await GraphBot.StartAsync();
        await bot.EnqueueAsync(new OutboxMessage
        {
            IdempotencyKey = "approval:S1:feed:aad-carol",
            Kind = OutboxKind.ActivityFeed,
            RecipientId = "aad-carol",
            ActivityType = "approvalRequested",
            Subject = "Partnership approval",
            Body = "Riverside Youth Partnership needs your decision",
            Payload = new JsonObject { ["partnershipName"] = "Riverside Youth Partnership" },
        });

        var send = Assert.Single(bot.Graph.Succeeded("/sendActivityNotification"));
        Assert.Equal("/v1.0/users/aad-carol/teamwork/sendActivityNotification", send.Path);
        var body = send.Body!;
        Assert.Equal("approvalRequested", body["activityType"]!.GetValue<string>());
        Assert.Equal("text", body["topic"]!["source"]!.GetValue<string>());
        Assert.Equal("Partnership approval", body["topic"]!["value"]!.GetValue<string>());
        Assert.Equal($"https://teams.microsoft.com/l/chat/0/0?users=28:{bot.Bot.Options.AppId}", body["topic"]!["webUrl"]!.GetValue<string>());
        Assert.Equal("Riverside Youth Partnership needs your decision", body["previewText"]!["content"]!.GetValue<string>());
        var parameter = Assert.Single(body["templateParameters"]!.AsArray())!;
        Assert.Equal("partnershipName", parameter["name"]!.GetValue<string>());
        Assert.Equal("Riverside Youth Partnership", parameter["value"]!.GetValue<string>());
        Assert.Equal(GraphBot.TeamsAppId, body["teamsAppId"]!.GetValue<string>());
        Assert.Equal(ActivityFeedSender.ChainId("approval:S1:feed:aad-carol"), body["chainId"]!.GetValue<long>());
        Assert.Equal(OutboxStatus.Sent, (await bot.FindAsync("approval:S1:feed:aad-carol")).Status);
    }

    [Fact]
    public async Task ActivityFeed_NoTeamsAppId_IsSkippedWithoutCallingGraph()
    {
        await using var bot = await GraphBot.StartAsync(o => o.Settings["Graph:TeamsAppId"] = "");
        await bot.EnqueueAsync(new OutboxMessage
        {
            IdempotencyKey = "feed-1",
            Kind = OutboxKind.ActivityFeed,
            RecipientId = "aad-carol",
            ActivityType = "reviewDue",
        });

        var stored = await bot.FindAsync("feed-1");
        Assert.Equal(OutboxStatus.Skipped, stored.Status);
        Assert.Contains("Graph:TeamsAppId", stored.LastError);
        Assert.Empty(bot.Graph.Requests);
    }

    [Fact]
    public async Task Delivery_Logs_NeverShowAddressesSubjectsOrBodiesAboveDebug()
    {
        await using var bot = await GraphBot.StartAsync();
        bot.Graph.FailNext(503, pathContains: "/sendMail");
        await bot.EnqueueAsync(GraphBot.Email("e1", "aad-bob", "Secret subject line", "<p>Officer's confidential answer</p>"));
        await bot.AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(OutboxStatus.Sent, (await bot.FindAsync("e1")).Status);
        var visible = bot.Bot.Logs.Entries.Where(e => e.Level > Microsoft.Extensions.Logging.LogLevel.Debug).ToList();
        Assert.Contains(visible, e => e.Message.Contains("e1", StringComparison.Ordinal) && e.Message.Contains("failed", StringComparison.Ordinal));
        foreach (var secret in new[] { "bob.jones@council.example", GraphBot.ServiceMailbox, "Secret subject line", "confidential" })
        {
            Assert.DoesNotContain(visible, e => e.Message.Contains(secret, StringComparison.OrdinalIgnoreCase)
                || (e.Exception?.ToString().Contains(secret, StringComparison.OrdinalIgnoreCase) ?? false));
        }
    }
}
