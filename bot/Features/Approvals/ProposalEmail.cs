using System.Net;
using System.Text;

namespace PartnershipBot.Features.Approvals;

/// <summary>
/// The proposal as readable HTML for the approval e-mail: the same items as the card pages (issue 16.1). Every text is
/// encoded, so officers' text is never markup.
/// </summary>
internal static class ProposalEmail
{
    /// <summary>Added when the Word paper is over Graph's inline attachment limit.</summary>
    public const string TooLargeToAttach =
        "<p>The proposal as a Word document is too large to attach: press \"Download as Word\" on the proposal in PartnershipBot.</p>";

    public static string Body(Proposal p)
    {
        var html = new StringBuilder();
        html.Append("<p>A new partnership proposal has been submitted for approval.</p>");
        html.Append("<h2>").Append(Encode(p.Title)).Append("</h2>");
        html.Append("<p>Reference ").Append(Encode(p.Reference)).Append(". Submitted by ").Append(Encode(p.SubmittedBy))
            .Append(" on ").Append(Encode(ApprovalCards.When(p.SubmittedAt))).Append(". Version ").Append(p.Version).Append(".</p>");
        html.Append("<p><strong>").Append(Encode(p.StatusText)).Append("</strong><br>").Append(Encode(p.Flags.Text())).Append("</p>");
        var open = false;
        foreach (var item in ProposalPages.Items(p))
        {
            if (item.Heading is { } heading)
            {
                html.Append(open ? "</table>" : "").Append("<h3>").Append(Encode(heading)).Append("</h3>")
                    .Append("<table cellpadding=\"4\" style=\"border-collapse:collapse\">");
                open = true;
            }

            html.Append("<tr><th align=\"left\" valign=\"top\">").Append(Encode(item.Label ?? ""));
            if (item.Note is { } note)
            {
                html.Append("<br><em>").Append(Encode(note)).Append("</em>");
            }

            html.Append("</th><td>").Append(Encode(item.Text)).Append("</td></tr>");
        }

        html.Append(open ? "</table>" : "");
        html.Append("<p>To decide, use the approval card from PartnershipBot in Teams (\"Open the proposal\" shows this there too).</p>");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal);
}
