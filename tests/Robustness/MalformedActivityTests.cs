using System.Net;
using System.Text.Json.Nodes;
using PartnershipBot.Bench.Bot;
using PartnershipBot.Bench.Play;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Robustness;

/// <summary>Cases the fuzzer found, kept as plain regression tests (development mode: no token vouches for the fields).</summary>
public sealed class MalformedActivityTests : IAsyncLifetime
{
    private BotHarness _bot = null!;
    private StubConnector _connector = null!;
    private HarnessChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _connector = new StubConnector();
        await _connector.StartAsync();
        _bot = await BotHarness.StartAsync(o => o.Authenticated = false);
        _channel = new HarnessChannel(_bot, _connector);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://connector.example/")]
    [InlineData("/relative/")]
    public async Task Post_ServiceUrlNotHttp_Returns400(string serviceUrl)
    {
        var message = new TeamsActivities(serviceUrl, "alice").Message("help");
        using var response = await _channel.PostAsync(message, CancellationToken.None);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("serviceUrl", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("from", "id")]
    [InlineData("from", "aadObjectId")]
    [InlineData("conversation", "id")]
    public async Task Post_IdOver512Characters_Returns400(string parent, string field)
    {
        var message = new TeamsActivities(_connector.ServiceUrl, "alice").Message("help");
        message[parent]![field] = new string('x', 513);
        using var response = await _channel.PostAsync(message, CancellationToken.None);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_EntraIdsLongTogether_Returns400AndTheBotStaysUp()
    {
        // Each under the 512 limit, but together they once made a conversation-reference key over LiteDB's 1 KB.
        var message = new TeamsActivities(_connector.ServiceUrl, "alice").Message("help");
        message["from"]!["aadObjectId"] = new string('a', 500);
        message["conversation"]!["tenantId"] = new string('t', 500);
        using var response = await _channel.PostAsync(message, CancellationToken.None);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Entra", await response.Content.ReadAsStringAsync());

        var alice = new TeamsActivities(_connector.ServiceUrl, "alice");
        var reply = await _channel.SayAsync(alice, alice.Message("help"), CancellationToken.None);
        Assert.True(reply.Succeeded, reply.Error);
    }

    [Fact]
    public async Task TypedAnswer_FarOverTheLimit_GetsTheQuestionAgainWithAMessage()
    {
        var alice = new TeamsActivities(_connector.ServiceUrl, "alice");
        var opened = await _channel.SayAsync(alice, alice.Message("new partnership"), CancellationToken.None);
        Assert.True(opened.Succeeded, opened.Error);

        var reply = await _channel.SayAsync(alice, alice.Message(new string('n', 100_000)), CancellationToken.None);

        Assert.True(reply.Succeeded, reply.Error);
        var card = reply.Card!.Value.GetRawText();
        Assert.Contains("What is the partnership called?", card);
        Assert.DoesNotContain("Something went wrong", card);
        Assert.InRange(card.Length, 1, 40_000);
    }

    [Fact]
    public async Task NumberAnswer_Infinite_IsRefusedWithTheQuestionAgain()
    {
        // The risk scores are numbers shown as a 1-5 choice: a crafted click can still send anything for them.
        var alice = new TeamsActivities(_connector.ServiceUrl, "alice");
        var player = new CardPlayer(1, 1);
        var journey = new Journey(_channel, alice, player);
        while (!(journey.Card?.GetRawText().Contains("\"likelihood\"", StringComparison.Ordinal) ?? false))
        {
            var turn = await journey.StepAsync(CancellationToken.None);
            Assert.True(turn.Succeeded && !journey.IsOver, turn.Error ?? "The journey ended before the risk scores.");
        }

        var click = player.Next(journey.Card!.Value)!;
        click.Data["likelihood"] = "1e309";
        click.Data["impact"] = "1e309";

        var outcome = await _channel.InvokeAsync(alice, alice.Invoke(click.Verb, click.Data), CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.DoesNotContain("Something went wrong", outcome.Card!.Value.GetRawText());
        Assert.Contains("Likelihood must be a whole number.", outcome.Card.Value.GetRawText());
        Assert.Equal(click.State, CardPlayer.StateOf(outcome.Card.Value));
    }
}
