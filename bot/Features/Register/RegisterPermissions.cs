namespace PartnershipBot.Features.Register;

/// <summary>Who may change what in the register, decided from the caller's Entra object id only.</summary>
internal static class RegisterPermissions
{
    /// <summary>Editing details, reassigning the lead officer and ending a partnership are for the PPM.</summary>
    public static bool CanEdit(string userId, RegisterOptions options) => options.IsPpm(userId);

    /// <summary>The PPM, and the lead officer of this partnership, may update its life-cycle stage.</summary>
    public static bool CanChangeStage(string userId, Partnership partnership, RegisterOptions options) =>
        options.IsPpm(userId) || IsLeadOfficer(userId, partnership);

    /// <summary>The hallmark self-assessment is the lead officer's or the PPM's (the button is offered to no one else).</summary>
    public static bool CanAssessHallmarks(string userId, Partnership partnership, RegisterOptions options) =>
        options.IsPpm(userId) || IsLeadOfficer(userId, partnership);

    public static bool IsLeadOfficer(string userId, Partnership partnership) =>
        userId.Length > 0 && string.Equals(partnership.LeadOfficerId, userId, StringComparison.OrdinalIgnoreCase);

    public static bool IsAllowed(RegisterEdit edit, string userId, Partnership partnership, RegisterOptions options) => edit switch
    {
        RegisterEdit.ChangeStage => CanChangeStage(userId, partnership, options),
        // Only the lead officer can say a partnership is not theirs; they or the PPM may delegate; only the PPM reassigns.
        RegisterEdit.HandOver { Record.Kind: HandOverKind.NotMine } => IsLeadOfficer(userId, partnership),
        RegisterEdit.HandOver { Record.Kind: HandOverKind.Delegated } => IsLeadOfficer(userId, partnership) || options.IsPpm(userId),
        _ => CanEdit(userId, options),
    };
}
