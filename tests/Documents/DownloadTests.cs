using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Cards;
using PartnershipBot.Documents;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Documents;

/// <summary>"Download as Word": one-use links, for readers only, through the real pipeline and a real LiteDB file.</summary>
public sealed class DownloadTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Download_SmtMemberOfASubmittedProposal_GetsTheWordPaperOnceWithEveryAnswer()
    {
        await using var bot = await StartAsync(time: new FakeTimeProvider(Start));
        var (_, id) = await SubmitAsync(bot.User("Alice"));

        var card = await bot.User("Sam").InvokeAsync(CardVerbs.DocumentDownload, Request("proposal", id));
        var url = DownloadUrl(card);
        Assert.Contains("Your Word document is ready", CardInspector.AllText(card));

        using var response = await bot.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WordDocument.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".docx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var docx = new Docx(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(docx.ValidationErrors());
        // The journey answered every text field "Answer for <field>": each one is in the paper.
        Assert.Contains("Answer for name", docx.AllText, StringComparison.Ordinal);
        Assert.Contains("Answer for mitigation", docx.AllText, StringComparison.Ordinal);

        using var again = await bot.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("expired or has been used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_PersonWhoIsNoReader_IsRefusedAndGetsNoLink()
    {
        // The other tenant may reach the bot, so the download's own tenant check is what is tested.
        await using var bot = await StartAsync(time: new FakeTimeProvider(Start), configure: o => o.Settings["Bot:AllowedTenantIds:1"] = "tenant-fabrikam");
        var (_, id) = await SubmitAsync(bot.User("Alice"));

        var sam = bot.User("Sam");
        var stranger = await bot.User("Mallory").InvokeAsync(CardVerbs.DocumentDownload, Request("proposal", id));
        var guessed = await sam.InvokeAsync(CardVerbs.DocumentDownload, Request("proposal", id + "x"));
        var unknownKind = await sam.InvokeAsync(CardVerbs.DocumentDownload, Request("payroll", id));
        // Sam's id from another tenant (a forwarded card, a look-alike account) is not Sam.
        var otherTenant = bot.User("Sam", "aad-sam");
        otherTenant.TenantId = "tenant-fabrikam";
        var forwarded = await otherTenant.InvokeRawAsync(CardVerbs.DocumentDownload, Request("proposal", id));

        foreach (var card in new[] { stranger, guessed, unknownKind })
        {
            Assert.Contains("Not allowed", CardInspector.AllText(card));
            Assert.DoesNotContain("/downloads/", card.ToJsonString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("/downloads/", forwarded.Body?.ToJsonString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_LinkUsedAfterItsLifetime_IsRefused()
    {
        var clock = new FakeTimeProvider(Start);
        await using var bot = await StartAsync(time: clock);
        var alice = bot.User("Alice");
        var (_, id) = await SubmitAsync(alice);
        var url = DownloadUrl(await alice.InvokeAsync(CardVerbs.DocumentDownload, Request("proposal", id)));

        clock.Advance(TimeSpan.FromMinutes(10));
        using var response = await bot.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Download_MadeUpOrTamperedLink_IsRefused()
    {
        await using var bot = await StartAsync(time: new FakeTimeProvider(Start));
        var alice = bot.User("Alice");
        var (_, id) = await SubmitAsync(alice);
        var url = DownloadUrl(await alice.InvokeAsync(CardVerbs.DocumentDownload, Request("proposal", id)));

        foreach (var bad in new[] { url[..^1] + (url[^1] == 'A' ? 'B' : 'A'), "/downloads/x", "/downloads/" + new string('A', 43) })
        {
            using var response = await bot.Client.GetAsync(bad);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // The real link still works: a wrong guess does not use it up.
        using var real = await bot.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
    }

    [Fact]
    public async Task Download_AuditCommitteeSummaryByThePpm_HasTheChartWithAltText()
    {
        await using var bot = await StartAsync(time: new FakeTimeProvider(Start));
        var pat = bot.User("Pat", PpmId);
        await pat.SayAsync("hello");
        var preparing = await pat.InvokeAsync(CardVerbs.DocumentDownload, Request("audit-committee", "2026"));
        var refused = await bot.User("Alice").InvokeAsync(CardVerbs.DocumentDownload, Request("audit-committee", "2026"));
        Assert.Contains("Not allowed", CardInspector.AllText(refused));

        // A whole year's report is made in the background and sent to the chat when ready (PaperDeliveryTests).
        Assert.Contains("Preparing your Word document", CardInspector.AllText(preparing));
        var card = (await MessageWithAsync(bot, pat, "Your Word document is ready")).Card!;
        using var response = await bot.Client.GetAsync(DownloadUrl(card));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var docx = new Docx(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(docx.ValidationErrors());
        Assert.Equal("Annual review of partnerships: summary for the Audit Committee: 2026", docx.Document.PackageProperties.Title);
        Assert.Contains("Coverage of the annual review", docx.Headings(1));
        // The seeded register of key partnerships is listed, one row each.
        Assert.Contains("Community Safety Partnership", docx.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadAsWord_OnTheSubmittedProposalPageAndAuditReportCards_GivesALinkThatWorks()
    {
        await using var bot = await StartAsync(time: new FakeTimeProvider(Start));
        var alice = bot.User("Alice");
        var (submitted, _) = await SubmitAsync(alice);
        var fromSubmitted = await alice.ClickAsync(submitted, "Download as Word");
        var page = await alice.ClickAsync(submitted, "Open the proposal");
        var fromPage = await alice.ClickAsync(page, "Download as Word");
        var pat = bot.User("Pat", PpmId);
        var report = (await pat.SayAsync("audit report 2026")).Card!;
        var fromReport = await pat.ClickAsync(report, "Download as Word");
        Assert.Contains("Preparing your Word document", CardInspector.AllText(fromReport));
        fromReport = (await MessageWithAsync(bot, pat, "Your Word document is ready")).Card!;

        foreach (var card in new[] { fromSubmitted, fromPage })
        {
            using var response = await bot.Client.GetAsync(DownloadUrl(card));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var docx = new Docx(await response.Content.ReadAsByteArrayAsync());
            Assert.Contains("Answer for name", docx.AllText, StringComparison.Ordinal);
        }

        using var summary = await bot.Client.GetAsync(DownloadUrl(fromReport));
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        using var paper = new Docx(await summary.Content.ReadAsByteArrayAsync());
        Assert.Contains("Audit Committee", paper.Document.PackageProperties.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_PaperSlowToMake_TurnAnswersAtOnceAndThePaperIsMadeOnlyWhenTheLinkIsOpened()
    {
        var slow = new SlowSource();
        await using var bot = await StartAsync(time: new FakeTimeProvider(Start),
            configure: o => o.Services = s => s.AddSingleton<PartnershipBot.Documents.Downloads.IDocumentSource>(slow));
        var card = await bot.User("Alice").InvokeAsync(CardVerbs.DocumentDownload, Request(SlowSource.SlowKind, "big"));

        // The turn minted the link without making the paper, however long it takes.
        Assert.False(slow.Started.Task.IsCompleted);
        var download = bot.Client.GetAsync(DownloadUrl(card));
        await slow.Started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        slow.Finish.SetResult();
        using var response = await download;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A paper that is made only when the test says so.</summary>
    private sealed class SlowSource : PartnershipBot.Documents.Downloads.IDocumentSource
    {
        public const string SlowKind = "slow-test";

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Kind => SlowKind;

        public Task<bool> MayReadAsync(PartnershipBot.Features.Partnerships.Caller caller, string subjectId, CancellationToken cancellationToken) => Task.FromResult(true);

        public async Task<PartnershipBot.Documents.Downloads.GeneratedDocument?> GenerateAsync(PartnershipBot.Features.Partnerships.Caller caller, string subjectId, CancellationToken cancellationToken)
        {
            Started.SetResult();
            await Finish.Task.WaitAsync(cancellationToken);
            return new PartnershipBot.Documents.Downloads.GeneratedDocument("big.docx", new WordDocument("Big").ToBytes());
        }
    }

    private static JsonObject Request(string kind, string subjectId) => new() { ["kind"] = kind, ["subjectId"] = subjectId };

    /// <summary>The path of the card's download button (the test client talks to the app directly).</summary>
    private static string DownloadUrl(JsonObject card)
    {
        var action = card["actions"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl")!;
        var url = new Uri(action["url"]!.GetValue<string>());
        Assert.StartsWith("/downloads/", url.AbsolutePath, StringComparison.Ordinal);
        return url.PathAndQuery;
    }
}
