using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>What an approved proposal's answers put in the register.</summary>
public sealed class ApprovedEntryTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Alice Green", "aad-alice", "Alice Green", "")]
    [InlineData("alice (Teams)", "aad-alice", "Alice Green", "")]
    [InlineData("", "aad-alice", "Alice Green", "")]
    [InlineData("Bob Brown", "", "Bob Brown", "")]
    [InlineData("Bob Brown, Head of Community Services", "", "Bob Brown, Head of Community Services", "HCS")]
    [InlineData("hpt", "", "hpt", "HPT")]
    public void From_LeadOfficerAnswer_LinksTheSubmitterOnlyWhenNamedAndARoleOnlyWhenGiven(string lead, string expectedId, string expectedName, string expectedRole)
    {
        var entry = ApprovedEntry.From(Submission(), Draft(lead), Decision());
        Assert.Equal((expectedId, expectedName, expectedRole), (entry.LeadOfficerId, entry.LeadOfficerName, entry.LeadRole));
    }

    [Fact]
    public void From_Answers_PartnersSplitAndStartDateParsed()
    {
        var entry = ApprovedEntry.From(Submission(), Draft("Alice Green"), Decision());
        Assert.Equal(["Police", "NHS Trust"], entry.Partners);
        Assert.Equal(new DateOnly(2026, 9, 1), entry.StartDate);
        Assert.Equal(("aad-sam", "Sam Senior"), (entry.ApprovedById, entry.ApprovedByName));
    }

    [Fact]
    public void From_QuestionnaireVersion2_PartnersFromTheAppendix3Answer()
    {
        var draft = Draft("Alice Green");
        var answers = draft.Answers.Where(a => a.Key != "proposed-partners").ToDictionary(a => a.Key, a => a.Value);
        answers["main-partners"] = new(new Dictionary<string, string> { ["answer"] = "Essex Police\nRochford Community Trust" }, [], false, 2,
            new Actor("aad-alice", "alice (Teams)"), At);

        var entry = ApprovedEntry.From(Submission(), draft with { Answers = answers }, Decision());

        Assert.Equal(["Essex Police", "Rochford Community Trust"], entry.Partners);
    }

    private static Submission Submission() => new("S1", "D1", 1, new Actor("aad-alice", "Alice Green"), "Youth Partnership",
        SubmissionStatus.Approved, null, ["aad-sam"], [Decision()], [], [], [], At, 3);

    private static DecisionRecord Decision() => new(new Actor("aad-sam", "Sam Senior"), ApproverRole.Smt, DecisionKind.Approve, null, At, null, 1);

    private static Draft Draft(string lead)
    {
        StepAnswer Answer(string field, string value) => new(new Dictionary<string, string> { [field] = value }, [], false, 1, new Actor("aad-alice", "alice (Teams)"), At);
        var answers = new Dictionary<string, StepAnswer>
        {
            ["lead-officer"] = Answer("leadOfficer", lead),
            ["proposed-partners"] = Answer("partners", "Police; NHS Trust"),
            ["start-date"] = Answer("startDate", "2026-09-01"),
        };
        return new Draft("D1", QuestionnaireIds.NewPartnership, 1, "aad-alice", "alice (Teams)", null, "Youth Partnership", DraftStatus.Submitted,
            QuestionnaireEngine.ReviewStepId, answers, [], 1, At, At, At);
    }
}
