using System.Text.Json.Nodes;
using PartnershipBot.Cards.Templating;
using PartnershipBot.Cards.Views;

namespace PartnershipBot.Tests.Cards;

/// <summary>
/// User-typed text is data, never markup: quotes, braces, "${...}", newlines and Markdown must come out
/// literally, add no elements, create no links, and never be evaluated as a binding. Checked on the C#
/// output and by rendering it with the official JS renderer with Markdown switched on, as Teams has it.
/// </summary>
public sealed class CardInjectionTests
{
    private const string Evil = "He said \"stop\" } ]} {\"type\":\"Image\"} ${journeyTitle} ${$root.draftId} ${if(true,'a','b')}\nSecond line [link](http://x) **bold** <b>html</b> \\n";

    public static TheoryData<string> Labels => [.. Views(Evil).Select(v => v.Label)];

    [Theory]
    [MemberData(nameof(Labels))]
    public void Render_UserTextWithMarkup_ShownLiterallyInTextRunsOrInputs(string label)
    {
        var card = CardSamples.Render(Views(Evil).Single(v => v.Label == label).View);

        var literalPlaces = CardTemplatesTests.Objects(card)
            .Where(o => o["type"]?.GetValue<string>() is "TextRun" || o["type"]?.GetValue<string>().StartsWith("Input.") == true)
            .Select(o => (o["text"] ?? o["value"])?.ToString());
        Assert.Contains(Evil, literalPlaces);
        Assert.DoesNotContain(CardTemplatesTests.Objects(card), o => o["type"]?.GetValue<string>() == "TextBlock" && o["text"]!.ToString().Contains("[link]"));
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public void Render_UserTextWithMarkup_AddsNoElements(string label)
    {
        var evil = CardSamples.Render(Views(Evil).Single(v => v.Label == label).View);
        var plain = CardSamples.Render(Views("plain words").Single(v => v.Label == label).View);

        Assert.Equal(Shape(plain), Shape(evil));
        Assert.True(JsonNode.DeepEquals(evil, JsonNode.Parse(evil.ToJsonString())), "the card's JSON must survive a round trip");
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public async Task JsRender_UserTextWithMarkup_NoLinksAndTextLiteral(string label)
    {
        var view = Views(Evil).Single(v => v.Label == label).View;
        var name = CardSamples.Names.Single(n => CardSamples.ViewType(n) == view.GetType());
        var data = CardSamples.ToData(view);

        var js = await NodeOracle.RunOneAsync(new JsonObject
        {
            ["id"] = label,
            ["template"] = CardSamples.Template(name),
            ["data"] = data,
            ["card"] = CardSamples.Render(view),
            ["render"] = true,
        });

        Assert.Null(js["error"]);
        Assert.True(JsonNode.DeepEquals(js["expanded"], CardTemplateEngine.Expand(CardSamples.Template(name), data)), "JS and C# expand the evil data alike");
        Assert.Equal(0, js["anchors"]!.GetValue<int>());
        if (view is not QuestionStepView)
        {
            Assert.Contains(Evil, js["text"]!.GetValue<string>()); // the step shows it in an input, whose value is not text content
        }
    }

    [Fact]
    public async Task JsRender_MarkdownInTextBlock_CreatesLink()
    {
        // Control: the same text in a TextBlock does become a link, so the check above can fail.
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = Evil }),
        };

        var js = await NodeOracle.RunOneAsync(new JsonObject { ["id"] = "control", ["card"] = card, ["render"] = true });

        Assert.Equal(1, js["anchors"]!.GetValue<int>());
    }

    private static IEnumerable<(string Label, object View)> Views(string text)
    {
        var step = CardSamples.View<QuestionStepView>();
        var review = CardSamples.View<ReviewView>();
        var welcome = CardSamples.View<WelcomeView>();
        yield return ("step item", step with { Items = [new ItemView(text)] });
        yield return ("step value", step with { Fields = [step.Fields[4] with { Value = text }] });
        yield return ("review answer", review with { Items = [review.Items[0] with { Answer = text }] });
        yield return ("welcome draft", welcome with { UserName = text, Drafts = [welcome.Drafts[0] with { Title = text }] });
        yield return ("decision comment", CardSamples.View<DecisionOutcomeView>() with { Comment = text, DecidedBy = text, PartnershipName = text });
        yield return ("error message", new ErrorView("Not allowed", text));
        yield return ("register name", CardSamples.View<RegisterListView>() with { Rows = [CardSamples.View<RegisterListView>().Rows[0] with { Name = text }] });
        yield return ("approval summary", CardSamples.View<ApprovalRequestView>() with { Summary = [new FactView("Why", text)], SubmittedBy = text });
    }

    private static List<string> Shape(JsonNode card) =>
        CardTemplatesTests.Objects(card).Select(o => o["type"]?.ToString() ?? "-").ToList();
}
