using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Features.Reviews;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Audit;

/// <summary>
/// The bot as a council runs it for the Audit &amp; Performance Management team's work: channel tokens, a fake Graph
/// directory (Alex and Ann on the A&amp;PM team by Register:RoleHolders:APM, Gail by the A&amp;PM group, Olu an officer
/// who owns recommendations), the register tab, a fake clock, the scheduler run by the test and a recording outbox.
/// Pat is the PPM, Hana the HCS lead officer (kp03 Community Safety), Sam SMT.
/// </summary>
internal sealed class ApmBot : IAsyncDisposable
{
    public const string Ppm = "aad-pat";
    public const string Hcs = "aad-hana";
    public const string Alex = "aad-alex";
    public const string Gail = "aad-gail";
    public const string Olu = "aad-olu";
    public const string ApmGroup = "6f1c9a52-0b7e-4c1d-9d7a-2f3b4c5d6e7f";
    public const string TabHost = "tab.partnerships.test";
    public const string CommunitySafety = "kp03";

    private ApmBot(BotHarness harness, FakeGraph graph, FakeTimeProvider clock, RecordingOutbox outbox)
    {
        Harness = harness;
        Graph = graph;
        Clock = clock;
        Outbox = outbox;
    }

    public BotHarness Harness { get; }
    public FakeGraph Graph { get; }
    public FakeTimeProvider Clock { get; }
    public RecordingOutbox Outbox { get; }
    public IPartnershipRegister Register => Harness.Get<IPartnershipRegister>();

    public static async Task<ApmBot> StartAsync(DateTimeOffset now, Action<HarnessOptions>? configure = null)
    {
        var graph = new FakeGraph { PageSize = 2 };
        await graph.StartAsync();
        graph.AddUser(Alex, "Alex Auditor", "alex@council.example");
        graph.AddUser("aad-ann", "Ann Auditor", "ann@council.example");
        graph.AddUser(Gail, "Gail Group", "gail@council.example");
        graph.AddUser(Olu, "Olu Owner", "olu@council.example");
        graph.AddUser(Hcs, "Hana Head", "hana@council.example");
        graph.AddUser(Ppm, "Pat Policy", "pat@council.example");
        graph.AddGroup(ApmGroup, "aad-grace", "aad-gus", Gail);
        var clock = new FakeTimeProvider(now);
        var outbox = new RecordingOutbox();
        try
        {
            var harness = await BotHarness.StartAsync(o =>
            {
                o.Time = clock;
                o.Settings["Graph:BaseUrl"] = graph.GraphBaseUrl;
                o.Settings["Tab:Host"] = TabHost;
                o.Settings["Register:RoleHolders:PPM"] = Ppm;
                o.Settings["Register:RoleHolders:HCS"] = Hcs;
                o.Settings["Register:RoleHolders:APM"] = $"{Alex}; aad-ann";
                o.Settings["Register:ApmGroupId"] = ApmGroup;
                o.Settings["Approvals:SmtUserIds:0"] = "aad-sam";
                o.Settings["Scheduler:RunInBackground"] = "false";
                o.Services = services =>
                {
                    services.RemoveAll<IOutbox>();
                    services.AddSingleton<IOutbox>(outbox);
                };
                configure?.Invoke(o);
            });
            return new ApmBot(harness, graph, clock, outbox);
        }
        catch
        {
            await graph.DisposeAsync();
            throw;
        }
    }

    public TeamsUser User(string name, string id) => Harness.User(name, id);

    public Task<int> RunSchedulerAsync() => Harness.Get<SchedulerService>().RunDueAsync(CancellationToken.None);

    /// <summary>The tab's API as a signed-in person (an SSO token from the fake Entra).</summary>
    public async Task<JsonNode> TabJsonAsync(string path, string oid)
    {
        var tid = Harness.Options.TenantId;
        var token = FakeEntra.SignToken(Harness.Entra.EntraKey("entra-key-1"), Harness.Entra.EntraIssuer(tid), $"api://{TabHost}/{Harness.Options.AppId}",
            new Dictionary<string, object> { ["oid"] = oid, ["tid"] = tid, ["name"] = "Officer", ["ver"] = "2.0", ["scp"] = "access_as_user" });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Harness.Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>
    /// A paper made in the background (the Audit Committee pack): the "preparing" answer queued a delivery in the
    /// recording outbox; this makes the card the dispatcher would send (PaperDelivery) and returns it.
    /// </summary>
    public Task<JsonObject> PreparedPaperAsync(JsonObject preparing) => PreparedPaperAsync(Harness, Outbox, preparing);

    /// <summary>The same for any harnessed bot with a recording outbox (the three-year acceptance test's).</summary>
    public static async Task<JsonObject> PreparedPaperAsync(BotHarness harness, RecordingOutbox outbox, JsonObject preparing)
    {
        Assert.Contains("Preparing your Word document", CardInspector.AllText(preparing));
        var request = outbox.Messages.Last(m => m.Topic?.StartsWith(PartnershipBot.Documents.Downloads.PaperDelivery.TopicPrefix, StringComparison.Ordinal) == true);
        return (await harness.Get<PartnershipBot.Documents.Downloads.PaperDelivery>().CurrentAsync(request, CancellationToken.None))!;
    }

    /// <summary>The path and query of the link on a "download ready" card.</summary>
    public static string DownloadPath(JsonObject card)
    {
        var action = card["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl")!;
        return new Uri(action["url"]!.GetValue<string>()).PathAndQuery;
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Graph.DisposeAsync();
    }
}
