using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Tests.Cards;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Ux;

/// <summary>The improvement plan's pages always lead somewhere (issue 18, item 5).</summary>
public sealed class HallmarkPlanPageTests
{
    [Fact]
    public void Page_LastPage_OffersThePartnershipAndTheMenu()
    {
        var plan = Enumerable.Range(1, 20).Select(i => new Improvement("Leadership", $"Question {i}", "Partly", "", "", "")).ToList();

        var card = CardSamples.Render(HallmarkPlan.Page("d1", "p1", "Partnership", "on 1 May 2026 by Sam", plan, 2));

        var buttons = CardInspector.ButtonTitles(card);
        Assert.DoesNotContain("Next page", buttons);
        Assert.Contains("Previous page", buttons);
        Assert.Contains("Open partnership", buttons);
        Assert.Contains("Show the menu", buttons);
        Assert.Equal("p1", CardInspector.FindExecuteAction(card, "Open partnership")!["data"]!["partnershipId"]!.GetValue<string>());
    }
}
