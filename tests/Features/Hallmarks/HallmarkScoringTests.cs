using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Tests.Features.Questionnaires;

namespace PartnershipBot.Tests.Features.Hallmarks;

public sealed class HallmarkScoringTests
{
    private static readonly QuestionnaireDefinition Definition = TestQuestionnaires.Shipped.Get(QuestionnaireIds.Hallmarks);
    private static readonly HallmarkOptions Defaults = new();

    private static StepAnswer Answer(string rating, string action = "", string owner = "", string due = "") =>
        new(new Dictionary<string, string> { ["rating"] = rating, ["actionWhat"] = action, ["actionOwner"] = owner, ["actionDue"] = due },
            [], false, 1, new Actor("a", "A"), DateTimeOffset.UnixEpoch);

    /// <summary>Every question answered with <paramref name="rating"/>, except those given in <paramref name="overrides"/>.</summary>
    private static Dictionary<string, StepAnswer> Answers(string rating, params (string StepId, StepAnswer Answer)[] overrides)
    {
        var answers = Definition.Steps.ToDictionary(s => s.Id, _ => Answer(rating));
        foreach (var (id, answer) in overrides)
        {
            answers[id] = answer;
        }

        return answers;
    }

    [Theory]
    [InlineData("Yes", 2)]
    [InlineData("Partly", 1)]
    [InlineData("No", 0)]
    [InlineData("yes ", 2)]
    public void PointsFor_Answer_IsTheScoreOfTheGuidance(string answer, int points) =>
        Assert.Equal(points, HallmarkScoring.PointsFor(answer));

    [Theory]
    [InlineData("Not applicable")]
    [InlineData("")]
    public void PointsFor_NotApplicableOrBlank_DoesNotCount(string answer) => Assert.Null(HallmarkScoring.PointsFor(answer));

    [Fact]
    public void Score_MixedAnswers_LeavesNotApplicableOutOfTheHallmarkAndOverall()
    {
        var steps = Definition.StepsIn("delivery"); // 6 questions
        var answers = Answers("Yes",
            (steps[0].Id, Answer("No")), (steps[1].Id, Answer("Partly")), (steps[2].Id, Answer("Not applicable")));

        var score = HallmarkScoring.Score(Definition, answers);

        var delivery = score.For("delivery")!;
        Assert.Equal((7, 10, 1), (delivery.Points, delivery.MaxPoints, delivery.NotApplicable)); // 0 + 1 + 2*3
        Assert.Equal(70, delivery.Percent);
        Assert.Equal((66 * 2 - 2 - 1, 66 * 2), (score.Overall.Points, score.Overall.MaxPoints));
        Assert.Equal([14, 16, 6, 6, 9, 16], score.Hallmarks.Select(h => Definition.StepsIn(h.GroupId).Count));
    }

    [Fact]
    public void Score_AllNotApplicableHallmark_IsNotAssessedNotZero()
    {
        var answers = Answers("No", Definition.StepsIn("communities").Select(s => (s.Id, Answer("Not applicable"))).ToArray());

        var score = HallmarkScoring.Score(Definition, answers);

        var communities = score.For("communities")!;
        Assert.Null(communities.Percent);
        Assert.Equal(Rating.NotAssessed, HallmarkScoring.RatingOf(communities.Percent, Defaults));
        Assert.Equal(0, score.For("leadership")!.Percent);
        Assert.Equal(Rating.Weak, HallmarkScoring.RatingOf(score.Overall.Percent, Defaults));
    }

    [Fact]
    public void Score_EverythingNotApplicable_OverallIsNotAssessed()
    {
        var score = HallmarkScoring.Score(Definition, Answers("Not applicable"));

        Assert.All(score.Hallmarks, h => Assert.Null(h.Percent));
        Assert.Null(score.Overall.Percent);
    }

    [Theory]
    [InlineData(100, "Strong")]
    [InlineData(75, "Strong")]
    [InlineData(74, "Developing")]
    [InlineData(40, "Developing")]
    [InlineData(39, "Weak")]
    [InlineData(0, "Weak")]
    public void RatingOf_DefaultBands_MatchTheGuidance(int percent, string label) =>
        Assert.Equal(label, HallmarkScoring.RatingOf(percent, Defaults).Label);

    [Fact]
    public void RatingOf_ConfiguredBands_AreUsed()
    {
        var options = new HallmarkOptions { StrongFrom = 90, DevelopingFrom = 50 };

        Assert.Equal(Rating.Developing, HallmarkScoring.RatingOf(80, options));
        Assert.Equal(Rating.Weak, HallmarkScoring.RatingOf(45, options));
        Assert.Equal(Rating.Strong, HallmarkScoring.RatingOf(90, options));
    }

    [Fact]
    public void Rating_EveryBand_HasItsOwnWordsAndColour()
    {
        Rating[] all = [Rating.Strong, Rating.Developing, Rating.Weak, Rating.NotAssessed];

        Assert.Equal(4, all.Select(r => r.Label).Distinct().Count());
        Assert.Equal(4, all.Select(r => r.Color).Distinct().Count());
    }

    [Theory]
    [InlineData(80, 72, true, "Up 8 points since X")]
    [InlineData(60, 65, true, "Down 5 points since X")]
    [InlineData(50, 50, true, "No change since X")]
    [InlineData(null, 50, true, "Not assessed this time")]
    [InlineData(50, null, true, "Not assessed since X")]
    [InlineData(50, null, false, "First assessment")]
    public void ChangeText_NowAndBefore_SaysTheDifference(int? now, int? before, bool hasPrevious, string expected) =>
        Assert.Equal(expected, HallmarkScoring.ChangeText(now, before, hasPrevious, "since X"));

    [Fact]
    public void Improvements_PartlyAndNo_ListedInOrderWithTheirActions()
    {
        var skills = Definition.StepsIn("skills");
        var leadership = Definition.StepsIn("leadership");
        var answers = Answers("Yes",
            (skills[2].Id, Answer("No", "Run a training needs analysis", "HR lead", "2027-01-31")),
            (leadership[0].Id, Answer("Partly")),
            (leadership[1].Id, Answer("Not applicable")));

        var plan = HallmarkScoring.Improvements(Definition, answers);

        Assert.Equal([leadership[0].Text, skills[2].Text], plan.Select(i => i.Question));
        Assert.Equal(new Improvement("Appropriate Skills and Knowledge", skills[2].Text, "No", "Run a training needs analysis", "HR lead", "2027-01-31"), plan[1]);
        Assert.Equal(("Partly", ""), (plan[0].Answer, plan[0].Action));
    }
}
