using System.Globalization;
using System.Text.Json;
using PartnershipBot.Cards.Views;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// A proposal as card pages. Every field is its own item, measured as the card carries it (JSON-escaped UTF-8), so a page
/// of the longest escaped answers holds fewer items instead of passing Teams' 40 KB limit; nothing is shortened.
/// </summary>
internal static class ProposalPages
{
    public const string NotAnswered = "Not answered";

    /// <summary>Bytes one item's card elements add around its texts.</summary>
    public const int ItemOverhead = 420;

    /// <summary>Item bytes on one page, leaving room for the card around them (header, status, flags, buttons).</summary>
    public const int PageBudget = 28_000;

    /// <summary>Items on one page at most, so a page stays readable.</summary>
    public const int PageMaxItems = 30;

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Every item of the proposal in reading order: sections of answers, self-checks, risks, decisions.</summary>
    public static IReadOnlyList<ProposalItemView> Items(Proposal p)
    {
        var items = new List<ProposalItemView>();
        var changedNote = p.ComparedWithVersion is { } v ? $"Changed since version {v}" : null;
        foreach (var section in p.Sections)
        {
            var heading = section.Title;
            foreach (var answer in section.Answers)
            {
                AddFields(items, ref heading, answer.Question, answer.Changed ? changedNote : null, answer.Fields);
                if (answer.Previous is { } previous)
                {
                    AddFields(items, ref heading, $"Previous answer (version {p.ComparedWithVersion})", null, previous);
                }
            }
        }

        string? checks = "Self-check (section 3.1)";
        foreach (var c in p.Checks)
        {
            items.Add(new ProposalItemView(Take(ref checks), c.Criterion, c.Changed ? changedNote : null, c.Rating ?? NotAnswered));
            items.Add(new ProposalItemView(null, null, null, "Comment: " + (c.Comment ?? NotAnswered)));
            if (c.Previous is { } old)
            {
                items.Add(new ProposalItemView(null, $"Previous assessment (version {p.ComparedWithVersion})", null, old.Rating ?? NotAnswered));
                items.Add(new ProposalItemView(null, null, null, "Comment: " + (old.Comment ?? NotAnswered)));
            }
        }

        string? risks = "Risk assessment (section 3.3)";
        if (p.Risks.Count == 0)
        {
            items.Add(new ProposalItemView(Take(ref risks), null, null, "No risks recorded."));
        }

        AddRisks(items, ref risks, p.Risks, "Risk", p.PreviousRisks is null ? null : changedNote);
        if (p.PreviousRisks is { } previousRisks)
        {
            string? none = null;
            AddRisks(items, ref none, previousRisks, $"Previous risk (version {p.ComparedWithVersion})", null);
        }

        string? decisions = "Decisions and comments so far";
        if (p.Decisions.Count == 0)
        {
            items.Add(new ProposalItemView(Take(ref decisions), null, null, "None yet."));
        }

        foreach (var e in p.Decisions)
        {
            var label = e.Role == "comment"
                ? $"Comment, {ApprovalCards.When(e.At)}"
                : string.Create(EnGb, $"{e.What} ({e.Role}), {ApprovalCards.When(e.At)}, version {e.ProposalVersion}");
            items.Add(new ProposalItemView(Take(ref decisions), label, null, e.By + (e.Comment is null ? "" : ": " + e.Comment)));
        }

        return items;
    }

    /// <summary>One page (1-based; out-of-range numbers show the nearest page).</summary>
    public static ProposalPageView Page(Proposal p, int page)
    {
        var items = Items(p);
        var pages = Pages(items, PageBudget, PageMaxItems);
        var number = Math.Clamp(page, 1, pages.Count);
        var (start, count) = pages[number - 1];
        var versionText = p.LatestVersion == 1 ? "Version 1."
            : p.ComparedWithVersion is { } v ? $"Version {p.Version} of {p.LatestVersion}; answers changed since version {v} are marked, with the previous answer."
            : $"Version {p.Version} of {p.LatestVersion}.";
        return new ProposalPageView(p.Id, p.Reference, p.Title, p.SubmittedBy, ApprovalCards.When(p.SubmittedAt), versionText,
            p.StatusText, p.Flags.Text(), $"Page {number} of {pages.Count}.", items.Skip(start).Take(count).ToList(),
            p.Version, number - 1, number + 1, number > 1, number < pages.Count, p.Version > 1, p.Version - 1,
            CanNameDivisionalHead: p.MayNameDivisionalHead && number == 1);
    }

    /// <summary>One page of a proposal's History view (issue 16.4), paged like the proposal itself.</summary>
    public static ProposalPageView HistoryPage(Submission s, IReadOnlyList<ProposalItemView> entries, int page)
    {
        var items = entries.Count == 0 ? [new ProposalItemView("History", null, null, "Nothing recorded yet.")] : entries;
        var pages = Pages(items, PageBudget, PageMaxItems);
        var number = Math.Clamp(page, 1, pages.Count);
        var (start, count) = pages[number - 1];
        return new ProposalPageView(s.Id, ApprovalCards.Reference(s.Id), s.Title, s.Submitter.Name, ApprovalCards.When(s.SubmittedAt),
            "History: every state change, decision, comment and notification, oldest first.", ApprovalCards.StatusText(s), "",
            $"Page {number} of {pages.Count}.", items.Skip(start).Take(count).ToList(), s.ProposalVersion, number - 1, number + 1,
            number > 1, number < pages.Count, HasEarlierVersion: false, EarlierVersion: 0, View: "history", IsHistory: true);
    }

    /// <summary>The pages as (first item, count); always at least one page.</summary>
    public static IReadOnlyList<(int Start, int Count)> Pages(IReadOnlyList<ProposalItemView> items, int budget, int maxItems)
    {
        var pages = new List<(int, int)>();
        for (var start = 0; start < items.Count;)
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

            pages.Add((start, count));
            start += count;
        }

        return pages.Count == 0 ? [(0, 0)] : pages;
    }

    private static void AddRisks(List<ProposalItemView> items, ref string? heading, IReadOnlyList<ProposalRisk> risks, string name, string? note)
    {
        foreach (var r in risks)
        {
            items.Add(new ProposalItemView(Take(ref heading), string.Create(CultureInfo.InvariantCulture,
                $"{name} {r.Number}: likelihood {r.Likelihood} × impact {r.Impact} = {r.Score}, rated {r.Band}"), r.Number == 1 ? note : null, r.Description));
            items.Add(new ProposalItemView(null, null, null, "Mitigation: " + (r.Mitigation ?? NotAnswered)));
            items.Add(new ProposalItemView(null, null, null, "Owner: " + (r.Owner ?? NotAnswered)));
        }
    }

    private static void AddFields(List<ProposalItemView> items, ref string? heading, string label, string? note, IReadOnlyList<ProposalField> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            var text = (f.Label.Length == 0 ? "" : f.Label + ": ") + (f.Value ?? NotAnswered);
            items.Add(new ProposalItemView(Take(ref heading), i == 0 ? label : null, i == 0 ? note : null, text));
        }
    }

    /// <summary>The heading for the first item of a section only.</summary>
    private static string? Take(ref string? heading)
    {
        var h = heading;
        heading = null;
        return h;
    }

    private static int Bytes(ProposalItemView item) =>
        ItemOverhead + Size(item.Heading) + Size(item.Label) + Size(item.Note) + Size(item.Text);

    private static int Size(string? text) => text is null ? 0 : JsonSerializer.Serialize(text).Length;
}
