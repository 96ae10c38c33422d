using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>The cards before and around an assessment: the introduction, someone else's idle assessment, what happened.</summary>
internal sealed class HallmarkStartCards(QuestionnaireCatalog catalog, CardRenderer renderer, IOptions<HallmarkOptions> options)
{
    private const int NameLength = 200;

    /// <summary>Whether an assessment in progress has had no change for the idle period (so it may be taken over or cancelled).</summary>
    public bool IsIdle(Draft draft, DateTimeOffset now) => now - draft.UpdatedAt >= options.Value.IdleAfter;

    /// <summary>
    /// What the assessment is, with Start and Cancel; <paramref name="now"/> goes in Start's data (an assessment finished
    /// after it makes the card stale). <paramref name="note"/> comes first when the card is shown again for a reason.
    /// </summary>
    public JsonObject Intro(PartnershipRef partnership, DateTimeOffset now, string? note = null)
    {
        var definition = catalog.Get(QuestionnaireIds.Hallmarks);
        var hallmarks = definition.Groups.Select(g => $"{g.Title} ({Questions(definition.StepsIn(g.Id).Count)})").ToList();
        string[] notes =
        [
            $"{Questions(definition.Steps.Count)} in all. Answer each Yes, Partly, No or Not applicable; for Partly and No, note an improvement action. "
                + "A hallmark that does not fit the partnership can be skipped.",
            "Every answer is saved as you go: press Save and exit at any time and carry on later by typing \"assess\" or from this partnership's card. "
                + "Nobody else can start an assessment of it while yours is in progress.",
            "When you submit, you see the scores at once; the lead officer and the People and Policy Manager get a summary, and the scores appear on "
                + "the Hallmarks page of the tab (for those who may see the partnership in the register) and in the Audit Committee report.",
        ];
        return renderer.Render(new HallmarkStartView(
            HallmarkStartView.IntroKind,
            "Hallmark self-assessment",
            Name(partnership),
            (note is null ? "" : note + " ")
                + "Assess how well this partnership works against the six Hallmarks of Effective Partnerships (Appendix 2 of the Partnership Guidance). "
                + "Nothing is started until you press Start.",
            hallmarks,
            notes,
            partnership.Id,
            "",
            0,
            now.UtcTicks.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Someone else's assessment left idle: the lead officer or the PPM may take it over or cancel it.</summary>
    public JsonObject Idle(PartnershipRef partnership, Draft draft)
    {
        var definition = catalog.Get(QuestionnaireIds.Hallmarks);
        var message = $"{draft.OwnerName} started assessing this partnership on {UkDate.Format(draft.CreatedAt)} and has not answered since "
            + $"{UkDate.Format(draft.UpdatedAt)} ({Answered(definition, draft)}). "
            + $"Take it over to carry on from where it stopped (the answers so far are kept), or cancel it (it is kept in the partnership's history, not deleted). "
            + $"Either way {draft.OwnerName} is told.";
        return renderer.Render(new HallmarkStartView(
            HallmarkStartView.IdleKind, "Assessment left idle", Name(partnership), message, [], [], partnership.Id, draft.Id, draft.Revision, ""));
    }

    /// <summary>Someone else is assessing and has answered recently: only they carry on, for now.</summary>
    public JsonObject Busy(PartnershipRef partnership, Draft draft) => renderer.Render(new ErrorView("Already being assessed",
        $"{draft.OwnerName} has been assessing {partnership.Name} since {UkDate.Format(draft.CreatedAt)} (last answer {UkDate.Format(draft.UpdatedAt)}). "
        + "Only one assessment of a partnership can be in progress at a time; ask them to finish or cancel it. "
        + $"If it is left with no answer for {Period(options.Value.IdleAfter)}, its lead officer or the People and Policy Manager can take it over or cancel it."));

    /// <summary>A plain account of what happened, with the menu.</summary>
    public JsonObject Notice(string title, PartnershipRef partnership, string message) => renderer.Render(new HallmarkStartView(
        HallmarkStartView.NoticeKind, title, Name(partnership), message, [], [], partnership.Id, "", 0, ""));

    /// <summary>"12 of 67 questions answered".</summary>
    public static string Answered(QuestionnaireDefinition definition, Draft draft) =>
        $"{definition.Steps.Count(s => draft.AnswerTo(s.Id) is not null)} of {Questions(definition.Steps.Count)} answered";

    /// <summary>"14 days", "1 day", "6 hours".</summary>
    public static string Period(TimeSpan span) => span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays)
        ? (span.TotalDays == 1 ? "1 day" : $"{span.TotalDays:0} days")
        : span.TotalHours == 1 ? "1 hour" : $"{Math.Round(span.TotalHours):0} hours";

    private static string Questions(int count) => count == 1 ? "1 question" : $"{count} questions";

    private static string Name(PartnershipRef partnership) => CardText.Shorten(partnership.Name, NameLength);
}
