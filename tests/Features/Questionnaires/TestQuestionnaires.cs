using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Tests.Features.Questionnaires;

/// <summary>Definitions, people and times shared by the questionnaire tests.</summary>
internal static class TestQuestionnaires
{
    public static readonly Actor Alice = new("00000000-aaaa-0000-0000-000000000001", "Alice Officer");
    public static readonly Actor Bob = new("bob-opaque-id", "Bob Officer");
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<QuestionnaireCatalog> ShippedCatalog =
        new(() => QuestionnaireCatalog.Load(Path.Combine(AppContext.BaseDirectory, "Questionnaires")));

    /// <summary>The four files shipped with the bot (copied to the test output by the project reference).</summary>
    public static QuestionnaireCatalog Shipped => ShippedCatalog.Value;

    /// <summary>
    /// A small questionnaire with one of everything: a title step, a date, an optional step, a rating that needs a
    /// comment unless Met, and a repeatable risk step.
    /// </summary>
    public static QuestionnaireDefinition Form { get; } = QuestionnaireParser.Parse("form.json", """
        {
          "id": "form", "version": 3, "title": "Test form", "titleStep": "name",
          "steps": [
            { "id": "name", "section": "About", "text": "What is it called?",
              "fields": [ { "id": "name", "label": "Name", "kind": "text", "required": true, "maxLength": 20 } ] },
            { "id": "start", "section": "About", "text": "When does it start?",
              "fields": [ { "id": "date", "label": "Start date", "kind": "date", "required": true } ] },
            { "id": "notes", "section": "About", "text": "Anything else?", "optional": true,
              "fields": [ { "id": "notes", "label": "Notes", "kind": "longText" } ] },
            { "id": "check", "section": "Checks", "text": "Is the rationale clear?",
              "fields": [
                { "id": "rating", "label": "Assessment", "kind": "choice", "required": true, "choices": [ "Met", "Partly", "Not met" ] },
                { "id": "comment", "label": "Comment", "kind": "longText", "requiredWhen": { "field": "rating", "in": [ "Partly", "Not met" ] } } ] },
            { "id": "risks", "section": "Risks", "text": "What are the risks?", "repeatable": true, "minItems": 1,
              "fields": [
                { "id": "description", "label": "Risk", "kind": "text", "required": true },
                { "id": "likelihood", "label": "Likelihood", "kind": "number", "required": true, "min": 1, "max": 5 },
                { "id": "impact", "label": "Impact", "kind": "number", "required": true, "min": 1, "max": 5 } ] }
          ]
        }
        """);

    public static Draft StartForm() => QuestionnaireEngine.Start(Form, Alice.Id, Alice.Name, null, T0, "draft-1");

    public static Dictionary<string, string> Values(params (string Field, string Value)[] values) =>
        values.ToDictionary(v => v.Field, v => v.Value);

    /// <summary>Answers the open step, failing the test unless it saves.</summary>
    public static Draft Answered(this Draft draft, QuestionnaireDefinition definition, params (string Field, string Value)[] values) =>
        Saved(QuestionnaireEngine.Answer(draft, definition, draft.CurrentStepId, Values(values), draft.Revision, Alice, T0.AddMinutes(draft.Revision)));

    /// <summary>The draft of a Saved result; fails the test on any other result.</summary>
    public static Draft Saved(StepResult result) => Assert.IsType<StepResult.Saved>(result).Draft;

    /// <summary>
    /// A valid value for a field: its first choice, its minimum, a date, or text. Used to walk the shipped
    /// questionnaires end to end without restating every question.
    /// </summary>
    public static string ValidValue(FieldDefinition field) => field.Kind switch
    {
        FieldKind.Choice => field.Choices[0],
        FieldKind.Number => (field.Min ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldKind.Date => "2025-04-01",
        _ => $"Answer for {field.Id}",
    };

    /// <summary>A draft open at the "check" step (name, date answered, notes skipped).</summary>
    public static Draft AtCheck()
    {
        var draft = StartForm().Answered(Form, ("name", "P")).Answered(Form, ("date", "2025-04-01"));
        return Saved(QuestionnaireEngine.Skip(draft, Form, "notes", draft.Revision, Alice, T0));
    }

    /// <summary>A draft with every step answered, on the review screen.</summary>
    public static Draft Complete() =>
        AtCheck().Answered(Form, ("rating", "Met"))
            .Answered(Form, ("description", "Funding ends"), ("likelihood", "4"), ("impact", "5"));
}
