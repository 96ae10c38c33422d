using System.Text.Json.Nodes;
using PartnershipBot.Cards.Templating;

namespace PartnershipBot.Tests.Cards;

/// <summary>The C# templating engine, construct by construct (the oracle tests prove the same against the JS library).</summary>
public sealed class CardTemplateEngineTests
{
    private static JsonNode? Expand(string template, string data) =>
        CardTemplateEngine.Expand(JsonNode.Parse(template)!, JsonNode.Parse(data));

    private static string? ExpandToString(string template, string data) => Expand(template, data)?.ToJsonString();

    [Fact]
    public void Expand_WholeValueBinding_KeepsTheValueType()
    {
        var result = ExpandToString("""{"n":"${n}","b":"${b}","a":"${a}","s":"${s}"}""", """{"n":3,"b":true,"a":[1,2],"s":"x"}""");

        Assert.Equal("""{"n":3,"b":true,"a":[1,2],"s":"x"}""", result);
    }

    [Fact]
    public void Expand_Interpolation_ConvertsValuesToTextLikeJavaScript()
    {
        var result = ExpandToString("""{"t":"Question ${n} of ${total}: ${f} ${b} ${a}"}""", """{"n":4,"total":18,"f":0.5,"b":false,"a":["x","y"]}""");

        Assert.Equal("""{"t":"Question 4 of 18: 0.5 false x,y"}""", result);
    }

    [Fact]
    public void Expand_DottedPathsRootDataAndIndex_Resolve()
    {
        var result = ExpandToString(
            """{"x":"${o.inner.y}","r":"${$root.o.inner.y}","d":"${$data.o.inner.y}","i":"${list[1].t}"}""",
            """{"o":{"inner":{"y":"deep"}},"list":[{"t":"a"},{"t":"b"}]}""");

        Assert.Equal("""{"x":"deep","r":"deep","d":"deep","i":"b"}""", result);
    }

    [Fact]
    public void Expand_MissingField_LeavesTheBindingTextAsTheJsLibraryDoes()
    {
        var result = ExpandToString("""{"a":"${nope}","b":"x ${o.nope} y"}""", """{"o":{}}""");

        Assert.Equal("""{"a":"${nope}","b":"x ${o.nope} y"}""", result);
    }

    [Fact]
    public void Expand_NullInsideText_Throws()
    {
        var error = Assert.Throws<CardTemplateException>(() => Expand("""{"a":"x ${g}"}""", """{"g":null}"""));

        Assert.Contains("${g}", error.Message);
    }

    [Fact]
    public void Expand_DataArray_RepeatsTheElementWithItemAndIndex()
    {
        var result = ExpandToString(
            """{"body":[{"$data":"${items}","t":"${$index}: ${name} of ${$root.owner}"},{"t":"end"}]}""",
            """{"owner":"Jo","items":[{"name":"a"},{"name":"b"}]}""");

        Assert.Equal("""{"body":[{"t":"0: a of Jo"},{"t":"1: b of Jo"},{"t":"end"}]}""", result);
    }

    [Fact]
    public void Expand_DataEmptyArray_DropsTheElement()
    {
        var result = ExpandToString("""{"body":[{"$data":"${items}","t":"x"}]}""", """{"items":[]}""");

        Assert.Equal("""{"body":[]}""", result);
    }

    [Fact]
    public void Expand_DataOnActions_RepeatsActions()
    {
        var result = ExpandToString(
            """{"actions":[{"$data":"${ids}","type":"Action.Execute","verb":"v","data":{"verb":"v","id":"${$data}"}}]}""",
            """{"ids":["a","b"]}""");

        Assert.Equal("""{"actions":[{"type":"Action.Execute","verb":"v","data":{"verb":"v","id":"a"}},{"type":"Action.Execute","verb":"v","data":{"verb":"v","id":"b"}}]}""", result);
    }

    [Theory]
    [InlineData("${b}", true)]
    [InlineData("${no}", false)]
    [InlineData("${n}", false)] // only a boolean true keeps the element
    [InlineData("${missing}", false)]
    [InlineData("${not(empty(s))}", true)]
    [InlineData("${and(b, equals(n, 3))}", true)]
    [InlineData("${or(no, equals(s, 'x'))}", true)]
    public void Expand_When_KeepsElementOnlyWhenTrue(string when, bool kept)
    {
        var result = Expand($$"""{"body":[{"$when":"{{when}}","k":1}]}""", """{"b":true,"no":false,"n":3,"s":"x"}""")!;

        Assert.Equal(kept ? 1 : 0, result["body"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("${if(b, 'yes', 'no')}", "\"yes\"")]
    [InlineData("${if(nil, 'yes', 'no')}", "\"no\"")]
    [InlineData("${not(nil)}", "true")]
    [InlineData("${equals(s, 'x')}", "true")]
    [InlineData("${empty(list)}", "false")]
    [InlineData("${empty(nil)}", "true")]
    [InlineData("${count(list)}", "3")]
    [InlineData("${join(list, ', ')}", "\"a, b, c\"")]
    [InlineData("${join(list, ', ', ' and ')}", "\"a, b and c\"")]
    [InlineData("${42}", "\"42\"")] // a lone literal is text in the JS library
    public void Expand_Functions_GiveJsResults(string expression, string expected)
    {
        var result = Expand($$"""{"v":"{{expression}}"}""", """{"b":true,"nil":null,"s":"x","list":["a","b","c"]}""")!;

        Assert.Equal(expected, result["v"]!.ToJsonString());
    }

    [Fact]
    public void Expand_DataContainingBindingText_IsNotEvaluatedAgain()
    {
        var result = Expand("""{"t":"${a}","u":"x ${a}"}""", """{"a":"${b} ${if(true,'1','2')}","b":"secret"}""")!;

        Assert.Equal("${b} ${if(true,'1','2')}", result["t"]!.GetValue<string>());
        Assert.Equal("x ${b} ${if(true,'1','2')}", result["u"]!.GetValue<string>());
    }

    [Fact]
    public void Expand_DataContainingJsonSyntax_StaysOneString()
    {
        const string text = "\"}, {\"type\": \"Image\"}, {\"x\": \"\n[l](http://x)";

        var result = Expand("""{"body":[{"type":"TextRun","text":"${a}"}]}""", new JsonObject { ["a"] = text }.ToJsonString())!;

        Assert.Single(result["body"]!.AsArray());
        Assert.Equal(text, result["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Expand_ReservedKeys_AreRemovedAndInputsUnchanged()
    {
        // $when is evaluated in the $data scope, so the flag is read from $root.
        var template = JsonNode.Parse("""{"$when":"${$root.b}","$data":"${o}","x":"${k}"}""")!;
        var data = JsonNode.Parse("""{"b":true,"o":{"k":1}}""")!;
        var before = (template.ToJsonString(), data.ToJsonString());

        var result = CardTemplateEngine.Expand(template, data);

        Assert.Equal("""{"x":1}""", result!.ToJsonString());
        Assert.Equal(before, (template.ToJsonString(), data.ToJsonString()));
    }

    [Theory]
    [InlineData("${frobnicate(x)}", "unknown function 'frobnicate'")]
    [InlineData("${a == b}", "expected '}'")]
    [InlineData("${a + 1}", "expected '}'")]
    [InlineData("${$host.x}", "unsupported name '$host'")]
    [InlineData("${if(a, b)}", "takes 3..3 arguments")]
    [InlineData("${a", "expected '}'")]
    [InlineData("${a} \\n", "backslash")]
    public void Parse_UnsupportedExpression_FailsNamingTemplateAndPath(string expression, string problem)
    {
        var template = new JsonObject { ["body"] = new JsonArray(new JsonObject { ["text"] = expression }) };

        var error = Assert.Throws<CardTemplateException>(() => CardTemplate.Parse("sample", template));

        Assert.Contains("Template 'sample' at $.body[0].text", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Parse_WhenNotAnExpression_Fails()
    {
        var error = Assert.Throws<CardTemplateException>(() => CardTemplate.Parse("sample", JsonNode.Parse("""{"$when":"yes"}""")));

        Assert.Contains("$.$when", error.Message);
    }

    [Theory]
    [InlineData(3, "3")]
    [InlineData(1.5, "1.5")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(0.00001, "0.00001")]
    [InlineData(0.0000001, "1e-7")]
    [InlineData(1e21, "1e+21")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(-2.5, "-2.5")]
    public void FormatNumber_Double_MatchesJavaScriptToString(double number, string expected)
    {
        Assert.Equal(expected, JsText.FormatNumber(number));
    }
}
