using System.Text.Json.Serialization;

namespace PartnershipBot.Features.Register;

/// <summary>The committees whose comments and recommendations are recorded on a partnership (4.4-4.6).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Committee>))]
internal enum Committee
{
    /// <summary>The Council's Audit Committee (4.4, 4.5).</summary>
    AuditCommittee,

    /// <summary>The Review Committee (4.6).</summary>
    ReviewCommittee,
}

/// <summary>
/// What a committee said about one partnership at one meeting, as the A&amp;PM team or the PPM recorded it: the
/// comments, and a recommendation with an owner and a due date when one was made. Kept on the register entry with
/// every later change (marked done, corrected) in <see cref="Changes"/>, so nothing typed is lost.
/// </summary>
internal sealed record CommitteeRecord(
    string Id,
    Committee Committee,
    DateOnly MeetingDate,
    string Comments,
    CommitteeRecommendation? Recommendation,
    string RecordedById,
    string RecordedByName,
    DateTimeOffset RecordedAt)
{
    /// <summary>What happened to the record after it was made, oldest first (e.g. the recommendation marked done).</summary>
    public IReadOnlyList<PartnershipChange> Changes { get; init; } = [];

    public static string Title(Committee committee) => committee == Committee.AuditCommittee ? "Audit Committee" : "Review Committee";

    /// <summary>"Audit Committee, 12 March 2027".</summary>
    [JsonIgnore]
    public string Heading => $"{Title(Committee)}, {Reviews.ReviewSchedule.Format(MeetingDate)}";

    /// <summary>The comments, then the recommendation with its owner, due date and state, as one line of text.</summary>
    public string Summary() =>
        Recommendation is not { } r ? Comments : $"{Comments} Recommendation: {r.Text} ({r.State()})";
}

/// <summary>A committee's recommendation: what, who owns it, by when, and when it was done (and by whom, with a note).</summary>
internal sealed record CommitteeRecommendation(
    string Text,
    string OwnerId,
    string OwnerName,
    DateOnly DueDate,
    DateTimeOffset? DoneAt = null,
    string DoneById = "",
    string DoneByName = "",
    string DoneNote = "")
{
    [JsonIgnore]
    public bool IsDone => DoneAt is not null;

    /// <summary>"owner Hana Head, due 30 June 2027, open" or "…, done on 2 July 2027".</summary>
    public string State() =>
        $"owner {(OwnerName.Length > 0 ? OwnerName : "not known")}, due {Reviews.ReviewSchedule.Format(DueDate)}, "
        + (DoneAt is { } done ? $"done on {PartnershipBot.Features.Questionnaires.UkDate.Day(done)}" : "open");
}
