using System.Globalization;
using System.Net;
using System.Text;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Reviews;

/// <summary>The e-mail reporting a completed review to SMT (3.8, 4.3): the recommendation first, then every answer. Pure.</summary>
internal static class ReviewSummaryEmail
{
    public static string Subject(Partnership partnership, ReviewOutcome outcome) =>
        $"{AnnualCycle.Title(outcome.Kind, outcome.CycleYear)} completed: {partnership.Name}";

    public static string Html(Partnership partnership, ReviewOutcome outcome, Draft draft, QuestionnaireDefinition definition)
    {
        var html = new StringBuilder();
        html.Append("<h2>").Append(Encode(Subject(partnership, outcome))).Append("</h2>");
        html.Append("<table>");
        Row(html, "Partnership", partnership.Name);
        Row(html, "Lead officer", AnnualCycleMessages.LeadOfficerText(partnership));
        Row(html, "Completed by", outcome.CompletedByName);
        Row(html, "Completed on", UkDate.Day(outcome.CompletedOn));
        Row(html, "Recommendation", ReviewAnswers.RecommendationText(outcome.Recommendation));
        if (outcome.Reasons.Length > 0)
        {
            Row(html, "Reasons", outcome.Reasons);
        }

        if (outcome.ContingentLiabilities.Length > 0)
        {
            Row(html, "Contingent liabilities", outcome.ContingentLiabilities);
        }

        html.Append("</table><h3>Answers</h3><table>");
        foreach (var step in definition.Steps)
        {
            Row(html, step.Text, JourneyCards.AnswerText(step, draft.AnswerTo(step.Id)));
        }

        html.Append("</table>");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><th align=\"left\" valign=\"top\">").Append(Encode(label)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");

    // Officers' text is data: encoded, with line breaks kept.
    private static string Encode(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal);
}
