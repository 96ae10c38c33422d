using PartnershipBot.Features.Approvals;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>Issue 16.3: the Divisional Head's s.4.1 assessment, carried through to SMT and to the Executive's decision.</summary>
public sealed class DivisionalHeadAssessmentTests
{
    [Fact]
    public async Task Endorse_WithAssessmentAndReportToExecutive_SmtSeesIt_RefersAndPpmRecordsTheExecutiveDecision()
    {
        await using var graph = new FakeGraph();
        await graph.StartAsync();
        graph.AddUser("aad-dana", "Dana", "dana@council.example");
        graph.SetManager("aad-alice", "aad-dana");
        await using var bot = await StartAsync(divisionalHead: true, configure: o => o.Settings["Graph:BaseUrl"] = graph.GraphBaseUrl);
        var (_, id) = await SubmitAsync(bot.User("Alice"));
        var dana = bot.User("Dana");

        // Endorsing without the assessment is refused, and nothing changes.
        var danaCard = CardFor(bot, "aad-dana");
        var incomplete = await dana.ClickAsync(danaCard, "Endorse", new Dictionary<string, string> { ["aimsFit"] = "contributes" });
        Assert.Contains(DivisionalHeadAssessment.Incomplete, CardInspector.AllText(incomplete));
        Assert.Equal(SubmissionStatus.AwaitingDivisionalHead, (await StoredAsync(bot, id))!.Status);

        var assessment = Assessment;
        assessment["aimsFit"] = "complements";
        assessment["aimsReasoning"] = "Fills the gap in after-school sport";
        assessment["conclusions"] = "Endorsed subject to the exit costs being agreed";
        assessment["reportToExecutive"] = "true";
        await dana.ClickAsync(incomplete, "Endorse", assessment);
        var endorsed = (await StoredAsync(bot, id))!;
        Assert.Equal(SubmissionStatus.UnderReview, endorsed.Status);
        Assert.Equal(new DivisionalHeadAssessment(AimsFit.Complements, "Fills the gap in after-school sport", "Endorsed subject to the exit costs being agreed", true),
            endorsed.Decisions.Single().Assessment);
        Assert.Contains(endorsed.Audit, a => a.What.Contains("assessment: Complements; report to the Executive: yes", StringComparison.Ordinal) && a.ById == "aad-dana");

        // SMT's card shows the assessment and the recommendation; so does the proposal view.
        var sam = bot.User("Sam");
        var samCard = CardFor(bot, "aad-sam");
        var samText = CardInspector.AllText(samCard);
        Assert.Contains("Likely to complement the work of the Authority", samText);
        Assert.Contains("Fills the gap in after-school sport", samText);
        Assert.Contains("Endorsed subject to the exit costs being agreed", samText);
        Assert.Contains("recommends reporting this proposal to the Executive", samText);
        var page = await sam.ClickAsync(samCard, "Open the proposal");
        var pages = CardInspector.AllText(page);
        for (var guard = 0; CardInspector.FindExecuteAction(page, "Next page") is not null && guard < 50; guard++)
        {
            page = await sam.ClickAsync(page, "Next page");
            pages += "\n" + CardInspector.AllText(page);
        }

        Assert.Contains("Fills the gap in after-school sport", pages);

        await sam.ClickAsync(samCard, "Refer to Executive", new Dictionary<string, string> { ["comment"] = "As the Divisional Head recommends" });
        Assert.Equal(SubmissionStatus.ReferredToExecutive, (await StoredAsync(bot, id))!.Status);
        var done = await bot.User("Pat").ClickAsync(CardFor(bot, PpmId), "Record the Executive's decision",
            new Dictionary<string, string> { ["executiveDecision"] = "approved", ["meetingDate"] = "2026-12-10" });
        Assert.Contains("Approved by the Executive at its meeting on 10 December 2026", CardInspector.AllText(done));
        var final = (await StoredAsync(bot, id))!;
        Assert.Equal([DecisionKind.Endorse, DecisionKind.ReferToExecutive, DecisionKind.ExecutiveApproved], final.Decisions.Select(d => d.Kind));
    }
}
