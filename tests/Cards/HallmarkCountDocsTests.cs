using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PartnershipBot.Tests.Cards;

/// <summary>Documentation and sample data quote the hallmark questionnaire's size as it is in the data, not from memory.</summary>
public sealed partial class HallmarkCountDocsTests
{
    private static readonly JsonObject Hallmarks =
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "bot", "Questionnaires", "hallmarks.json")))!.AsObject();

    private static int QuestionCount => Hallmarks["steps"]!.AsArray().Count;

    [Fact]
    public void CardsReadme_HallmarkQuestionCount_IsTheCountInTheData()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Cards, "README.md"));
        var quoted = HallmarkQuestions().Matches(readme).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(quoted);
        Assert.All(quoted, n => Assert.Equal(QuestionCount, n));
    }

    [Fact]
    public void SampleData_HallmarkProgress_MatchesTheQuestionnaire()
    {
        var checkedTexts = 0;
        foreach (var file in Directory.GetFiles(RepoPaths.Cards, "*.data.json"))
        {
            foreach (var view in Objects(JsonNode.Parse(File.ReadAllText(file))))
            {
                if (view["journeyTitle"]?.GetValue<string>() is not { } title || !title.StartsWith("Hallmark", StringComparison.Ordinal))
                {
                    continue;
                }

                if (view["progressText"]?.GetValue<string>() is { } progress && QuestionOf().Match(progress) is { Success: true } overall)
                {
                    Assert.True(QuestionCount == int.Parse(overall.Groups[2].Value), $"{Path.GetFileName(file)}: \"{progress}\", the questionnaire has {QuestionCount}");
                    checkedTexts++;
                }

                if (view["groupProgressText"]?.GetValue<string>() is { } groupProgress && GroupOf().Match(groupProgress) is { Success: true } inGroup)
                {
                    var group = Hallmarks["groups"]!.AsArray().Single(g => g!["title"]!.GetValue<string>() == inGroup.Groups[1].Value)!["id"]!.GetValue<string>();
                    var size = Hallmarks["steps"]!.AsArray().Count(s => s!["group"]!.GetValue<string>() == group);
                    Assert.True(size == int.Parse(inGroup.Groups[3].Value), $"{Path.GetFileName(file)}: \"{groupProgress}\", the group has {size}");
                    checkedTexts++;
                }
            }
        }

        // question-step (overall and group) and welcome (a hallmark draft) quote it today.
        Assert.True(checkedTexts >= 3, $"only {checkedTexts} hallmark progress texts found in the sample data");
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Objects(p.Value))),
        JsonArray a => a.SelectMany(Objects),
        _ => [],
    };

    [GeneratedRegex(@"(\d+) hallmark questions")]
    private static partial Regex HallmarkQuestions();

    [GeneratedRegex(@"^Question (\d+) of (\d+)$")]
    private static partial Regex QuestionOf();

    [GeneratedRegex(@"^(.+): question (\d+) of (\d+)$")]
    private static partial Regex GroupOf();
}
