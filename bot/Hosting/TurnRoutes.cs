using PartnershipBot.Cards;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Welcome;
using PartnershipBot.Turns;

namespace PartnershipBot.Hosting;

/// <summary>Every command and card verb the bot understands, and the feature that handles it: the bot's table of contents.</summary>
internal static class TurnRoutes
{
    public static TurnRouter Build() => new TurnRouter()
        // Welcome and help
        .Welcome((turn, ct) => turn.Get<WelcomeHandler>().ShowAsync(turn, ct))
        .Command("help", "What I can do, and your drafts", (turn, _, ct) => turn.Get<WelcomeHandler>().ShowAsync(turn, ct))
        .Verb(CardVerbs.MenuHelp, (turn, _, ct) => turn.Get<WelcomeHandler>().CardAsync(turn, ct))
        .Verb(CardVerbs.MenuShow, (turn, _, ct) => turn.Get<WelcomeHandler>().CardAsync(turn, ct))

        // Questionnaire journeys (one engine for all of them)
        .Command("new partnership", "Propose a new partnership: the Questions for New Partnerships and a risk assessment",
            (turn, _, ct) => turn.Get<JourneyHandler>().NewPartnershipCommandAsync(turn, ct))
        .Command("resume", "Carry on with a draft", (turn, _, ct) => turn.Get<JourneyHandler>().ResumeCommandAsync(turn, ct))
        .Command("cancel", "Cancel the draft you have open (it is kept)", (turn, _, ct) => turn.Get<JourneyHandler>().CancelCommandAsync(turn, ct))
        .Verb(CardVerbs.MenuNewPartnership, (turn, _, ct) => turn.Get<JourneyHandler>().StartAsync(turn, Features.Questionnaires.QuestionnaireIds.NewPartnership, null, null, ct))
        .Verb(CardVerbs.StepNext, (turn, a, ct) => turn.Get<JourneyHandler>().NextAsync(turn, a, ct))
        .Verb(CardVerbs.StepBack, (turn, a, ct) => turn.Get<JourneyHandler>().BackAsync(turn, a, ct))
        .Verb(CardVerbs.StepSkip, (turn, a, ct) => turn.Get<JourneyHandler>().SkipAsync(turn, a, ct))
        .Verb(CardVerbs.StepAddItem, (turn, a, ct) => turn.Get<JourneyHandler>().AddItemAsync(turn, a, ct))
        .Verb(CardVerbs.StepSkipGroup, (turn, a, ct) => turn.Get<JourneyHandler>().SkipGroupAsync(turn, a, ct))
        .Verb(CardVerbs.StepSkipGroupConfirm, (turn, a, ct) => turn.Get<JourneyHandler>().SkipGroupConfirmAsync(turn, a, ct))
        .Verb(CardVerbs.StepSaveExit, (turn, a, ct) => turn.Get<JourneyHandler>().SaveAndExitAsync(turn, a, ct))
        .Verb(CardVerbs.ReviewEdit, (turn, a, ct) => turn.Get<JourneyHandler>().EditAsync(turn, a, ct))
        .Verb(CardVerbs.ReviewSubmit, (turn, a, ct) => turn.Get<JourneyHandler>().SubmitAsync(turn, a, ct))
        .Verb(CardVerbs.DraftResume, (turn, a, ct) => turn.Get<JourneyHandler>().ResumeAsync(turn, a, ct))
        .Verb(CardVerbs.DraftCancel, (turn, a, ct) => turn.Get<JourneyHandler>().CancelAsync(turn, a, ct))
        .Verb(CardVerbs.DraftCancelConfirm, (turn, a, ct) => turn.Get<JourneyHandler>().CancelConfirmAsync(turn, a, ct))
        .Verb(CardVerbs.ConfirmCancel, (turn, a, ct) => turn.Get<JourneyHandler>().ResumeAsync(turn, a, ct))
        .Text((turn, text, ct) => turn.Get<JourneyHandler>().TypedAnswerAsync(turn, text, ct))

        // Anything else gets the menu, never silence
        .Unknown((turn, _, ct) => turn.Get<WelcomeHandler>().ShowAsync(turn, ct));
}
