using System.Text.Json.Nodes;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Tests.Features.Questionnaires;

/// <summary>A council can edit the files, so every mistake must be caught at start-up with the file, step and problem named.</summary>
public sealed class QuestionnaireParserTests
{
    private const string Valid = """
        {
          "id": "sample", "version": 1, "title": "Sample",
          "groups": [ { "id": "g1", "title": "Group one" } ],
          "steps": [
            { "id": "first", "section": "S", "text": "First?", "group": "g1",
              "fields": [ { "id": "rating", "label": "Rating", "kind": "choice", "required": true, "choices": [ "Yes", "No" ] },
                          { "id": "why", "label": "Why", "kind": "longText", "requiredWhen": { "field": "rating", "in": [ "No" ] } } ] },
            { "id": "second", "section": "S", "text": "Second?", "group": "g1",
              "fields": [ { "id": "score", "label": "Score", "kind": "number", "min": 1, "max": 5 } ] },
            { "id": "third", "section": "S", "text": "Third?",
              "fields": [ { "id": "answer", "label": "Answer", "kind": "text" } ] }
          ]
        }
        """;

    [Fact]
    public void Parse_ValidFile_AppliesDefaults()
    {
        var definition = QuestionnaireParser.Parse("sample.json", Valid);

        Assert.Equal(["first", "second", "third"], definition.Steps.Select(s => s.Id));
        var answer = definition.FindStep("third")!.Primary;
        Assert.Equal(FieldDefinition.DefaultMaxLength, answer.MaxLength);
        Assert.Equal(4000, answer.MaxLength);
        Assert.False(answer.Required);
        Assert.False(definition.FindStep("third")!.Optional);
        Assert.Null(definition.FindStep("third")!.Group);
        Assert.Equal(["No"], definition.FindStep("first")!.Fields[1].RequiredWhen!.In);
    }

    [Fact]
    public void Parse_BrokenJson_NamesFileAndSaysNotValidJson()
    {
        var ex = Assert.Throws<QuestionnaireDefinitionException>(() => QuestionnaireParser.Parse("sample.json", "{ \"id\": "));

        Assert.Equal("sample.json", ex.FileName);
        Assert.Contains("sample.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("steps/0/fields/0/kind", "\"dropdown\"", "step 'first', field 'rating': unknown kind 'dropdown'")]
    [InlineData("steps/0/fields/0/choices", "[]", "step 'first', field 'rating': a choice field needs a non-empty 'choices' list")]
    [InlineData("steps/0/fields/0/choices", "[\"Yes\", \"yes\"]", "step 'first', field 'rating': 'choices' lists the same choice twice")]
    [InlineData("steps/0/fields/1/requiredWhen", "{ \"field\": \"nope\", \"in\": [\"No\"] }", "step 'first', field 'why': 'requiredWhen' refers to 'nope'")]
    [InlineData("steps/0/fields/1/requiredWhen", "{ \"field\": \"rating\", \"in\": [\"Maybe\"] }", "step 'first', field 'why': 'requiredWhen' value 'Maybe' is not one of the choices of 'rating'")]
    [InlineData("steps/0/fields/1/requiredWhen", "{ \"field\": \"rating\" }", "step 'first', field 'why': 'requiredWhen' needs exactly one of 'in' or 'notIn'")]
    [InlineData("steps/1/fields/0/min", "6", "step 'second', field 'score': 'min' (6) is greater than 'max' (5)")]
    [InlineData("steps/2/fields/0/min", "1", "step 'third', field 'answer': 'min' and 'max' apply only to number fields")]
    [InlineData("steps/2/fields/0/maxLength", "0", "step 'third', field 'answer': 'maxLength' must be at least 1")]
    [InlineData("steps/2/fields/0/label", "\" \"", "step 'third', field 'answer': 'label' is missing")]
    [InlineData("steps/2/text", "\"\"", "step 'third': 'text' is missing")]
    [InlineData("steps/2/section", "null", "step 'third': 'section' is missing")]
    [InlineData("steps/2/fields", "[]", "step 'third': 'fields' must list at least one field")]
    [InlineData("steps/2/minItems", "2", "step 'third': 'minItems' applies only to repeatable steps")]
    [InlineData("steps/2/group", "\"g9\"", "step 'third': group 'g9' is not declared")]
    [InlineData("steps/2/id", "\"first\"", "step 'first': the id is used by 2 steps")]
    [InlineData("steps/2/id", "\"review\"", "step 'review': the id 'review' is reserved")]
    [InlineData("steps/2/id", "\"has space\"", "step #3: 'id' is missing or not a valid id")]
    [InlineData("version", "0", "questionnaire: 'version' must be a whole number of at least 1")]
    [InlineData("title", "\"\"", "questionnaire: 'title' is missing")]
    [InlineData("id", "\"other\"", "questionnaire: id 'other' must match the file name 'sample'")]
    [InlineData("titleStep", "\"missing\"", "questionnaire: 'titleStep' 'missing' is not")]
    [InlineData("steps", "[]", "questionnaire: 'steps' must list at least one step")]
    public void Parse_Mistake_ThrowsNamingFileStepAndProblem(string path, string json, string expected)
    {
        var ex = Assert.Throws<QuestionnaireDefinitionException>(() => QuestionnaireParser.Parse("sample.json", With(path, json)));

        Assert.StartsWith("Questionnaire definition 'sample.json' is invalid:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ex.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_GroupSplitByAnotherStep_ReportsGroupNotContiguous()
    {
        var json = With("steps/2/group", "\"g1\"", With("steps/1/group", "null"));

        var ex = Assert.Throws<QuestionnaireDefinitionException>(() => QuestionnaireParser.Parse("sample.json", json));

        Assert.Contains(ex.Problems, p => p.StartsWith("group 'g1': its steps must follow one another", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MisspeltProperty_IsRefusedRatherThanIgnored()
    {
        var ex = Assert.Throws<QuestionnaireDefinitionException>(() => QuestionnaireParser.Parse("sample.json", With("steps/2/fields/0/requird", "true")));

        Assert.Contains("requird", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralMistakes_ListsEveryOne()
    {
        var json = With("steps/1/text", "\"\"", With("steps/0/fields/0/kind", "\"radio\""));

        var ex = Assert.Throws<QuestionnaireDefinitionException>(() => QuestionnaireParser.Parse("sample.json", json));

        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains("step 'first', field 'rating': unknown kind 'radio'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("step 'second': 'text' is missing", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The valid sample with the value at a slash-separated path replaced (or added).</summary>
    private static string With(string path, string json, string source = Valid)
    {
        var root = JsonNode.Parse(source)!;
        var parts = path.Split('/');
        var parent = parts[..^1].Aggregate(root, (node, part) => int.TryParse(part, out var i) ? node[i]! : node[part]!);
        parent[parts[^1]] = JsonNode.Parse(json);
        return root.ToJsonString();
    }
}
