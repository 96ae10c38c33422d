using System.Net;
using System.Text.Json.Nodes;
using PartnershipBot.Documents;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Tests.Documents;
using PartnershipBot.Tests.Features.Approvals;

namespace PartnershipBot.Tests.Tab;

/// <summary>
/// Everyone a proposal concerns may use the tab: a submitter or an approver with no role in the register sees their
/// own proposals and nothing else (the approvals feature's ProposalQueries decides), and downloads their papers.
/// </summary>
public sealed class TabProposalsTests : IAsyncLifetime
{
    private const string Olivia = "aad-olivia";
    private const string DivisionalHead = "aad-dh";

    private TabBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TabBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task<JsonNode> JsonAsync(string path, string oid)
    {
        using var response = await _bot.GetAsAsync(path, oid);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string oid)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _bot.Token(oid));
        return await _bot.Client.SendAsync(request);
    }

    private static List<string> Ids(JsonNode list, string property) => list[property]!.AsArray().Select(p => (string)p!["id"]!).ToList();

    /// <summary>Chris's proposal, waiting for the Divisional Head: neither Olivia's nor hers to decide.</summary>
    private async Task SeedOthersAsync()
    {
        var at = TabBot.Now.AddDays(-3);
        var other = new Submission("s-chris", "draft-s-chris", 1, new Actor("aad-chris", "Chris"), "Chris's compact", SubmissionStatus.AwaitingDivisionalHead,
            DivisionalHead, [], [], [], [new AuditEntry("aad-chris", at, null, SubmissionStatus.AwaitingDivisionalHead, "Submitted", null)], [], at, 0);
        Assert.True(await _bot.Harness.Get<ISubmissionStore>().TrySaveAsync(other, [], [], CancellationToken.None));
    }

    [Fact]
    public async Task Tab_SubmitterWithNoRole_SeesTheirProposalAndNothingElse()
    {
        var (_, mine) = await ApprovalScenario.SubmitAsync(_bot.Harness.User("Olivia", Olivia));
        await SeedOthersAsync();

        var me = await JsonAsync("/api/tab/me", Olivia);
        Assert.False((bool)me["hasRole"]!);
        Assert.Empty(me["roles"]!.AsArray());
        Assert.Equal([mine], Ids(await JsonAsync("/api/tab/proposals", Olivia), "proposals"));
        Assert.Equal([mine], Ids(await JsonAsync("/api/tab/approvals", Olivia), "waiting"));

        // The register is not hers: no partnership, no review due, no hallmark score.
        var register = await JsonAsync("/api/tab/register", Olivia);
        Assert.Equal((0, 0), (register["rows"]!.AsArray().Count, (int)register["visible"]!));
        Assert.Empty((await JsonAsync("/api/tab/due", Olivia))["rows"]!.AsArray());
        Assert.Empty((await JsonAsync("/api/tab/hallmarks", Olivia))["partnerships"]!.AsArray());

        // Another's id in the URL is refused, with nothing of it in the answer.
        foreach (var path in new[] { "/api/tab/partnerships/kp01", "/api/tab/hallmarks/kp01", "/api/tab/charts/hallmarks/kp01.svg" })
        {
            using var refused = await _bot.GetAsAsync(path, Olivia);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.DoesNotContain("Thames Gateway", await refused.Content.ReadAsStringAsync());
        }

        using var others = await PostAsync("/api/tab/documents/proposal?subject=s-chris", Olivia);
        Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
        Assert.DoesNotContain("/downloads/", await others.Content.ReadAsStringAsync());
        using var audit = await _bot.GetAsAsync("/api/tab/audit", Olivia);
        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);
    }

    [Fact]
    public async Task Documents_SubmitterWithNoRole_DownloadsTheirProposalPaperOnce()
    {
        var (_, mine) = await ApprovalScenario.SubmitAsync(_bot.Harness.User("Olivia", Olivia));

        var paper = (await JsonAsync("/api/tab/proposals", Olivia))["proposals"]![0]!["paper"]!;
        Assert.Equal(("proposal", mine), ((string)paper["kind"]!, (string)paper["subjectId"]!));
        using var linked = await PostAsync($"/api/tab/documents/proposal?subject={mine}", Olivia);
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var url = (string)JsonNode.Parse(await linked.Content.ReadAsStringAsync())!["url"]!;

        using var response = await _bot.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WordDocument.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var docx = new Docx(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(docx.ValidationErrors());
        Assert.Contains("Answer for name", docx.AllText, StringComparison.Ordinal);
        using var again = await _bot.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Tab_ApproverWithNoRole_SeesTheProposalForTheirDecisionOnly()
    {
        await SeedOthersAsync();

        Assert.Equal(["s-chris"], Ids(await JsonAsync("/api/tab/proposals", DivisionalHead), "proposals"));
        Assert.Equal(["s-chris"], Ids(await JsonAsync("/api/tab/approvals", DivisionalHead), "waiting"));
        Assert.Empty((await JsonAsync("/api/tab/register", DivisionalHead))["rows"]!.AsArray());
        Assert.Empty(Ids(await JsonAsync("/api/tab/proposals", TabBot.Hcs), "proposals"));
    }

    [Theory]
    [InlineData("payroll", "s-chris", HttpStatusCode.BadRequest)]
    [InlineData("audit-xlsx", "2027", HttpStatusCode.BadRequest)]
    [InlineData("proposal", "", HttpStatusCode.BadRequest)]
    [InlineData("audit-committee", "2027", HttpStatusCode.Forbidden)]
    [InlineData("review", "kp01/2026", HttpStatusCode.Forbidden)]
    public async Task Documents_NotAPaperOrNotTheirs_RefusedWithMessage(string kind, string subject, HttpStatusCode status)
    {
        await SeedOthersAsync();

        using var response = await PostAsync($"/api/tab/documents/{kind}?subject={Uri.EscapeDataString(subject)}", TabBot.Hcs);

        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.NotNull(JsonNode.Parse(body)!["error"]);
        Assert.DoesNotContain("/downloads/", body);
    }
}
