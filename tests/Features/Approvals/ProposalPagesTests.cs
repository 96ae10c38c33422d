using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PartnershipBot.Cards;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Approvals;

/// <summary>The proposal as records and card pages, pure: grouping, "Not answered", changes, and the 40 KB limit with worst-case text.</summary>
public sealed class ProposalPagesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Alice = new("aad-alice", "Alice");
    private static readonly QuestionnaireDefinition Definition =
        QuestionnaireCatalog.Load(Path.Combine(RepoRoot.Find(), "bot", "Questionnaires")).Get(QuestionnaireIds.NewPartnership);

    private static Draft DraftWith(string id, Func<StepDefinition, FieldDefinition, string> value, int risks)
    {
        var answers = new Dictionary<string, StepAnswer>();
        foreach (var step in Definition.Steps)
        {
            if (step.Repeatable)
            {
                var items = Enumerable.Range(0, risks).Select(_ => (IReadOnlyDictionary<string, string>)step.Fields.ToDictionary(
                    f => f.Id, f => f.Kind == FieldKind.Number ? "5" : value(step, f))).ToList();
                answers[step.Id] = new StepAnswer(new Dictionary<string, string>(), items, false, 1, Alice, Now);
                continue;
            }

            var fields = step.Fields.ToDictionary(f => f.Id, f => f.Kind switch
            {
                FieldKind.Choice when f.Id == "applicability" => "Applies",
                FieldKind.Choice => f.Choices[^1],
                FieldKind.Date => "2027-04-01",
                FieldKind.Number => "3",
                _ => value(step, f),
            });
            answers[step.Id] = new StepAnswer(fields, [], false, 1, Alice, Now);
        }

        return new Draft(id, QuestionnaireIds.NewPartnership, 1, Alice.Id, Alice.Name, null, "Title", DraftStatus.Submitted,
            QuestionnaireEngine.ReviewStepId, answers, [], 1, Now, Now, Now);
    }

    private static Submission Submission(int version) =>
        new("s1", "d2", version, Alice, new string('<', 200), SubmissionStatus.UnderReview, null, ["aad-sam"], [], [], [], ["d1"], Now, 1);

    private static int Max(FieldDefinition f) => f.MaxLength > 0 ? f.MaxLength : FieldDefinition.DefaultMaxLength;

    [Fact]
    public void Page_WorstCaseEscapedAnswersAtEveryMaximumAndAllChanged_EveryPageUnder40KbAndEveryAnswerShownInFull()
    {
        // '<' and 'é' are written as six-byte \u escapes: the largest a character gets in a card.
        string Worst(string seed, FieldDefinition f) => (seed + new string('<', Max(f)))[..Max(f)];
        var v1 = DraftWith("d1", (s, f) => Worst("old " + s.Id + f.Id + " ", f), risks: 20);
        var v2 = DraftWith("d2", (s, f) => Worst("new " + s.Id + f.Id + " ", f), risks: 20);
        var proposal = ProposalQueries.Build(Submission(2), v2, v1, 2, Definition);
        var renderer = new CardRenderer(Path.Combine(RepoRoot.Find(), "cards"), NullLogger<CardRenderer>.Instance);

        var first = ProposalPages.Page(proposal, 1);
        var total = int.Parse(first.PageText.Split(' ')[3].TrimEnd('.'), System.Globalization.CultureInfo.InvariantCulture);
        var shown = new StringBuilder();
        for (var page = 1; page <= total; page++)
        {
            var card = renderer.Render(ProposalPages.Page(proposal, page));
            var bytes = Encoding.UTF8.GetByteCount(card.ToJsonString());
            Assert.True(bytes < CardRenderer.MaxCardBytes, $"Page {page} is {bytes} bytes.");
            shown.Append(CardInspector.AllText(card)).Append('\n');
        }

        var text = shown.ToString();
        foreach (var step in Definition.Steps.Where(s => !s.Repeatable))
        {
            foreach (var f in step.Fields.Where(f => f.Kind is FieldKind.Text or FieldKind.LongText && f.Id != "reason"))
            {
                Assert.Contains(Worst("new " + step.Id + f.Id + " ", f), text);
                Assert.Contains(Worst("old " + step.Id + f.Id + " ", f), text);
            }
        }

        foreach (var f in Definition.Steps.Single(s => s.Repeatable).Fields.Where(f => f.Kind is FieldKind.Text or FieldKind.LongText))
        {
            Assert.Contains(Worst("new risks" + f.Id + " ", f), text);
            Assert.Contains(Worst("old risks" + f.Id + " ", f), text);
        }

        Assert.Equal(20, proposal.Risks.Count);
        Assert.Contains("Changed since version 1", text);
    }

    [Fact]
    public void Build_ResubmittedWithOneAnswerChanged_MarksOnlyThatAnswerWithItsPreviousValue()
    {
        var v1 = DraftWith("d1", (s, f) => $"{s.Id} {f.Id}", risks: 1);
        var v2 = v1 with
        {
            Id = "d2",
            Answers = new Dictionary<string, StepAnswer>(v1.Answers)
            {
                ["finances"] = v1.Answers["finances"] with { Fields = new Dictionary<string, string> { ["answer"] = "Pooled budget" } },
            },
        };
        var proposal = ProposalQueries.Build(Submission(2), v2, v1, 2, Definition);
        var changed = proposal.Sections.SelectMany(s => s.Answers).Where(a => a.Changed).ToList();
        var finances = Assert.Single(changed);
        Assert.Equal("finances", finances.StepId);
        Assert.Equal("finances answer", Assert.Single(finances.Previous!).Value);
        Assert.Equal("Pooled budget", Assert.Single(finances.Fields).Value);
        Assert.Equal(1, proposal.ComparedWithVersion);
    }

    [Fact]
    public void ComparedWith_TheLatestVersion_IsTheLastOneTheCallerDecidedOn_ElseThePreviousOne()
    {
        DecisionRecord SentBack(string who, int version) =>
            new(new Actor(who, who), ApproverRole.Smt, DecisionKind.RequestChanges, "More detail", Now, null, version);
        var third = Submission(3) with { Decisions = [SentBack("aad-sam", 1), SentBack("aad-sue", 2)], PreviousDraftIds = ["d1", "d2"] };
        Caller Who(string id) => new(id, "tenant", id);

        Assert.Equal(1, ProposalQueries.ComparedWith(Who("aad-sam"), third, 3));
        Assert.Equal(2, ProposalQueries.ComparedWith(Who("aad-sue"), third, 3));
        Assert.Equal(2, ProposalQueries.ComparedWith(Who("aad-pat"), third, 3));
        // An older version is always read against the one before it.
        Assert.Equal(1, ProposalQueries.ComparedWith(Who("aad-sue"), third, 2));
        Assert.Equal(0, ProposalQueries.ComparedWith(Who("aad-sam"), third, 1));
    }

    [Fact]
    public void Page_ComparedWithAnEarlierVersion_SaysWhichAndMarksTheChangesSinceIt()
    {
        var v1 = DraftWith("d1", (s, f) => $"{s.Id} {f.Id}", risks: 1);
        var v3 = v1 with
        {
            Id = "d3",
            Answers = new Dictionary<string, StepAnswer>(v1.Answers)
            {
                ["finances"] = v1.Answers["finances"] with { Fields = new Dictionary<string, string> { ["answer"] = "Pooled budget" } },
            },
        };
        var proposal = ProposalQueries.Build(Submission(3), v3, v1, 3, Definition, comparedWith: 1);
        Assert.Equal(1, proposal.ComparedWithVersion);
        var page = ProposalPages.Page(proposal, 1);
        Assert.Contains("answers changed since version 1 are marked", page.VersionText);
    }

    [Fact]
    public void Build_SkippedAndBlankAnswers_ShowNotAnsweredAndTheFlagsCountChecks()
    {
        var draft = DraftWith("d1", (s, f) => "", risks: 0);
        var proposal = ProposalQueries.Build(Submission(1), draft, null, 1, Definition);
        var items = ProposalPages.Items(proposal);
        Assert.Contains(items, i => i.Label == "Why the partnership is required?" && i.Text == ProposalPages.NotAnswered);
        Assert.Contains(items, i => i.Text == "No risks recorded.");
        Assert.Equal((6, 0, null), (proposal.Flags.NotMet, proposal.Flags.Partly, proposal.Flags.HighestRisk));
        Assert.Equal("About the partnership", items[0].Heading);
        Assert.Equal(Definition.Steps.Select(s => s.Section).Distinct().Count() - 2, proposal.Sections.Count);
    }
}
