using Microsoft.Extensions.Options;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Partnerships;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Hosting;

namespace PartnershipBot.Features.Reviews;

/// <summary>A submitted review with its answers and, when there was one, the previous year's review answers.</summary>
internal sealed record LoadedReview(Partnership Partnership, ReviewOutcome Review, Draft Draft, Draft? LastYear);

/// <summary>A submitted review as one reader sees it, with what that reader may do now.</summary>
internal sealed record ReviewRecord(
    Partnership Partnership,
    ReviewOutcome Review,
    Draft Draft,
    Draft? LastYear,
    QuestionnaireDefinition Definition,
    bool CanDecide,
    bool CanAnswer,
    bool CanRecordLiabilities);

/// <summary>The answer to a review query.</summary>
internal abstract record ReviewReadResult
{
    public sealed record Found(ReviewRecord Record) : ReviewReadResult;

    public sealed record NotFound : ReviewReadResult;

    public sealed record NotAllowed : ReviewReadResult;
}

/// <summary>
/// Reading submitted reviews and recording SMT's decisions on them. The rules of who may do what live here once, decided
/// from the caller's Entra object id and tenant: SMT (the Approvals settings) decide or ask a question; the lead officer
/// (or whoever completed the review) answers it and, once disengagement is agreed, records its contingent liabilities
/// (so may the PPM); SMT, the lead officer, the completer and the PPM may read it; nobody else, nobody from another tenant.
/// </summary>
internal sealed class ReviewDecisions(
    IPartnershipRegister register,
    IDraftStore drafts,
    QuestionnaireCatalog catalog,
    ISmtMembers smt,
    IOptions<RegisterOptions> registerOptions,
    IOptions<BotOptions> bot,
    TimeProvider time)
{
    public const string NotAllowedText = "Only SMT, the partnership's lead officer and the People and Policy Manager can read this review.";

    public async Task<ReviewReadResult> GetAsync(Caller caller, string partnershipId, string draftId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(partnershipId, draftId, cancellationToken) is not { } loaded)
        {
            return new ReviewReadResult.NotFound();
        }

        var record = await RecordForAsync(caller, loaded, cancellationToken);
        return record is null ? new ReviewReadResult.NotAllowed() : new ReviewReadResult.Found(record);
    }

    /// <summary>Records SMT's decision or question, or the lead officer's answer, after checking who is asking.</summary>
    public async Task<ReviewDecisionResult> DecideAsync(
        Caller caller, string partnershipId, string draftId, ReviewDecisionKind kind, string comment, CancellationToken cancellationToken)
    {
        if (await LoadAsync(partnershipId, draftId, cancellationToken) is not { } loaded)
        {
            return new ReviewDecisionResult.NotFound();
        }

        var (partnership, review) = (loaded.Partnership, loaded.Review);
        var allowed = kind == ReviewDecisionKind.InformationGiven
            ? SameTenant(caller) && IsLead(caller.Id, partnership, review)
            : await IsSmtAsync(caller, cancellationToken);
        if (!allowed)
        {
            return new ReviewDecisionResult.NotAllowed(kind == ReviewDecisionKind.InformationGiven
                ? "Only the partnership's lead officer can answer SMT's question. Nothing has been changed."
                : "Only members of SMT can decide on a review. Nothing has been changed.");
        }

        var request = new ReviewDecisionRequest(kind, caller.Id, caller.Name, comment, time.GetUtcNow());
        ReviewDecisionResult? result = null;
        var saved = await register.UpdateAsync(partnershipId, current =>
        {
            var (updated, outcome) = ReviewDecisionRules.Apply(current, draftId, request);
            result = outcome;
            return updated;
        }, cancellationToken);
        return result is ReviewDecisionResult.Recorded recorded && saved is not null
            ? recorded with { Partnership = saved }
            : result ?? new ReviewDecisionResult.NotFound();
    }

    /// <summary>What <paramref name="caller"/> may do with the review; null when they may not read it.</summary>
    public async Task<ReviewRecord?> RecordForAsync(Caller caller, LoadedReview loaded, CancellationToken cancellationToken)
    {
        var (partnership, review) = (loaded.Partnership, loaded.Review);
        var isSmt = await IsSmtAsync(caller, cancellationToken);
        var isLead = SameTenant(caller) && IsLead(caller.Id, partnership, review);
        var isPpm = SameTenant(caller) && registerOptions.Value.IsPpm(caller.Id);
        if (!isSmt && !isLead && !isPpm)
        {
            return null;
        }

        return RecordAs(loaded, isSmt, isLead, isPpm);
    }

    /// <summary>The review as someone in the given roles sees it (for cards sent to people whose role is already known).</summary>
    public ReviewRecord RecordAs(LoadedReview loaded, bool isSmt, bool isLead, bool isPpm)
    {
        var (partnership, review, draft) = (loaded.Partnership, loaded.Review, loaded.Draft);
        var open = review.Decision is null;
        var asked = review.Decisions.LastOrDefault()?.Kind is ReviewDecisionKind.MoreInformationRequested or ReviewDecisionKind.InformationGiven;
        var disengaging = partnership.Status == PartnershipStatus.Disengaging && review.Decision?.Kind == ReviewDecisionKind.AgreeDisengagement;
        return new ReviewRecord(partnership, review, draft, loaded.LastYear, catalog.Get(draft.QuestionnaireId),
            CanDecide: isSmt && open,
            CanAnswer: isLead && open && asked,
            CanRecordLiabilities: (isLead || isPpm) && disengaging);
    }

    /// <summary>Who hears of SMT's decisions and questions: the lead officer, else whoever completed the review.</summary>
    public static string LeadRecipient(Partnership partnership, ReviewOutcome review) =>
        partnership.LeadOfficerId.Length > 0 ? partnership.LeadOfficerId : review.CompletedById;

    /// <summary>The partnership, its review from <paramref name="draftId"/> and the submitted draft; null when any is missing.</summary>
    public async Task<LoadedReview?> LoadAsync(string partnershipId, string draftId, CancellationToken cancellationToken)
    {
        if (partnershipId.Length is 0 or > 100 || draftId.Length is 0 or > 64
            || await register.FindAsync(partnershipId, cancellationToken) is not { } partnership)
        {
            return null;
        }

        return await LoadAsync(partnership, draftId, cancellationToken);
    }

    /// <summary>The review of <paramref name="partnership"/> from <paramref name="draftId"/>, with last year's answers; null when missing.</summary>
    public async Task<LoadedReview?> LoadAsync(Partnership partnership, string draftId, CancellationToken cancellationToken)
    {
        if (partnership.ForSmt(draftId) is not { } review
            || await drafts.GetAsync(draftId, cancellationToken) is not { Status: DraftStatus.Submitted } draft)
        {
            return null;
        }

        // A specific review's report has no "last year" to compare with.
        var lastYear = review.Kind != ReviewKind.SpecificReview && ReviewPrefill.Previous(partnership, review.CycleYear) is { } previous
            && await drafts.GetAsync(previous.DraftId, cancellationToken) is { Status: DraftStatus.Submitted } old ? old : null;
        return new LoadedReview(partnership, review, draft, lastYear);
    }

    /// <summary>SMT as the Approvals settings define it, from the caller's own tenant.</summary>
    public async Task<bool> IsSmtAsync(Caller caller, CancellationToken cancellationToken) =>
        caller.Id.Length > 0 && SameTenant(caller)
        && (await smt.MemberIdsAsync(cancellationToken)).Any(id => string.Equals(id, caller.Id, StringComparison.OrdinalIgnoreCase));

    private static bool IsLead(string userId, Partnership partnership, ReviewOutcome review) =>
        RegisterPermissions.IsLeadOfficer(userId, partnership)
        || (userId.Length > 0 && string.Equals(review.CompletedById, userId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Single-tenant bots only accept people from their own tenant; the id alone is not enough across tenants.</summary>
    private bool SameTenant(Caller caller) =>
        bot.Value.MicrosoftAppTenantId is not { Length: > 0 } tenant || string.Equals(caller.TenantId, tenant, StringComparison.OrdinalIgnoreCase);
}
