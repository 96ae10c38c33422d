using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Templating;
using PartnershipBot.Cards.Views;

namespace PartnershipBot.Tests.Cards;

/// <summary>Loading and checking the templates at start-up, the size limit, and the attachment wrapper.</summary>
public sealed class CardRendererTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cards-").FullName;

    public CardRendererTests()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Cards, "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Constructor_AppOutputFolder_LoadsEveryTemplate()
    {
        // The build copies cards/*.json next to the app; the default constructor reads them from there.
        var renderer = new CardRenderer(NullLogger<CardRenderer>.Instance);

        var card = renderer.Render(CardSamples.View<WelcomeView>());

        Assert.Equal("1.5", card["version"]!.GetValue<string>());
    }

    [Fact]
    public void Constructor_TemplateBindsUnknownField_FailsNamingTemplateAndBinding()
    {
        Edit("question-step", "${questionText}", "${questionTxt}");

        var error = Assert.Throws<CardTemplateException>(() => new CardRenderer(folder, NullLogger<CardRenderer>.Instance));

        Assert.Contains("Template 'question-step'", error.Message);
        Assert.Contains("QuestionStepView has no field 'questionTxt'", error.Message);
    }

    [Fact]
    public void Constructor_TemplateCallsUnknownFunction_FailsNamingTemplate()
    {
        Edit("review", "${not(isMissing)}", "${negate(isMissing)}");

        var error = Assert.Throws<CardTemplateException>(() => new CardRenderer(folder, NullLogger<CardRenderer>.Instance));

        Assert.Contains("Template 'review'", error.Message);
        Assert.Contains("unknown function 'negate'", error.Message);
    }

    [Fact]
    public void Constructor_TemplateMissing_Fails()
    {
        File.Delete(Path.Combine(folder, "confirm.json"));

        var error = Assert.Throws<CardTemplateException>(() => new CardRenderer(folder, NullLogger<CardRenderer>.Instance));

        Assert.Contains("Template 'confirm' for ConfirmView is missing", error.Message);
    }

    [Fact]
    public void Constructor_TemplateWithoutView_Fails()
    {
        File.Copy(Path.Combine(folder, "error.json"), Path.Combine(folder, "stray.json"));

        var error = Assert.Throws<CardTemplateException>(() => new CardRenderer(folder, NullLogger<CardRenderer>.Instance));

        Assert.Contains("stray", error.Message);
    }

    [Fact]
    public async Task AddCards_BadTemplate_HostFailsToStartNamingIt()
    {
        Edit("welcome", "${userName}", "${user.name}");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCards(folder);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<CardTemplateException>(() => host.StartAsync(CancellationToken.None));

        Assert.Contains("Template 'welcome'", error.Message);
        Assert.Contains("'user'", error.Message);
    }

    [Fact]
    public async Task AddCards_GoodTemplates_RendererIsASingleton()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCards(folder);
        using var host = builder.Build();

        await host.StartAsync(CancellationToken.None);

        Assert.Same(host.Services.GetRequiredService<CardRenderer>(), host.Services.GetRequiredService<CardRenderer>());
        await host.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Render_CardOverSizeLimit_LogsAndThrows()
    {
        var logger = new ListLogger();
        var renderer = new CardRenderer(folder, logger);
        var row = CardSamples.View<RegisterListView>().Rows[0];
        var view = CardSamples.View<RegisterListView>() with { Rows = Enumerable.Repeat(row, 200).ToList() };

        var error = Assert.Throws<CardTooLargeException>(() => renderer.Render(view));

        Assert.Equal("register-list", error.Template);
        Assert.True(error.Size > CardRenderer.MaxCardBytes);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("register-list"));
    }

    [Fact]
    public void Render_LongAnswersShortenedForSummary_StaysUnderLimit()
    {
        var renderer = new CardRenderer(folder, NullLogger<CardRenderer>.Instance);
        var longAnswer = string.Concat(Enumerable.Repeat("A long answer about governance arrangements. ", 150));
        ReviewItemView Item(int i, string answer) => new($"q{i}", "Section", $"Question {i}?", answer, false, $"Edit: Question {i}?");
        var full = CardSamples.View<ReviewView>() with { Items = Enumerable.Range(1, 30).Select(i => Item(i, longAnswer)).ToList() };
        var shortened = full with { Items = full.Items.Select(i => i with { Answer = CardText.Shorten(i.Answer, 300) }).ToList() };

        var card = renderer.Render(shortened);

        Assert.Throws<CardTooLargeException>(() => renderer.Render(full));
        Assert.True(Encoding.UTF8.GetByteCount(card.ToJsonString()) < CardRenderer.MaxCardBytes);
        Assert.Equal(6750, longAnswer.Length); // the stored answer itself is untouched
    }

    [Fact]
    public void From_RenderedCard_WrapsWithAdaptiveCardContentType()
    {
        var card = CardSamples.Render(new ErrorView("Not allowed", "No."));

        var attachment = CardAttachment.From(card);

        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.Same(card, attachment["content"]);
    }

    private void Edit(string name, string from, string to)
    {
        var path = Path.Combine(folder, name + ".json");
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
    }

    private sealed class ListLogger : ILogger<CardRenderer>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
