using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Tests.Features.Hallmarks;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Ux;

/// <summary>Hallmark question cards name the partnership being assessed (issue 18, item 18).</summary>
public sealed class HallmarkQuestionCardTests : IAsyncLifetime
{
    private static readonly PartnershipRef Safety = new("p-csp", "Community Safety Partnership", "aad-alice");
    private static readonly PartnershipRef Roads = new("p-roads", "Safer Roads Partnership", "aad-alice");

    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(o => o.Services = services =>
    {
        services.RemoveAll<IPartnershipLookup>();
        services.AddSingleton<IPartnershipLookup>(new FakePartnershipLookup("aad-pat", Safety, Roads));
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Assess_QuestionCards_NameThePartnershipBeingAssessed()
    {
        var alice = _bot.User("Alice");

        var first = await alice.AssessAsync("assess safer roads partnership");
        var second = await alice.ClickAsync(first, "Next", new Dictionary<string, string> { ["rating"] = "Yes" });

        Assert.True(StepCard.IsQuestion(first) && StepCard.IsQuestion(second));
        // The subject line is the draft's title, which names the partnership (e.g. "Hallmarks self-assessment: Safer Roads Partnership").
        Assert.Contains("Partnership: ", CardInspector.Texts(first));
        Assert.Contains(CardInspector.Texts(first), t => t.EndsWith("Safer Roads Partnership", StringComparison.Ordinal));
        Assert.Contains(CardInspector.Texts(second), t => t.EndsWith("Safer Roads Partnership", StringComparison.Ordinal));
        Assert.DoesNotContain(CardInspector.Texts(second), t => t.Contains("Community Safety Partnership", StringComparison.Ordinal));
    }
}
