using System.Text.Json.Serialization;

namespace PartnershipBot.Features.Register;

/// <summary>
/// One entry of the partnerships register. What is due next is not stored: <see cref="Reviews.ReviewSchedule"/>
/// computes it from the dates here. <see cref="Version"/> guards against two edits overwriting each other.
/// </summary>
internal sealed record Partnership
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>Entra object id of the lead officer (opaque); empty when the role holder is not configured.</summary>
    public required string LeadOfficerId { get; init; }

    /// <summary>Display name, when known (the directory is the source; may be empty for seeded entries).</summary>
    public string LeadOfficerName { get; init; } = "";

    /// <summary>Appendix 1 role code of the lead officer (CEX, PPM, HCS, HPT, HLEMS, HES, HICS).</summary>
    public required string LeadRole { get; init; }

    /// <summary>
    /// True for seeded entries: the lead officer is whoever Register:RoleHolders names for <see cref="LeadRole"/>
    /// (brought up to date at each start by <see cref="RoleHolderSync"/>) until someone reassigns a person.
    /// </summary>
    public bool LeadFollowsRole { get; init; }

    /// <summary>
    /// When the current lead officer took the partnership over (reassigned, or the role's configured holder changed);
    /// null when they have led it since it joined the register. A change after a cycle's prompt gets the new lead
    /// officer a prompt of their own for that cycle (issue 17.7).
    /// </summary>
    public DateTimeOffset? LeadSince { get; init; }

    public IReadOnlyList<string> Partners { get; init; } = [];
    public string Purpose { get; init; } = "";

    /// <summary>The body the partnership is accountable to, its reporting line (002: "accountability often unclear"); empty when not recorded.</summary>
    public string AccountableBody { get; init; } = "";

    /// <summary>The elected members (councillors) involved in the partnership (003: councillors' engagement), one name each.</summary>
    public IReadOnlyList<string> ElectedMembers { get; init; } = [];

    /// <summary>Every accountable body / elected members recorded, oldest first, with who recorded it and when (the last is the current one).</summary>
    public IReadOnlyList<AccountabilityRecord> AccountabilityHistory { get; init; } = [];
    public required PartnershipStatus Status { get; init; }
    public LifeCycleStage Stage { get; init; } = LifeCycleStage.Forming;

    /// <summary>When the Council entered the partnership; unknown for seeded key partnerships.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>When the entry joined the register (seeded or approved): cycles whose prompt came before it are not owed.</summary>
    public DateOnly? RegisteredOn { get; init; }

    public DateOnly? LastAnnualReturn { get; init; }
    public DateOnly? LastEffectivenessReview { get; init; }
    public DateOnly? LastThreeYearReview { get; init; }

    /// <summary>
    /// The cycle year planned for the next three-yearly review (the rolling programme of 3.4): set by the PPM on the
    /// planning card, or spread evenly over three cycles when the register is seeded. Ignored once a three-yearly
    /// review has been completed in that cycle or later (the next one is then three cycles on).
    /// </summary>
    public int? PlannedThreeYearCycle { get; init; }

    /// <summary>Every completed annual return or three-yearly review, oldest first (the Audit Committee report reads these).</summary>
    public IReadOnlyList<ReviewOutcome> Reviews { get; init; } = [];

    /// <summary>
    /// The lead officer's recommendations to SMT after the A&amp;PM team's specific reviews (4.5 last sentence), each with
    /// SMT's record, oldest first. Kept apart from <see cref="Reviews"/> so the annual cycle and its reports never count them.
    /// </summary>
    public IReadOnlyList<ReviewOutcome> SpecificReviewRecommendations { get; init; } = [];

    /// <summary>The contingent liabilities of disengagement the lead officer recorded once SMT agreed it, oldest first.</summary>
    public IReadOnlyList<ContingentLiabilityRecord> ContingentLiabilityRecords { get; init; } = [];

    /// <summary>The Audit Committee's and the Review Committee's comments and recommendations (4.4-4.6), oldest first.</summary>
    public IReadOnlyList<CommitteeRecord> CommitteeRecords { get; init; } = [];

    /// <summary>Review prompts handed over (not mine, delegated, reassigned), oldest first: the audit of issue 17.7.</summary>
    public IReadOnlyList<ReviewHandOver> HandOvers { get; init; } = [];

    public int Version { get; init; }
    public IReadOnlyList<PartnershipChange> History { get; init; } = [];

    /// <summary>
    /// Each status with the date it began, oldest first, recorded from when status changes were first dated; empty for
    /// entries that have not changed since (their status then holds from their start or registration). The audit
    /// report reads a past year's status from here (issue 17.6).
    /// </summary>
    public IReadOnlyList<StatusPeriod> StatusHistory { get; init; } = [];

    /// <summary>The status on <paramref name="date"/>; null when the partnership was not on the register yet.</summary>
    public PartnershipStatus? StatusOn(DateOnly date)
    {
        if (StatusHistory.Count == 0)
        {
            return (StartDate ?? RegisteredOn) is { } from && from > date ? null : Status;
        }

        return StatusHistory.LastOrDefault(p => p.From <= date)?.Status;
    }

    /// <summary>This entry with <paramref name="status"/> from <paramref name="on"/>, its status history extended when it changes.</summary>
    public Partnership WithStatus(PartnershipStatus status, DateOnly on)
    {
        if (status == Status)
        {
            return this;
        }

        // The first dated change also records the status it replaces, from when the entry began, so earlier years still read it.
        IReadOnlyList<StatusPeriod> earlier = StatusHistory.Count == 0 ? [new StatusPeriod(Status, StartDate ?? RegisteredOn ?? on)] : StatusHistory;
        return this with { Status = status, StatusHistory = [.. earlier, new StatusPeriod(status, on)] };
    }

    /// <summary>The latest completed review of a cycle year, or null.</summary>
    public ReviewOutcome? ReviewFor(int cycleYear) => Reviews.LastOrDefault(r => r.CycleYear == cycleYear);

    /// <summary>What SMT decide on from <paramref name="draftId"/>: an annual review, or a recommendation after a specific review.</summary>
    public ReviewOutcome? ForSmt(string draftId) =>
        Reviews.LastOrDefault(r => r.DraftId == draftId) ?? SpecificReviewRecommendations.LastOrDefault(r => r.DraftId == draftId);

    /// <summary>This entry with <paramref name="updated"/> in place of the outcome of the same draft, in whichever list holds it.</summary>
    public Partnership WithSmtRecord(ReviewOutcome updated) =>
        updated.Kind == ReviewKind.SpecificReview
            ? this with { SpecificReviewRecommendations = Replace(SpecificReviewRecommendations, updated) }
            : this with { Reviews = Replace(Reviews, updated) };

    private static List<ReviewOutcome> Replace(IReadOnlyList<ReviewOutcome> outcomes, ReviewOutcome updated)
    {
        var list = outcomes.ToList();
        var index = list.FindLastIndex(r => r.DraftId == updated.DraftId);
        list[index] = updated;
        return list;
    }

    /// <summary>The most recent recommendation made, or null.</summary>
    [JsonIgnore]
    public ReviewOutcome? LatestReview => Reviews.Count == 0 ? null : Reviews[^1];
}

/// <summary>Where a partnership is in its relationship with the Council.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PartnershipStatus>))]
internal enum PartnershipStatus
{
    Proposed,
    Active,
    UnderReview,
    Disengaging,
    Ended,
}

/// <summary>The partnership life-cycle stages of the councillors' briefing (source 003).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LifeCycleStage>))]
internal enum LifeCycleStage
{
    /// <summary>Not known yet (seeded entries): the lead officer or PPM records it.</summary>
    NotRecorded,
    Forming,
    Frustration,
    Failing,
    Functioning,
    Flying,
}

/// <summary>Which questionnaire a cycle's review is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewKind>))]
internal enum ReviewKind
{
    /// <summary>The yearly return of 3.5-3.6 with the effectiveness review of 4.3.</summary>
    AnnualReturn,

    /// <summary>The annual return with, in addition, the fuller review of 3.7 (every third year).</summary>
    ThreeYearReview,

    /// <summary>The A&amp;PM team's review of one partnership (4.5), on which the lead officer recommends to SMT.</summary>
    SpecificReview,
}

/// <summary>The lead officer's recommendation at the end of a review (4.3).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Recommendation>))]
internal enum Recommendation
{
    ReaffirmCommitment,
    RecommendDisengagement,
}

/// <summary>A completed review: which cycle, which kind, when, by whom, and what was recommended.</summary>
internal sealed record ReviewOutcome(
    int CycleYear,
    ReviewKind Kind,
    DateOnly CompletedOn,
    string CompletedById,
    string CompletedByName,
    Recommendation Recommendation,
    string Reasons,
    string ContingentLiabilities,
    string DraftId)
{
    /// <summary>SMT's record on this review, oldest first: questions, answers and the decision (3.8, 4.3).</summary>
    public IReadOnlyList<ReviewDecision> Decisions { get; init; } = [];

    /// <summary>SMT's decision, once made; null while SMT has not decided.</summary>
    [JsonIgnore]
    public ReviewDecision? Decision => Decisions.LastOrDefault(d => d.IsFinal);
}

/// <summary>One change to a register entry: who, when, what (a short description, no officers' free text).</summary>
internal sealed record PartnershipChange(string ById, string ByName, DateTimeOffset At, string What);

/// <summary>An accountable body / reporting line and elected members as recorded by someone at a time.</summary>
internal sealed record AccountabilityRecord(string AccountableBody, IReadOnlyList<string> ElectedMembers, string ById, string ByName, DateTimeOffset At);

/// <summary>A status and the date it began.</summary>
internal sealed record StatusPeriod(PartnershipStatus Status, DateOnly From);
