using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.AuditReport;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;

namespace PartnershipBot.Tab;

/// <summary>A Word paper the tab offers: which kind, which one, and what to call it.</summary>
internal sealed record TabPaper(string Kind, string SubjectId, string Title);

/// <summary>
/// The Word papers on the tab: the proposals page, and the papers of a partnership or a year. A paper is offered only
/// when its own source says the caller may read it (<see cref="DocumentDownloads.MayReadAsync"/>: the cards' rules), and
/// downloaded through the same one-use links as from a card, minted for the caller after the same check.
/// </summary>
internal static class TabPapers
{
    private const string NotAllowed = "You can download only the papers you may read: your own proposals and reviews, and those you are asked to decide on or report on.";

    /// <summary>The proposals that are the caller's business (their own, and those waiting that they may read), each with its paper.</summary>
    public static async Task<IResult> ProposalsAsync(HttpContext context, TabAccess access, ProposalQueries proposals, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.CallerAsync(context, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var list = await proposals.ReadableAsync(caller, cancellationToken);
        return TabJson.Ok(new
        {
            Proposals = list.Select(s => new
            {
                s.Id,
                Reference = ApprovalCards.Reference(s.Id),
                s.Title,
                SubmittedBy = s.Submitter.Name,
                s.SubmittedAt,
                s.ProposalVersion,
                StatusText = ApprovalCards.StatusText(s),
                Mine = string.Equals(s.Submitter.Id, caller.Id, StringComparison.OrdinalIgnoreCase),
                Paper = new TabPaper(ProposalDocumentSource.DocumentKind, s.Id, $"Proposal {ApprovalCards.Reference(s.Id)}"),
            }).ToList(),
        });
    }

    /// <summary>The papers of one partnership the caller may read: the proposal it came from, and each year's review report, newest first.</summary>
    public static async Task<IReadOnlyList<TabPaper>> OfPartnershipAsync(
        Caller caller, PartnershipDetails details, ProposalQueries proposals, DocumentDownloads downloads, CancellationToken cancellationToken)
    {
        var papers = new List<TabPaper>();
        var p = details.Partnership;
        if (await proposals.ProposalOfAsync(caller, p.Id, cancellationToken) is { } proposal
            && await downloads.MayReadAsync(caller, ProposalDocumentSource.DocumentKind, proposal.Id, cancellationToken))
        {
            papers.Add(new TabPaper(ProposalDocumentSource.DocumentKind, proposal.Id, $"New-partnership proposal {ApprovalCards.Reference(proposal.Id)}"));
        }

        foreach (var review in details.Reviews.OrderByDescending(r => r.CycleYear))
        {
            var subject = ReviewDocumentSource.Subject(p.Id, review.CycleYear);
            if (await downloads.MayReadAsync(caller, ReviewDocumentSource.DocumentKind, subject, cancellationToken))
            {
                papers.Add(new TabPaper(ReviewDocumentSource.DocumentKind, subject, $"{AnnualCycle.Title(review.Kind, review.CycleYear)}: report to SMT"));
            }
        }

        return papers;
    }

    /// <summary>The Audit Committee's papers of a cycle year that the caller may read.</summary>
    public static async Task<IReadOnlyList<TabPaper>> OfYearAsync(Caller caller, int year, DocumentDownloads downloads, CancellationToken cancellationToken)
    {
        var subject = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await downloads.MayReadAsync(caller, AuditCommitteeDocumentSource.DocumentKind, subject, cancellationToken)
            ? [new TabPaper(AuditCommitteeDocumentSource.DocumentKind, subject, $"Audit Committee summary, {year} cycle")]
            : [];
    }

    /// <summary>POST /api/tab/documents/{kind}?subject=…: a one-use link for the caller, or 403 when they may not read that paper.</summary>
    public static async Task<IResult> LinkAsync(string kind, string? subject, HttpContext context, TabAccess access, DocumentDownloads downloads, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await access.CallerAsync(context, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        // Only papers go through here: the audit spreadsheet has its own endpoint on the Audit Committee page.
        if (kind is not (ProposalDocumentSource.DocumentKind or ReviewDocumentSource.DocumentKind or AuditCommitteeDocumentSource.DocumentKind)
            || subject is not { Length: > 0 and <= 200 })
        {
            return TabJson.Problem(StatusCodes.Status400BadRequest, "Choose a paper to download from the list.");
        }

        var request = context.Request;
        var link = await downloads.IssueAsync(caller, kind, subject, new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/"), cancellationToken);
        return link is null
            ? TabJson.Problem(StatusCodes.Status403Forbidden, NotAllowed)
            : TabJson.Ok(new { Url = link.Url.AbsoluteUri, link.ExpiresAt, Title = DocumentTitles.Of(kind) });
    }
}
