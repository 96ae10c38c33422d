using System.Text.Json.Serialization;

namespace PartnershipBot.Features.Register;

/// <summary>What SMT records on a submitted review (3.8, 4.3, 4.5), and the lead officer's answer to a question.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewDecisionKind>))]
internal enum ReviewDecisionKind
{
    /// <summary>SMT has read the review and notes it.</summary>
    Noted,

    /// <summary>SMT reaffirms the Council's commitment to the partnership.</summary>
    ReaffirmCommitment,

    /// <summary>SMT agrees disengagement: the register status becomes Disengaging.</summary>
    AgreeDisengagement,

    /// <summary>SMT asks the lead officer for more information before deciding (not a decision).</summary>
    MoreInformationRequested,

    /// <summary>The lead officer's answer to SMT's question (not a decision).</summary>
    InformationGiven,
}

/// <summary>One entry of a review's SMT record: who, when, what, and the comment or question as typed.</summary>
internal sealed record ReviewDecision(ReviewDecisionKind Kind, string ById, string ByName, DateTimeOffset At, string Comment)
{
    /// <summary>Noted, reaffirm and agree disengagement close the review; a question and its answer do not.</summary>
    [JsonIgnore]
    public bool IsFinal => Kind is ReviewDecisionKind.Noted or ReviewDecisionKind.ReaffirmCommitment or ReviewDecisionKind.AgreeDisengagement;

    public static string Text(ReviewDecisionKind kind) => kind switch
    {
        ReviewDecisionKind.Noted => "Noted",
        ReviewDecisionKind.ReaffirmCommitment => "Commitment reaffirmed",
        ReviewDecisionKind.AgreeDisengagement => "Disengagement agreed",
        ReviewDecisionKind.MoreInformationRequested => "More information asked for",
        _ => "More information given",
    };

    /// <summary>One wording of an entry wherever it is read (cards, papers, the audit report, the tab's timeline): what, who, when, the comment as typed.</summary>
    public static string Describe(ReviewDecision d) =>
        $"{Text(d.Kind)} by {d.ByName} on {Questionnaires.UkDate.Day(d.At)}" + (d.Comment.Length > 0 ? $": \"{d.Comment}\"" : "");
}

/// <summary>
/// The contingent liabilities of disengagement (3.7 last point) as the lead officer recorded them after SMT agreed
/// disengagement: kept with who and when, every version (nothing typed is lost).
/// </summary>
internal sealed record ContingentLiabilityRecord(string Details, string Termination, string ById, string ByName, DateTimeOffset At, string DraftId);
