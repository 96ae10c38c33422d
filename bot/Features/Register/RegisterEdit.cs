namespace PartnershipBot.Features.Register;

/// <summary>A change someone asks to make to a register entry.</summary>
internal abstract record RegisterEdit
{
    /// <summary>The PPM edits the entry's details and dates.</summary>
    internal sealed record Details(
        string Name,
        string Purpose,
        IReadOnlyList<string> Partners,
        PartnershipStatus Status,
        DateOnly? StartDate,
        DateOnly? LastAnnualReturn,
        DateOnly? LastEffectivenessReview,
        DateOnly? LastThreeYearReview) : RegisterEdit;

    /// <summary>The PPM records to whom the partnership is accountable and which elected members are involved (002, 003).</summary>
    internal sealed record Accountability(string AccountableBody, IReadOnlyList<string> ElectedMembers) : RegisterEdit;

    /// <summary>A review prompt handed over (issue 17.7): recorded on the entry; a reassignment also changes the lead officer.</summary>
    internal sealed record HandOver(ReviewHandOver Record) : RegisterEdit;

    /// <summary>The PPM gives the partnership a new lead officer.</summary>
    internal sealed record Reassign(string LeadOfficerId, string LeadOfficerName, string LeadRole) : RegisterEdit;

    /// <summary>The PPM records that the Council's involvement has ended.</summary>
    internal sealed record End : RegisterEdit;

    /// <summary>The lead officer (or PPM) updates the life-cycle stage.</summary>
    internal sealed record ChangeStage(LifeCycleStage Stage) : RegisterEdit;
}

/// <summary>What became of an edit.</summary>
internal enum EditOutcome
{
    Saved,
    NotAllowed,
    NotFound,

    /// <summary>The entry changed since the card was shown; nothing was saved.</summary>
    Conflict,
    Invalid,
}

/// <summary>The outcome of an edit with the entry as it now is (null when not found) and a message for Invalid.</summary>
internal sealed record EditResult(EditOutcome Outcome, Partnership? Partnership, string Message = "");
