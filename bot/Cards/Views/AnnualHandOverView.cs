namespace PartnershipBot.Cards.Views;

/// <summary>
/// The forms behind a digest's "Not my partnership" (a reason), "Delegate to a colleague" (people picker) and the PPM's
/// reassignment card (people picker), and their confirmations (no inputs). Text may quote names and the reason typed.
/// </summary>
internal sealed record AnnualHandOverView(
    string Title,
    [property: UserText] string Text,
    string PartnershipId,
    int Cycle,
    int Version,
    bool AskReason,
    bool AskColleague,
    bool AskNewLead,
    [property: UserText] string? Message,
    [property: UserText] string Reason = "")
{
    /// <summary>The same limit as the register's rules (ReviewHandOvers.MaxReasonLength).</summary>
    public const int ReasonLimit = 1000;

    // The client enforces the limit only while the text fits it: a refused longer text is shown whole for editing.
    public int? ReasonMaxLength => Reason.Length <= ReasonLimit ? ReasonLimit : null;
}
