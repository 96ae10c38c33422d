namespace PartnershipBot.Cards.Views;

/// <summary>
/// A submission awaiting approval. Sent once to a channel or chat; clients of the users in ApproverIds refresh it
/// (Universal Actions) and get the version with CanAct = true (buttons), everyone else sees StatusText.
/// </summary>
internal sealed record ApprovalRequestView(
    string ApprovalId,
    int Revision,
    string PartnershipId,
    [property: UserText] string PartnershipName,
    string JourneyTitle,
    [property: UserText] string SubmittedBy,
    string SubmittedAtText,
    IReadOnlyList<FactView> Summary,
    IReadOnlyList<string> ApproverIds,
    string RoleText,
    bool CanAct,
    bool CanRefer,
    bool IsReferredToExecutive,
    bool IsDivisionalHeadStage,
    string StatusText,
    [property: UserText] string? Message = null,
    int ProposalVersion = 1,
    string FlagsText = "",
    string FlagsColor = "default",
    bool IsGuidanceOnly = false,
    bool CanReassign = false,
    IReadOnlyList<ChoiceView>? ReassignFromChoices = null,
    [property: UserText] string CommentValue = "",
    [property: UserText] string ReasoningValue = "",
    [property: UserText] string ConclusionsValue = "",
    int? CommentMaxLength = null,
    int? ReasoningMaxLength = null,
    int? ConclusionsMaxLength = null,
    string LimitText = "");

/// <summary>A label and a value shown as a pair.</summary>
internal sealed record FactView(string Label, [property: UserText] string Value);
