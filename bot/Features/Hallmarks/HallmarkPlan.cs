using System.Text.Json;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>
/// Splits an improvement plan into card-sized pages. Items are measured as the card will carry them (JSON-escaped
/// UTF-8), so a page of long or non-Latin answers holds fewer items instead of going over the 40 KB card limit.
/// </summary>
internal static class HallmarkPlan
{
    /// <summary>Bytes one item's card elements add around its two texts.</summary>
    public const int ItemOverhead = 250;

    /// <summary>Longest item text on a plan page: long enough for a whole question, action (1,000) and owner.</summary>
    public const int PageItemLength = 1600;

    /// <summary>Item bytes on one plan page, leaving room for the card around them.</summary>
    public const int PageBudget = 30_000;

    /// <summary>Items on one plan page at most, so a page stays readable.</summary>
    public const int PageMaxItems = 15;

    /// <summary>The pages of a plan as (first item, count); an empty plan has no pages.</summary>
    public static IReadOnlyList<(int Start, int Count)> Pages(IReadOnlyList<ImprovementView> items, int budget, int maxItems)
    {
        var pages = new List<(int, int)>();
        for (var start = 0; start < items.Count;)
        {
            var count = Fit(items, start, budget, maxItems);
            pages.Add((start, count));
            start += count;
        }

        return pages;
    }

    /// <summary>How many items from <paramref name="start"/> fit the budget (always at least one).</summary>
    public static int Fit(IReadOnlyList<ImprovementView> items, int start, int budget, int maxItems)
    {
        var used = 0;
        var count = 0;
        while (start + count < items.Count && count < maxItems)
        {
            used += Bytes(items[start + count]);
            if (used > budget && count > 0)
            {
                break;
            }

            count++;
        }

        return count;
    }

    /// <summary>One page of the plan (1-based; out-of-range numbers show the nearest page).</summary>
    public static HallmarkPlanView Page(string draftId, string partnershipId, string partnershipName, string assessedAtText, IReadOnlyList<Improvement> plan, int page)
    {
        var items = plan.Select(i => new ImprovementView(i.Hallmark, CardText.Shorten(HallmarkResults.ImprovementText(i), PageItemLength))).ToList();
        var pages = Pages(items, PageBudget, PageMaxItems);
        var number = Math.Clamp(page, 1, Math.Max(1, pages.Count));
        var (start, count) = pages.Count == 0 ? (0, 0) : pages[number - 1];
        var pageText = pages.Count == 0
            ? "No improvement items: every question was answered Yes or Not applicable."
            : $"{plan.Count} improvement item{(plan.Count == 1 ? "" : "s")} (every question answered Partly or No). "
                + $"Page {number} of {pages.Count}: items {start + 1} to {start + count}.";
        return new HallmarkPlanView(draftId, partnershipId, partnershipName, assessedAtText, pageText, items.Skip(start).Take(count).ToList(),
            number - 1, number + 1, number > 1, number < pages.Count);
    }

    private static int Bytes(ImprovementView item) =>
        ItemOverhead + JsonSerializer.Serialize(item.Hallmark).Length + JsonSerializer.Serialize(item.Text).Length;
}
