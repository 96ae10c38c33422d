using PartnershipBot.Features.Welcome;
using PartnershipBot.Hosting;
using PartnershipBot.Tests.Features.Reviews;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Ux;

/// <summary>Help by role with the typed commands, "did you mean", and a role-aware menu (issue 18, items 12-13).</summary>
public sealed class HelpAndMenuTests : IAsyncLifetime
{
    private CycleBot _bot = null!;

    // Registered in January 2027; on 20 March 2027 the 2027 returns are due, and overdue from 15 March (see RegisterCommandTests).
    public async Task InitializeAsync()
    {
        _bot = await CycleBot.StartAsync(new DateTimeOffset(2027, 1, 10, 10, 0, 0, TimeSpan.Zero));
        _bot.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 20, 10, 0, 0, TimeSpan.Zero));
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Help_Ppm_ListsTheirOwnCommandsFirstThenEveryonesTypedCommands()
    {
        var texts = CardInspector.Texts((await _bot.Harness.User("Pat", CycleBot.Ppm).SayAsync("help")).Card);

        Assert.Contains(texts, t => t.StartsWith("You are the People and Policy Manager", StringComparison.Ordinal));
        var ppm = texts.ToList().IndexOf("As the People and Policy Manager");
        var everyone = texts.ToList().IndexOf("Everyone");
        Assert.InRange(ppm, 0, everyone - 1);
        foreach (var typed in new[] { "audit report", "outbox", "register role HCS", "register overdue", "reopen", "resume", "cancel" })
        {
            Assert.Contains(typed, texts);
        }
    }

    [Fact]
    public async Task Help_Officer_ListsNoPpmCommands()
    {
        var texts = CardInspector.Texts((await _bot.Harness.User("Olga", "aad-olga").SayAsync("help")).Card);

        Assert.DoesNotContain("audit report", texts);
        Assert.DoesNotContain("As the People and Policy Manager", texts);
        Assert.Contains("new partnership", texts);
        Assert.DoesNotContain(texts, t => t.StartsWith("You are", StringComparison.Ordinal));
    }

    [Fact]
    public void HelpTopics_EveryRoutedCommand_IsListedAndNothingElse()
    {
        var routed = TurnRoutes.Build().Commands.Select(c => c.Command).ToHashSet();
        var listed = HelpTopics.All.Select(HelpTopics.CommandOf).Select(c => c.Split(' ') is [var first, ..] && !routed.Contains(c) ? first : c).ToHashSet();

        Assert.Empty(routed.Except(listed));
        Assert.Empty(listed.Except(routed));
    }

    [Theory]
    [InlineData("registr", "register")]
    [InlineData("my partnership", "my partnerships")]
    [InlineData("audit reprot", "audit report")]
    [InlineData("hlep", "help")]
    public async Task UnknownText_CloseToACommand_SaysDidYouMeanWithTheMenu(string typed, string suggested)
    {
        var card = (await _bot.Harness.User("Olga", "aad-olga").SayAsync(typed)).Card!;

        Assert.Contains($"Did you mean \"{suggested}\"?", CardInspector.AllText(card));
        Assert.Contains("New partnership", CardInspector.ButtonTitles(card));
    }

    [Fact]
    public async Task UnknownText_NothingClose_MenuWithoutASuggestion()
    {
        var card = (await _bot.Harness.User("Olga", "aad-olga").SayAsync("what is the weather like")).Card!;

        Assert.DoesNotContain("Did you mean", CardInspector.AllText(card));
        Assert.Contains("is not something I know", CardInspector.AllText(card));
        Assert.Contains("New partnership", CardInspector.ButtonTitles(card));
    }

    [Fact]
    public async Task Menu_Ppm_RegisterFirstWithTheOverdueCountOfTheRegister()
    {
        var pat = _bot.Harness.User("Pat", CycleBot.Ppm);
        var overdue = CardInspector.AllText((await pat.SayAsync("register overdue")).Card);
        var count = System.Text.RegularExpressions.Regex.Match(overdue, @"showing (\d+) of").Groups[1].Value;

        var menu = (await pat.ClickAsync((await pat.SayAsync("help")).Card!, "Show the menu"));

        Assert.Equal("Register", CardInspector.ButtonTitles(menu)[0]);
        Assert.Contains("Waiting for you", CardInspector.Texts(menu));
        Assert.Contains($"{count} partnerships in the register are overdue for review: type register overdue.", CardInspector.Texts(menu));
    }

    [Fact]
    public async Task Menu_LeadOfficer_SaysTheirRoleAndReviewsDue()
    {
        var menu = (await _bot.Harness.User("Hana", CycleBot.Hcs).SayAsync("hello")).Card!;

        Assert.Equal("New partnership", CardInspector.ButtonTitles(menu)[0]);
        Assert.Contains("You are lead officer of 5 partnerships.", CardInspector.Texts(menu));
        Assert.Contains(CardInspector.Texts(menu), t => t.EndsWith("have a review due: open My partnerships.", StringComparison.Ordinal));
        Assert.DoesNotContain(CardInspector.Texts(menu), t => t.Contains("in the register are overdue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Menu_SmtMember_IsToldApprovalsComeAsCards()
    {
        var help = CardInspector.Texts((await _bot.Harness.User("Sam", "aad-sam").SayAsync("help")).Card);

        Assert.Contains("You are on the Senior Management Team.", help);
        Assert.Contains("On the Senior Management Team", help);
    }
}
