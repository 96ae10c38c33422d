using System.Text.Json.Serialization;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Audit;

/// <summary>
/// The A&amp;PM team's audit of one partnership's annual review for a cycle (4.4): every assessment of the review's
/// content submitted, oldest first (the last is current), so a re-assessment never loses the one before.
/// Coverage (done / overdue / not due) is not stored: the audit report computes it from the register.
/// </summary>
internal sealed record ContentAssessment(string PartnershipId, int Year, IReadOnlyList<ContentAssessmentEntry> Entries)
{
    public string Id => IdFor(Year, PartnershipId);

    public int Version { get; init; }

    [JsonIgnore]
    public ContentAssessmentEntry? Current => Entries.Count == 0 ? null : Entries[^1];

    public static string IdFor(int year, string partnershipId) => $"assessment:{year}:{partnershipId}";
}

/// <summary>One submitted assessment: who, when, from which questionnaire draft, and the rating of each s.4.3 element.</summary>
internal sealed record ContentAssessmentEntry(string DraftId, string ById, string ByName, DateTimeOffset At, IReadOnlyList<ElementRating> Ratings)
{
    /// <summary>The overall rating ("Adequate", "Partly adequate", "Inadequate"), or "" when the overall step was not answered.</summary>
    [JsonIgnore]
    public string Overall => Ratings.FirstOrDefault(r => r.StepId == ContentAudit.OverallStep)?.Rating ?? "";
}

/// <summary>An element of the review (e.g. "Targets") as the auditor rated it, with their notes.</summary>
internal sealed record ElementRating(string StepId, string Element, string Rating, string Notes);

/// <summary>Where a specific partnership review (4.5) has got to.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SpecificReviewStatus>))]
internal enum SpecificReviewStatus
{
    /// <summary>Opened; the lead officer's division has been asked for its input; A&amp;PM is writing the report.</summary>
    Open,

    /// <summary>The report is written; the lead officer has been asked to reaffirm or recommend disengagement.</summary>
    Reported,

    /// <summary>The lead officer's recommendation has gone to SMT.</summary>
    Recommended,
}

/// <summary>
/// A&amp;PM's review of one partnership (4.5): who opened it, the division's input, the report, and the lead officer's
/// recommendation to SMT. Answers live in the questionnaire drafts named here (kept, with their history).
/// </summary>
internal sealed record SpecificReview(string Id, string PartnershipId, string PartnershipName, string OpenedById, string OpenedByName, DateTimeOffset OpenedAt)
{
    public SpecificReviewStatus Status { get; init; } = SpecificReviewStatus.Open;

    /// <summary>The lead officer asked for the division's input (by id, at opening).</summary>
    public string LeadOfficerId { get; init; } = "";

    public string LeadOfficerName { get; init; } = "";

    /// <summary>The division's input (questionnaire draft), once given.</summary>
    public string? InputDraftId { get; init; }

    public string InputByName { get; init; } = "";

    public DateTimeOffset? InputAt { get; init; }

    /// <summary>The A&amp;PM report (questionnaire draft), once submitted.</summary>
    public string? ReportDraftId { get; init; }

    public string ReportByName { get; init; } = "";

    public DateTimeOffset? ReportedAt { get; init; }

    /// <summary>The lead officer's recommendation to SMT after the report (4.5 last sentence).</summary>
    public Recommendation? Recommendation { get; init; }

    public string RecommendationReasons { get; init; } = "";

    public string RecommendedByName { get; init; } = "";

    public DateTimeOffset? RecommendedAt { get; init; }

    /// <summary>Each step of the review: who, when, what (no officers' free text).</summary>
    public IReadOnlyList<PartnershipChange> History { get; init; } = [];

    public int Version { get; init; }

    /// <summary>The cycle year the report belongs to in the Audit Committee pack: the year it was reported (else opened).</summary>
    public int PackYear(Func<DateTimeOffset, int> cycleAt) => cycleAt(ReportedAt ?? OpenedAt);
}

/// <summary>The A&amp;PM team's records: content assessments and specific reviews, versioned, kept across restarts.</summary>
internal interface IAuditRecordStore
{
    Task<ContentAssessment?> FindAssessmentAsync(int year, string partnershipId, CancellationToken cancellationToken);

    /// <summary>Every partnership's assessment for the cycle year.</summary>
    Task<IReadOnlyList<ContentAssessment>> AssessmentsAsync(int year, CancellationToken cancellationToken);

    /// <summary>
    /// Saves when the stored version is still <paramref name="expectedVersion"/> (0 = must not exist yet); the stored
    /// record gets version <paramref name="expectedVersion"/> + 1. False when someone else saved first.
    /// </summary>
    Task<bool> TrySaveAssessmentAsync(ContentAssessment assessment, int expectedVersion, CancellationToken cancellationToken);

    Task<SpecificReview?> FindSpecificReviewAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every specific review (of one partnership, when given), oldest first.</summary>
    Task<IReadOnlyList<SpecificReview>> SpecificReviewsAsync(string? partnershipId, CancellationToken cancellationToken);

    /// <summary>Saves with the same version rule as <see cref="TrySaveAssessmentAsync"/>.</summary>
    Task<bool> TrySaveSpecificReviewAsync(SpecificReview review, int expectedVersion, CancellationToken cancellationToken);
}
