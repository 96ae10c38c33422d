using PartnershipBot.Features.Journeys;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Hallmarks;

/// <summary>The self-assessment over the real partnership register (key partnerships seeded from Appendix 1).</summary>
public sealed class HallmarkRegisterTests : IAsyncLifetime
{
    private BotHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await BotHarness.StartAsync(o =>
    {
        o.Settings["Register:RoleHolders:HCS"] = "aad-hannah";
        o.Settings["Register:RoleHolders:PPM"] = "aad-pat";
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Assess_SeededPartnershipByItsLeadRoleHolder_StartsAgainstTheRegisterEntry()
    {
        var hannah = _bot.User("Hannah");

        var card = await hannah.AssessAsync("assess community safety partnership");

        Assert.Contains("Question 1 of 67", CardInspector.AllText(card));
        Assert.Equal("kp03", (await _bot.Get<IDraftStore>().GetAsync(StepCard.DraftId(card), default))!.SubjectId);
    }

    [Fact]
    public async Task Assess_SeededPartnershipByAnotherHead_IsNotAllowed()
    {
        var text = CardInspector.AllText((await _bot.User("Oscar").SayAsync("assess community safety partnership")).Card);

        Assert.Contains("Not allowed", text);
        Assert.Empty(await _bot.Get<IDraftStore>().ListBySubjectAsync("kp03", default));
    }

    [Fact]
    public async Task WelcomeButton_Ppm_IsOfferedEveryPartnership()
    {
        var pat = _bot.User("Pat");

        var text = CardInspector.AllText(await pat.ClickAsync((await pat.SayAsync("help")).Card!, "Hallmark self-assessment"));

        Assert.Contains("Community Safety Partnership", text);
        Assert.Contains("Thames Gateway South Essex Partnership", text);
    }
}
