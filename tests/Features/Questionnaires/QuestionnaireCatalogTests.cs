using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Tests.Features.Questionnaires;

/// <summary>Loading the folder, and registration that validates when the host starts.</summary>
public sealed class QuestionnaireCatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("questionnaires-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_MissingFolder_ThrowsNamingTheFolder()
    {
        var missing = Path.Combine(_folder, "nope");

        var ex = Assert.Throws<QuestionnaireDefinitionException>(() => QuestionnaireCatalog.Load(missing));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OneBadFile_ThrowsNamingThatFileAndStep()
    {
        CopyShipped();
        var path = Path.Combine(_folder, "annual-return.json");
        File.WriteAllText(path, File.ReadAllText(path)
            .Replace("\"id\": \"funding\",", "\"id\": \"funding\", \"group\": \"money\",", StringComparison.Ordinal));

        var ex = Assert.Throws<QuestionnaireDefinitionException>(() => QuestionnaireCatalog.Load(_folder));

        Assert.Equal("annual-return.json", ex.FileName);
        Assert.Contains("step 'funding': group 'money' is not declared", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_UnknownId_ThrowsKeyNotFound()
    {
        Assert.Throws<KeyNotFoundException>(() => TestQuestionnaires.Shipped.Get("no-such-questionnaire"));
        Assert.False(TestQuestionnaires.Shipped.TryGet("no-such-questionnaire", out _));
    }

    [Fact]
    public void Require_AJourneyFileMissing_ThrowsNamingIt()
    {
        CopyShipped();
        File.Delete(Path.Combine(_folder, "hallmarks.json"));
        var catalog = QuestionnaireCatalog.Load(_folder);

        var ex = Assert.Throws<QuestionnaireDefinitionException>(() => catalog.Require(QuestionnaireIds.All));

        Assert.Equal(["questionnaire 'hallmarks' (hallmarks.json) is missing"], ex.Problems);
    }

    [Fact]
    public async Task AddQuestionnaires_ShippedFolder_HostStartsWithOneCatalog()
    {
        using var host = BuildHost(directory: null);

        await host.StartAsync(CancellationToken.None);

        var catalog = host.Services.GetRequiredService<QuestionnaireCatalog>();
        Assert.Same(catalog, host.Services.GetRequiredService<QuestionnaireCatalog>());
        Assert.Equal(67, catalog.Get(QuestionnaireIds.Hallmarks).Steps.Count);
        await host.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AddQuestionnaires_InvalidFile_HostFailsToStart()
    {
        CopyShipped();
        File.WriteAllText(Path.Combine(_folder, "three-year-review.json"), "{ \"id\": \"three-year-review\", \"version\": 0 }");
        using var host = BuildHost(_folder);

        var ex = await Assert.ThrowsAsync<QuestionnaireDefinitionException>(() => host.StartAsync(CancellationToken.None));

        Assert.Equal("three-year-review.json", ex.FileName);
    }

    private static IHost BuildHost(string? directory)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddQuestionnaires(directory);
        return builder.Build();
    }

    private void CopyShipped()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Questionnaires"), "*.json"))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }
}
