using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Hallmarks;

namespace PartnershipBot.Tests.Features.Hallmarks;

/// <summary>Paging the improvement plan by size: every item on exactly one page, pages within their budget.</summary>
public sealed class HallmarkPlanTests
{
    private static ImprovementView Item(int length, char c = 'a') => new("Engaged Communities", new string(c, length));

    [Fact]
    public void Pages_MixedSizes_CoverEveryItemOnceInOrderWithinBudget()
    {
        var items = Enumerable.Range(0, 40).Select(i => Item(i % 3 == 0 ? 1500 : 100)).ToList();

        var pages = HallmarkPlan.Pages(items, budget: 5_000, maxItems: 15);

        Assert.Equal(Enumerable.Range(0, 40), pages.SelectMany(p => Enumerable.Range(p.Start, p.Count)));
        Assert.All(pages, p => Assert.InRange(p.Count, 1, 15));
        Assert.True(pages.Count > 3, $"Expected the budget to split 40 items into more than 3 pages, got {pages.Count}.");
    }

    [Fact]
    public void Fit_EscapedCharacters_CountAsTheirJsonBytes()
    {
        // 'é' is written as \u00E9 in the card's JSON: six bytes, so a sixth as many fit.
        var plain = Enumerable.Range(0, 20).Select(_ => Item(600)).ToList();
        var escaped = Enumerable.Range(0, 20).Select(_ => Item(600, 'é')).ToList();

        Assert.True(HallmarkPlan.Fit(escaped, 0, 20_000, 20) < HallmarkPlan.Fit(plain, 0, 20_000, 20));
    }

    [Fact]
    public void Fit_OneItemOverTheBudget_StillShowsIt()
    {
        Assert.Equal(1, HallmarkPlan.Fit([Item(5_000), Item(10)], 0, 1_000, 15));
    }

    [Fact]
    public void Page_NumberPastTheEnd_ShowsTheLastPageWithPrevious()
    {
        var plan = Enumerable.Range(0, 20).Select(i => new Improvement("Engaged Communities", $"Question {i}?", "No", "", "", "")).ToList();

        var page = HallmarkPlan.Page("d1", "p1", "Partnership", "on 1 May 2026 by Sam", plan, 99);

        Assert.Equal((false, true), (page.HasNextPage, page.HasPreviousPage));
        Assert.Contains("Question 19?", page.Improvements[^1].Text);
        Assert.Contains("20 improvement items", page.PageText);
    }
}
