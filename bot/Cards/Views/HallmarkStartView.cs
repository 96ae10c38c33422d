namespace PartnershipBot.Cards.Views;

/// <summary>
/// Before and around a hallmark self-assessment. Kind "intro": what the assessment is, with Start / Cancel (nothing is
/// started before Start). Kind "idle": someone else's assessment left idle, with Take over / Cancel the assessment for
/// the lead officer or the PPM. Kind "notice": what happened (not started, taken over, cancelled), with the menu.
/// Ids in the buttons only say which card was clicked: the handler re-checks who may do what.
/// </summary>
internal sealed record HallmarkStartView(
    string Kind,
    string Title,
    [property: UserText] string PartnershipName,
    [property: UserText] string Message,
    IReadOnlyList<string> Hallmarks,
    IReadOnlyList<string> Notes,
    string PartnershipId,
    string DraftId,
    int Revision,
    string Shown)
{
    public const string IntroKind = "intro";
    public const string IdleKind = "idle";
    public const string NoticeKind = "notice";
}
