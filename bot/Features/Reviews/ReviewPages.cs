using System.Globalization;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Reviews;

/// <summary>
/// A submitted review as card pages, paged like a proposal (same budget, nothing shortened): the recommendation,
/// every answer in question order, then SMT's record. Pure.
/// </summary>
internal static class ReviewPages
{
    public const string ChangedNote = "Changed since last year";

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static IReadOnlyList<ProposalItemView> Items(ReviewRecord record)
    {
        var review = record.Review;
        var items = new List<ProposalItemView>
        {
            new(review.Kind == ReviewKind.SpecificReview ? "The lead officer's recommendation (section 4.5)" : "Recommendation (section 4.3)", "Recommendation", null, ReviewAnswers.RecommendationText(review.Recommendation)),
            new(null, "Reasons", null, review.Reasons.Length > 0 ? review.Reasons : ProposalPages.NotAnswered),
        };
        if (review.ContingentLiabilities.Length > 0)
        {
            items.Add(new(null, "Contingent liabilities", null, review.ContingentLiabilities));
        }

        if (record.LastYear is not null)
        {
            var changed = record.Definition.Steps
                .Where(step => !ReviewPrefill.AskedEveryYear.Contains(step.Id) && ReviewPrefill.Changed(step, record.Draft, record.LastYear))
                .Select(step => step.Text).ToList();
            items.Add(new(null, "Changed since last year's review", null,
                changed.Count == 0 ? "No answer has changed." : $"{changed.Count} answers: " + string.Join("; ", changed)));
        }

        string? section = null;
        foreach (var step in record.Definition.Steps)
        {
            var heading = step.Section != section ? step.Section : null;
            section = step.Section;
            var answer = record.Draft.AnswerTo(step.Id);
            var fields = Fields(step, answer);
            // Answers changed since last year's review are marked for SMT (issue 17.2); so are those kept unchanged.
            var note = record.LastYear is null || ReviewPrefill.AskedEveryYear.Contains(step.Id) ? null
                : ReviewPrefill.Changed(step, record.Draft, record.LastYear) ? ChangedNote : "Same as last year";
            for (var i = 0; i < fields.Count; i++)
            {
                items.Add(new(i == 0 ? heading : null, i == 0 ? step.Text : null, i == 0 ? note : null, fields[i]));
            }
        }

        items.Add(new("SMT's record", null, null, review.Decisions.Count == 0 ? "Nothing recorded yet." : $"{review.Decisions.Count} entries, oldest first."));
        foreach (var d in review.Decisions)
        {
            items.Add(new(null, $"{ReviewDecision.Text(d.Kind)}, {UkDate.Day(d.At)}", null,
                d.ByName + (d.Comment.Length > 0 ? ": " + d.Comment : "")));
        }

        return items;
    }

    public static ReviewDecisionView Page(ReviewRecord record, int page, string? message = null)
    {
        var items = Items(record);
        var pages = ProposalPages.Pages(items, ProposalPages.PageBudget, ProposalPages.PageMaxItems);
        var number = Math.Clamp(page, 1, pages.Count);
        var (start, count) = pages[number - 1];
        var review = record.Review;
        return new ReviewDecisionView(
            record.Partnership.Id,
            review.DraftId,
            review.Kind == ReviewKind.SpecificReview ? null : AnnualCycle.Subject(record.Partnership.Id, review.CycleYear),
            $"{AnnualCycle.Title(review.Kind, review.CycleYear)} ({ReviewCompletion.Reference(review)})",
            record.Partnership.Name,
            review.CompletedByName,
            UkDate.Day(review.CompletedOn),
            ReviewAnswers.RecommendationText(review.Recommendation),
            StatusText(record),
            message,
            $"Page {number} of {pages.Count}.",
            items.Skip(start).Take(count).ToList(),
            number - 1,
            number + 1,
            number > 1,
            number < pages.Count,
            record.CanDecide,
            record.CanAnswer,
            record.CanRecordLiabilities);
    }

    /// <summary>Where the review stands, in words.</summary>
    public static string StatusText(ReviewRecord record)
    {
        var review = record.Review;
        if (review.Decision is { } d)
        {
            var text = $"SMT: {ReviewDecision.Text(d.Kind)} by {d.ByName} on {UkDate.Day(d.At)}.";
            if (d.Kind == ReviewDecisionKind.AgreeDisengagement)
            {
                text += record.Partnership.ContingentLiabilityRecords.Count > 0
                    ? " The partnership is Disengaging; its contingent liabilities are recorded."
                    : " The partnership is Disengaging: the lead officer is asked to record the contingent liabilities of disengagement (section 3.7).";
            }

            return text;
        }

        return review.Decisions.LastOrDefault() switch
        {
            { Kind: ReviewDecisionKind.MoreInformationRequested } asked => $"Awaiting SMT's decision: {asked.ByName} asked the lead officer for more information.",
            { Kind: ReviewDecisionKind.InformationGiven } given => $"Awaiting SMT's decision: {given.ByName} answered SMT's question.",
            _ => review.Kind == ReviewKind.SpecificReview
                ? "Awaiting SMT's decision on the lead officer's recommendation after the specific review (section 4.5)."
                : "Awaiting SMT's decision (sections 3.8 and 4.3).",
        };
    }

    private static List<string> Fields(StepDefinition step, StepAnswer? answer)
    {
        if (answer is null)
        {
            return [ProposalPages.NotAnswered];
        }

        if (answer.Skipped)
        {
            return ["Skipped"];
        }

        if (step.Repeatable)
        {
            return answer.Items.Count == 0 ? ["None"]
                : answer.Items.Select((item, i) => $"{i + 1}. " + string.Join("; ", step.Fields.Where(f => item.GetValueOrDefault(f.Id, "").Length > 0)
                    .Select(f => $"{f.Label}: {item[f.Id]}"))).ToList();
        }

        return step.Fields.Select(f => (step.Fields.Count == 1 ? "" : f.Label + ": ") + (answer.Value(f.Id) is { Length: > 0 } v ? v : ProposalPages.NotAnswered)).ToList();
    }
}
