using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Cards;
using PartnershipBot.Documents;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Documents;

/// <summary>
/// Large papers are made in the background and sent when ready (issue 21): the turn answers "preparing" at once, the
/// outbox delivers a card with a one-use link once the paper exists; never made inside the turn.
/// </summary>
public sealed class PaperDeliveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static JsonObject Request(string kind, string subjectId) => new() { ["kind"] = kind, ["subjectId"] = subjectId };

    /// <summary>The path of a card's download link (the test client talks to the app directly).</summary>
    private static string DownloadUrl(JsonObject card)
    {
        var action = card["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl")!;
        var url = new Uri(action["url"]!.GetValue<string>());
        Assert.StartsWith("/downloads/", url.AbsolutePath, StringComparison.Ordinal);
        return url.PathAndQuery;
    }

    [Fact]
    public async Task DownloadAsWord_AuditCommitteeSummary_PreparingCardThenTheLinkArrivesInTheChat()
    {
        await using var bot = await StartAsync(time: new FakeTimeProvider(Start));
        var pat = bot.User("Pat", PpmId);
        var report = (await pat.SayAsync("audit report 2026")).Card!;

        var preparing = await pat.ClickAsync(report, "Download as Word");

        Assert.Contains("Preparing your Word document", CardInspector.AllText(preparing));
        Assert.DoesNotContain("/downloads/", preparing.ToJsonString(), StringComparison.Ordinal);
        var ready = (await MessageWithAsync(bot, pat, "Your Word document is ready")).Card!;
        Assert.Contains("prepared for you", CardInspector.AllText(ready));
        using var response = await bot.Client.GetAsync(DownloadUrl(ready));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var docx = new Docx(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(docx.ValidationErrors());
        Assert.Equal("Annual review of partnerships: summary for the Audit Committee: 2026", docx.Document.PackageProperties.Title);
        Assert.Contains("Community Safety Partnership", docx.AllText, StringComparison.Ordinal);
        using var again = await bot.Client.GetAsync(DownloadUrl(ready));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task DownloadAsWord_LargePaperSlowToMake_TurnAnswersFirstAndThePaperIsMadeOnceInTheBackground()
    {
        var large = new GatedLargeSource();
        await using var bot = await StartAsync(time: new FakeTimeProvider(Start), configure: o => o.Services = s => s.AddSingleton<IDocumentSource>(large));
        var alice = bot.User("Alice");
        await alice.SayAsync("hello");

        // The paper is held back until the test lets it finish: a turn that waited for it would never answer.
        var preparing = await alice.InvokeAsync(CardVerbs.DocumentDownload, Request(GatedLargeSource.LargeKind, "2026")).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("Preparing your Word document", CardInspector.AllText(preparing));
        Assert.False(large.Made.Task.IsCompleted);

        large.Finish.SetResult();
        var ready = (await MessageWithAsync(bot, alice, "Your Word document is ready")).Card!;
        using var response = await bot.Client.GetAsync(DownloadUrl(ready));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GatedLargeSource.Bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, large.Generated);
    }

    [Fact]
    public async Task DownloadAsWord_LargePaperForSomeoneWhoMayNotReadIt_RefusedAndNothingQueued()
    {
        await using var bot = await StartAsync(time: new FakeTimeProvider(Start));
        var alice = bot.User("Alice");

        var refused = await alice.InvokeAsync(CardVerbs.DocumentDownload, Request("audit-committee", "2026"));

        Assert.Contains("Not allowed", CardInspector.AllText(refused));
        Assert.DoesNotContain(Outbox(bot), m => m.RecipientId == alice.AadObjectId);
    }

    [Fact]
    public async Task Download_PreparedPaperWhoseOwnerMayNoLongerReadIt_Refused()
    {
        var large = new GatedLargeSource();
        large.Finish.SetResult();
        await using var bot = await StartAsync(time: new FakeTimeProvider(Start), configure: o => o.Services = s => s.AddSingleton<IDocumentSource>(large));
        var alice = bot.User("Alice");
        await alice.SayAsync("hello");
        await alice.InvokeAsync(CardVerbs.DocumentDownload, Request(GatedLargeSource.LargeKind, "2026"));
        var ready = (await MessageWithAsync(bot, alice, "Your Word document is ready")).Card!;

        large.Readable = false;
        using var response = await bot.Client.GetAsync(DownloadUrl(ready));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>A large paper made only when the test says so, counting how often it is made.</summary>
    private sealed class GatedLargeSource : IDocumentSource
    {
        public const string LargeKind = "large-test";

        public static readonly byte[] Bytes = new WordDocument("Large").ToBytes();

        private int _generated;

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Made { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Readable { get; set; } = true;

        public int Generated => Volatile.Read(ref _generated);

        public string Kind => LargeKind;

        public bool PreparedInBackground => true;

        public Task<bool> MayReadAsync(Caller caller, string subjectId, CancellationToken cancellationToken) => Task.FromResult(Readable);

        public async Task<GeneratedDocument?> GenerateAsync(Caller caller, string subjectId, CancellationToken cancellationToken)
        {
            await Finish.Task.WaitAsync(cancellationToken);
            Interlocked.Increment(ref _generated);
            Made.TrySetResult();
            return new GeneratedDocument("large.docx", Bytes);
        }
    }
}
