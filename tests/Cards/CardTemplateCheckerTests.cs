using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Templating;

namespace PartnershipBot.Tests.Cards;

/// <summary>The start-up check of a template against its view model type.</summary>
public sealed class CardTemplateCheckerTests
{
    internal sealed record TestView(string Title, string? Note, [property: UserText] string Answer, IReadOnlyList<TestItem> Items, int Count);

    internal sealed record TestItem(string Name, [property: UserText] string Said);

    private static void Check(string template) =>
        CardTemplateChecker.Check(CardTemplate.Parse("test-card", JsonNode.Parse(template)), typeof(TestView), CardRenderer.ViewJsonOptions);

    private static string Fails(string template) => Assert.Throws<CardTemplateException>(() => Check(template)).Message;

    [Fact]
    public void Check_EveryBindingKnown_Passes()
    {
        Check("""
            {"body":[
              {"type":"TextBlock","text":"${title} (${count})"},
              {"type":"TextBlock","$when":"${not(empty(note))}","text":"Note: ${note}"},
              {"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"${answer}"}]},
              {"type":"Container","$data":"${items}","items":[
                {"type":"TextBlock","text":"${$index}. ${name} in ${$root.title}"},
                {"type":"RichTextBlock","inlines":[{"type":"TextRun","text":"${said}"}]}]},
              {"type":"Input.Text","id":"a","label":"A","value":"${answer}"}],
             "actions":[{"type":"Action.Execute","verb":"v","data":{"verb":"v","answer":"${answer}","n":"${count(items)}"}}]}
            """);
    }

    [Fact]
    public void Check_UnknownField_FailsNamingTemplatePathAndField()
    {
        var message = Fails("""{"body":[{"type":"TextBlock","text":"${titel}"}]}""");

        Assert.Contains("Template 'test-card' at $.body[0].text", message);
        Assert.Contains("TestView has no field 'titel'", message);
    }

    [Fact]
    public void Check_PascalCaseName_FailsBecauseDataIsCamelCase()
    {
        Assert.Contains("no field 'Title'", Fails("""{"t":"${Title}"}"""));
    }

    [Fact]
    public void Check_ItemFieldOutsideItsRepetition_Fails()
    {
        Assert.Contains("TestView has no field 'name'", Fails("""{"t":"${name}"}"""));
    }

    [Fact]
    public void Check_UnknownFieldInsideRepetition_FailsNamingItemType()
    {
        Assert.Contains("TestItem has no field 'nmae'", Fails("""{"body":[{"$data":"${items}","t":"${nmae}"}]}"""));
    }

    [Fact]
    public void Check_UnknownFieldInsideFunctionOrWhen_Fails()
    {
        Assert.Contains("no field 'nope'", Fails("""{"body":[{"$when":"${not(empty(nope))}","t":"x"}]}"""));
        Assert.Contains("no field 'other'", Fails("""{"t":"${if(equals(title, other), 'a', 'b')}"}"""));
    }

    [Fact]
    public void Check_IndexOutsideRepetition_Fails()
    {
        Assert.Contains("$index is only defined inside", Fails("""{"t":"${$index}"}"""));
    }

    [Fact]
    public void Check_DataBoundToText_Fails()
    {
        Assert.Contains("$data must bind a list or an object", Fails("""{"body":[{"$data":"${title}","t":"x"}]}"""));
    }

    [Fact]
    public void Check_PathIntoText_Fails()
    {
        Assert.Contains("which has no fields", Fails("""{"t":"${title.length}"}"""));
    }

    [Fact]
    public void Check_NullableFieldInTextWithoutGuard_Fails()
    {
        Assert.Contains("'note' can be null", Fails("""{"body":[{"type":"TextBlock","text":"Note: ${note}"}]}"""));
    }

    [Theory]
    [InlineData("TextBlock", "text")]
    [InlineData("FactSet", "title")]
    [InlineData("Action.Execute", "title")]
    public void Check_UserTextOutsideLiteralPlaces_Fails(string type, string key)
    {
        var message = Fails($$"""{"body":[{"type":"{{type}}","{{key}}":"${answer}"}]}""");

        Assert.Contains("user-typed text may only be shown", message);
    }

    [Fact]
    public void Check_UserTextOfItemInTextBlock_Fails()
    {
        Assert.Contains("user-typed text", Fails("""{"body":[{"$data":"${items}","type":"TextBlock","text":"${said}"}]}"""));
    }
}
