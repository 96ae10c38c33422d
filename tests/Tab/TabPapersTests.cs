using System.Net;
using System.Text.Json.Nodes;
using PartnershipBot.Features.Register;
using PartnershipBot.Tests.Documents;
using PartnershipBot.Tests.Features.Approvals;

namespace PartnershipBot.Tests.Tab;

/// <summary>
/// The Word papers on the tab's partnership and Audit Committee pages: listed only when the paper's own read rule
/// allows (the download service's sources), downloaded through the same one-use links as from a card.
/// </summary>
public sealed class TabPapersTests : IAsyncLifetime
{
    private TabBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TabBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<JsonNode> JsonAsync(string path, string oid)
    {
        using var response = await _bot.GetAsAsync(path, oid);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<HttpResponseMessage> LinkAsync(string kind, string subject, string oid)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tab/documents/{kind}?subject={Uri.EscapeDataString(subject)}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _bot.Token(oid));
        return await _bot.Client.SendAsync(request);
    }

    private async Task<Docx> DownloadAsync(string kind, string subject, string oid)
    {
        using var linked = await LinkAsync(kind, subject, oid);
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        using var response = await _bot.Client.GetAsync((string)JsonNode.Parse(await linked.Content.ReadAsStringAsync())!["url"]!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Docx(await response.Content.ReadAsByteArrayAsync());
    }

    private static List<(string Kind, string Subject, string Title)> Papers(JsonNode page) =>
        page["documents"]!.AsArray().Select(d => ((string)d!["kind"]!, (string)d["subjectId"]!, (string)d["title"]!)).ToList();

    [Fact]
    public async Task Partnership_LeadOfficer_ReviewReportsByYearNewestFirstAndEachDownloads()
    {
        await _bot.ReviewAsync("kp03", 2025);
        await _bot.ReviewAsync("kp03", 2026);

        var page = await JsonAsync("/api/tab/partnerships/kp03", TabBot.Hcs);

        Assert.Equal(
            [("review", "kp03/2026", "Annual return 2026: report to SMT"), ("review", "kp03/2025", "Annual return 2025: report to SMT")],
            Papers(page));
        Assert.Empty(page["committeeComments"]!.AsArray());
        using var paper = await DownloadAsync("review", "kp03/2026", TabBot.Hcs);
        Assert.Empty(paper.ValidationErrors());
        Assert.Contains("Still needed in 2026.", paper.AllText, StringComparison.Ordinal);
        Assert.Contains("2026", paper.AllText, StringComparison.Ordinal);
        // SMT, to whom reviews are reported, have the same papers.
        Assert.Equal(Papers(page), Papers(await JsonAsync("/api/tab/partnerships/kp03", TabBot.Smt)));
    }

    [Fact]
    public async Task Documents_LeadOfficerAsksForAnotherPartnershipsReview_Refused()
    {
        await _bot.ReviewAsync("kp01", 2026, "aad-chris", "Chris");

        using var refused = await LinkAsync("review", "kp01/2026", TabBot.Hcs);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("/downloads/", await refused.Content.ReadAsStringAsync());
        using var ppm = await LinkAsync("review", "kp01/2026", TabBot.Ppm);
        Assert.Equal(HttpStatusCode.OK, ppm.StatusCode);
    }

    [Fact]
    public async Task Partnership_FromAnApprovedProposal_ProposalPaperOnlyForThoseWhoMayReadIt()
    {
        var (_, submission) = await ApprovalScenario.SubmitAsync(_bot.Harness.User("Olivia", "aad-olivia"));
        var entry = await _bot.Register.AddApprovedAsync(
            new ApprovedPartnership(submission, "Youth Compact", TabBot.Hcs, "Hana", "HCS", ["Youth Trust"], "Youth work", TabBot.Ppm, "Pat", DateOnly.FromDateTime(TabBot.Now.Date)),
            CancellationToken.None);

        var ppm = Papers(await JsonAsync($"/api/tab/partnerships/{entry.Id}", TabBot.Ppm));
        var (kind, subject, title) = Assert.Single(ppm);
        Assert.Equal(("proposal", submission), (kind, subject));
        Assert.StartsWith("New-partnership proposal ", title, StringComparison.Ordinal);
        using var paper = await DownloadAsync(kind, subject, TabBot.Ppm);
        Assert.Contains("Answer for name", paper.AllText, StringComparison.Ordinal);

        // Hana leads it but neither submitted nor decided the proposal: the approvals feature's rule keeps it from her.
        Assert.Empty(Papers(await JsonAsync($"/api/tab/partnerships/{entry.Id}", TabBot.Hcs)));
    }

    [Fact]
    public async Task Audit_Ppm_OffersTheAuditCommitteeSummaryAsWord()
    {
        var audit = await JsonAsync("/api/tab/audit?year=2026", TabBot.Ppm);

        var paper = Assert.Single(audit["papers"]!.AsArray())!;
        Assert.Equal(("audit-committee", "2026"), ((string)paper["kind"]!, (string)paper["subjectId"]!));
        using var docx = await DownloadAsync("audit-committee", "2026", TabBot.Ppm);
        Assert.Empty(docx.ValidationErrors());
        Assert.Contains("Community Safety Partnership", docx.AllText, StringComparison.Ordinal);
    }
}
