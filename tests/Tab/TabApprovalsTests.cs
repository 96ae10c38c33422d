using System.Net;
using System.Text.Json.Nodes;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Tests.Tab;

/// <summary>
/// Approvals waiting on the tab: what each caller sees is the approvals feature's own rule (ProposalQueries.MayRead),
/// and a closed proposal is not waiting.
/// </summary>
public sealed class TabApprovalsTests : IAsyncLifetime
{
    private TabBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TabBot.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private async Task SubmitAsync(string id, Actor by, SubmissionStatus status, string? divisionalHead, params string[] smt)
    {
        var at = TabBot.Now.AddDays(-10);
        var audit = new List<AuditEntry> { new(by.Id, at, null, SubmissionStatus.Submitted, "Submitted", null) };
        if (status != SubmissionStatus.Submitted)
        {
            audit.Add(new AuditEntry(by.Id, at.AddDays(2), SubmissionStatus.Submitted, status, "Moved on", null));
        }

        var submission = new Submission(id, "draft-" + id, 1, by, "Proposal " + id, status, divisionalHead, smt, [], [], audit, [], at, 0);
        Assert.True(await _bot.Harness.Get<ISubmissionStore>().TrySaveAsync(submission, [], [], CancellationToken.None));
    }

    private async Task<List<string>> WaitingIdsAsync(string oid)
    {
        using var response = await _bot.GetAsAsync("/api/tab/approvals", oid);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return json["waiting"]!.AsArray().Select(w => (string)w!["id"]!).ToList();
    }

    [Fact]
    public async Task Approvals_EachCallerSeesWhatMayReadAllows()
    {
        await SubmitAsync("s-hana", new Actor(TabBot.Hcs, "Hana"), SubmissionStatus.AwaitingDivisionalHead, "aad-dh");
        await SubmitAsync("s-other", new Actor("aad-chris", "Chris"), SubmissionStatus.UnderReview, null, TabBot.Smt);
        await SubmitAsync("s-done", new Actor(TabBot.Hcs, "Hana"), SubmissionStatus.Approved, null, TabBot.Smt);

        Assert.Equal(["s-hana", "s-other"], (await WaitingIdsAsync(TabBot.Ppm)).Order().ToList());
        Assert.Equal(["s-hana"], await WaitingIdsAsync(TabBot.Hcs));
        Assert.Equal(["s-other"], await WaitingIdsAsync(TabBot.Smt));
    }

    [Fact]
    public async Task Approvals_WaitingNamesWhoDecidesAndSince()
    {
        await SubmitAsync("s-other", new Actor("aad-chris", "Chris"), SubmissionStatus.UnderReview, null, TabBot.Smt);

        using var response = await _bot.GetAsAsync("/api/tab/approvals", TabBot.Ppm);
        var waiting = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["waiting"]!.AsArray().Single()!;

        Assert.Equal("Senior Management Team", (string)waiting["waitingFor"]!);
        Assert.Single(waiting["deciders"]!.AsArray());
        Assert.Equal(TabBot.Now.AddDays(-8), (DateTimeOffset)waiting["since"]!);
        Assert.Equal("Chris", (string)waiting["submittedBy"]!);
    }
}
