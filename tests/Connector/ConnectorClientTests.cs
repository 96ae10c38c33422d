using PartnershipBot.Connector;
using PartnershipBot.Protocol;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Connector;

/// <summary>Outbound calls: Entra token cached, retries on Teams' retryable codes, token only to trusted service URLs.</summary>
public sealed class ConnectorClientTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 18, 10, 0, 0, TimeSpan.Zero);

    // The waits between attempts run on the bot's clock: retry tests let each one pass instead of waiting it out.
    private readonly TimerSignallingClock _clock = new(Start, shortWait: TimeSpan.FromSeconds(2));
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(o => o.Time = _clock);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Replies_CarryBearerTokenFromEntra_FetchedOnceAndCached()
    {
        var alice = _bot.User("Alice");
        var first = await alice.SayAsync("help");
        var second = await alice.SayAsync("help");
        Assert.StartsWith("Bearer ey", first.Authorization);
        Assert.Equal(first.Authorization, second.Authorization);
        var request = Assert.Single(_bot.Entra.TokenRequests);
        Assert.Equal("client_credentials", request["grant_type"].ToString());
        Assert.Equal("https://api.botframework.com/.default", request["scope"].ToString());
        Assert.Equal(_bot.Options.AppId, request["client_id"].ToString());
    }

    [Theory]
    [InlineData(429, "1")]
    [InlineData(412, null)]
    [InlineData(502, null)]
    [InlineData(504, null)]
    [InlineData(503, null)]
    public async Task Reply_RetryableFailure_IsRetriedAndDelivered(int status, string? retryAfter)
    {
        var alice = _bot.User("Alice");
        _bot.Connector.FailNext(status, times: 2, retryAfter);

        var saying = alice.SayAsync("help");
        await _clock.ElapseShortWaitsAsync(2);
        var reply = await saying;

        Assert.Contains("New partnership", reply.Shown);
        Assert.Single(_bot.Connector.Drain(alice.ConversationId).Concat([reply]));
    }

    [Fact]
    public async Task Reply_FailingTwiceThenDelivered_LogsOneLinePerRetryAndNoStackTrace()
    {
        var alice = _bot.User("Alice");
        _bot.Connector.FailNext(503, times: 2);

        var saying = alice.SayAsync("help");
        await _clock.ElapseShortWaitsAsync(2);
        await saying;

        var retries = _bot.Logs.Entries.Where(e => e.EventId == 2201).ToList();
        Assert.Equal(2, retries.Count);
        Assert.All(retries, r => Assert.Null(r.Exception));
        Assert.Contains("retry 1 of", retries[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_bot.Logs.Entries, e => e.Category.StartsWith("Polly", StringComparison.Ordinal) && e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task Reply_TooManyRequestsWithRetryAfter_WaitsOnTheBotsClockForTheGivenTime()
    {
        var alice = _bot.User("Alice");
        _bot.Connector.FailNext(429, times: 1, retryAfter: "1");

        var saying = alice.SayAsync("help");
        Assert.Equal(TimeSpan.FromSeconds(1), await _clock.NextShortWaitAsync());
        Assert.False(saying.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var reply = await saying;

        Assert.Contains("New partnership", reply.Shown);
    }

    [Fact]
    public async Task Send_ToServiceUrlNoActivityVouchedFor_IsRefusedWithoutSendingTheToken()
    {
        var connector = _bot.Get<ConnectorClient>();
        var activity = new Activity { Type = "message", Text = "hi" };
        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() =>
            connector.SendToConversationAsync("https://attacker.example.com/", "conv", activity, default));
        Assert.DoesNotContain(_bot.Connector.Calls, c => c.ConversationId == "conv");
    }

    [Fact]
    public async Task ProactiveCard_AfterRestartBeforeAnyNewActivity_GoesToTheStoredServiceUrlWithItsToken()
    {
        var alice = _bot.User("Alice");
        await alice.SayAsync("help");
        await _bot.RestartAsync();

        var sent = await _bot.Get<ProactiveMessenger>().SendCardAsync(alice.AadObjectId, new System.Text.Json.Nodes.JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5" }, "reminder", default);

        Assert.NotNull(sent);
        var call = await _bot.Connector.NextAsync(alice.ConversationId);
        Assert.Equal("AdaptiveCard", call.Card?["type"]?.GetValue<string>());
        Assert.StartsWith("Bearer ey", call.Authorization);
    }

    [Fact]
    public async Task Pacer_EighthSendInOneSecond_WaitsWhileOtherConversationsDoNot()
    {
        var pacer = _bot.Get<ConversationPacer>();
        var sends = Enumerable.Range(0, 7).Select(_ => pacer.WaitTurnAsync("busy", default).AsTask()).ToList();
        Assert.All(sends, s => Assert.True(s.IsCompletedSuccessfully));
        var eighth = pacer.WaitTurnAsync("busy", default).AsTask();
        Assert.False(eighth.IsCompleted);
        Assert.True(pacer.WaitTurnAsync("quiet", default).AsTask().IsCompletedSuccessfully);
        await eighth.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Logs_NeverContainTheAppSecretOrTokens()
    {
        var alice = _bot.User("Alice");
        var reply = await alice.SayAsync("help");
        var token = reply.Authorization["Bearer ".Length..];
        Assert.DoesNotContain(_bot.Logs.Entries, e => e.Message.Contains("test-secret-value-do-not-log") || e.Message.Contains(token));
    }
}
