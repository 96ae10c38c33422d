using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Ux;

/// <summary>
/// Required marks match validation, for every field of every questionnaire the bot ships (issue 18, item 16): what
/// the card marks (asterisk, or a "needed …" note where the client cannot enforce it) is exactly what the engine
/// refuses empty, and an optional question is never marked.
/// </summary>
public sealed class RequiredMarksTests
{
    private static readonly QuestionnaireCatalog Catalog = QuestionnaireCatalog.Load(Path.Combine(RepoRoot.Find(), "bot", "Questionnaires"));

    public static TheoryData<string> Questionnaires() => [.. Catalog.All.Select(d => d.Id)];

    [Theory]
    [MemberData(nameof(Questionnaires))]
    public void EveryField_MarkedExactlyWhenTheEngineRefusesItEmpty(string questionnaireId)
    {
        foreach (var step in Catalog.Get(questionnaireId).Steps)
        {
            foreach (var field in step.Fields)
            {
                var asterisk = JourneyCards.IsMarkedRequired(field, step);
                var note = JourneyCards.RequiredNote(field, step);
                var refusedEmpty = RefusedEmpty(step, field);
                Assert.True(refusedEmpty == (asterisk || note.Length > 0),
                    $"{questionnaireId}/{step.Id}/{field.Id}: refused empty {refusedEmpty}, asterisk {asterisk}, note '{note}'");
                Assert.False(asterisk && note.Length > 0, $"{questionnaireId}/{step.Id}/{field.Id} is marked twice");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Questionnaires))]
    public void OptionalQuestions_HaveNoRequiredMark(string questionnaireId)
    {
        foreach (var step in Catalog.Get(questionnaireId).Steps.Where(s => s.Optional))
        {
            Assert.All(step.Fields, f => Assert.False(JourneyCards.IsMarkedRequired(f, step) || JourneyCards.RequiredNote(f, step).Length > 0,
                $"{questionnaireId}/{step.Id}/{f.Id} is optional but marked required"));
        }
    }

    [Fact]
    public void RiskFields_RequiredForEachRisk_SayItOnTheLabel()
    {
        var risks = Catalog.Get(QuestionnaireIds.NewPartnership).Steps.Single(s => s.Repeatable && s.Fields.Any(f => f.Id == RiskRating.LikelihoodField));

        Assert.Equal(" (needed for each one you add)", JourneyCards.RequiredNote(risks.Fields.Single(f => f.Id == RiskRating.LikelihoodField), risks));
    }

    // Every other field filled with a value it accepts, and a conditional field's condition met: is this one refused empty?
    private static bool RefusedEmpty(StepDefinition step, FieldDefinition field)
    {
        var values = step.Fields.Where(f => f.Id != field.Id).ToDictionary(f => f.Id, Valid);
        if (field.RequiredWhen is { } when)
        {
            values[when.Field] = when.In.Count > 0 ? when.In[0]
                : step.Fields.Single(f => f.Id == when.Field).Choices.FirstOrDefault(c => !when.NotIn.Contains(c)) ?? "";
        }

        return AnswerValidator.Validate(step.Fields, values).Errors.Any(e => e.FieldId == field.Id);
    }

    private static string Valid(FieldDefinition field) => field.Kind switch
    {
        FieldKind.Number => (field.Min ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldKind.Date => "2027-04-01",
        FieldKind.Choice => field.Choices[0],
        _ => "x",
    };
}
