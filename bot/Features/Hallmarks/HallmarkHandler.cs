using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>
/// Offers (or resumes) a partnership's self-assessment: "assess &lt;partnership&gt;", the welcome card's button, the
/// partnership card's button. A new assessment starts only from the introduction's Start. Leads may assess their own
/// partnerships; anyone else needs the PPM's role. One assessment in progress per partnership.
/// </summary>
internal sealed partial class HallmarkHandler(
    IPartnershipLookup partnerships,
    IAssessmentStore assessments,
    IDraftStore drafts,
    QuestionnaireCatalog catalog,
    JourneyCards cards,
    HallmarkStartCards startCards,
    CardRenderer renderer,
    TimeProvider time,
    ILogger<HallmarkHandler> logger)
{
    /// <summary>The choice card lists at most this many partnerships (up to 1.3 KB each), so it stays under 40 KB.</summary>
    public const int MaxChoices = 25;

    /// <summary>"assess &lt;partnership&gt;" typed; without a name, or when several match, a card to choose from.</summary>
    public async Task AssessCommandAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var name = arguments.Trim();
        if (name.Length == 0)
        {
            await turn.SendCardAsync(await MenuAsync(turn, cancellationToken), cancellationToken);
            return;
        }

        var matches = await partnerships.FindByNameAsync(name, cancellationToken);
        var assessable = matches.Where(p => MayAssess(turn.UserId, p)).ToList();
        var card = (matches.Count, assessable.Count) switch
        {
            (0, _) => cards.Error("Partnership not found", $"No partnership in the register is called \"{name}\". Type \"register\" to see them all."),
            (1, _) => await OfferAsync(turn, matches[0], cancellationToken),
            (_, 0) => NotAllowed(matches),
            (_, 1) => await OfferAsync(turn, assessable[0], cancellationToken),
            // What was typed is not repeated: the intro is a Markdown TextBlock, and the names below show what matched.
            _ => Choose(assessable, $"{assessable.Count} partnerships you may assess match what you typed."),
        };
        await turn.SendCardAsync(card, cancellationToken);
    }

    /// <summary>The welcome card's "Hallmark self-assessment" button: the one partnership's introduction, or choose.</summary>
    public Task<JsonObject> MenuAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        action.GetString("partnershipId") is { Length: > 0 } ? StartChosenAsync(turn, action, cancellationToken) : MenuAsync(turn, cancellationToken);

    /// <summary>
    /// An Assess button on the choice card (or the partnership card's button). The partnership id in the card data only
    /// says which one was clicked: who may assess it is decided here, from the register and the clicker's aadObjectId.
    /// </summary>
    public async Task<JsonObject> StartChosenAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        await ChosenAsync(action, cancellationToken) is { } chosen
            ? await OfferAsync(turn, chosen, cancellationToken)
            : NotFound();

    /// <summary>
    /// The introduction's Start: claims the partnership's assessment and shows its first question. A second click, or a
    /// Start on another copy of the introduction, resumes the same assessment; a Start on an introduction shown before
    /// an assessment of the partnership was finished or cancelled shows the introduction again, saying so.
    /// </summary>
    public async Task<JsonObject> BeginAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (await ChosenAsync(action, cancellationToken) is not { } partnership)
        {
            return NotFound();
        }

        if (!MayAssess(turn.UserId, partnership))
        {
            return NotAllowed(partnership);
        }

        var now = time.GetUtcNow();
        if (long.TryParse(action.GetString("shown"), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= now.UtcTicks
            && await HallmarkHistory.ClosedSinceAsync(drafts, partnership.Id, new DateTimeOffset(ticks, TimeSpan.Zero), cancellationToken) is { } closed)
        {
            return startCards.Intro(partnership, now, $"Since this card was shown, {closed.OwnerName}'s assessment of this partnership was "
                + (closed.Status == DraftStatus.Submitted ? $"submitted ({UkDate.Format(closed.SubmittedAt ?? closed.UpdatedAt)})" : $"cancelled ({UkDate.Format(closed.UpdatedAt)})")
                + ". Press Start only if you mean to begin another.");
        }

        var definition = catalog.Get(QuestionnaireIds.Hallmarks);
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var fresh = QuestionnaireEngine.Start(definition, turn.UserId, turn.UserName, partnership.Id, now, id,
            $"Hallmarks self-assessment: {partnership.Name}");
        var current = await assessments.StartAsync(fresh, cancellationToken);
        return await ContinueOrExplainAsync(turn, partnership, current, current.Id == fresh.Id, cancellationToken);
    }

    /// <summary>The introduction's Cancel (or "Leave it" on an idle assessment): nothing is started or changed, and the card says so.</summary>
    public async Task<JsonObject> DismissAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        var partnership = await ChosenAsync(action, cancellationToken) is { } p && MayAssess(turn.UserId, p) ? p : new PartnershipRef("", "", "");
        var of = partnership.Name.Length > 0 ? "of this partnership " : "";
        return CardReply.InPlace(action.GetString("draftId") is { Length: > 0 }
            ? startCards.Notice("Nothing changed", partnership, $"The assessment {of}in progress is left as it is, with its assessor.")
            : startCards.Notice("Assessment not started", partnership,
                $"Nothing was started and nothing is saved: no assessment {of}has begun. When you are ready, type \"assess\" or press "
                + "Hallmark self-assessment on the partnership's card."));
    }

    private async Task<JsonObject> MenuAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var assessable = await AssessableAsync(turn.UserId, cancellationToken);
        var isPpm = partnerships.PpmUserId.Length > 0 && partnerships.PpmUserId == turn.UserId;
        return assessable.Count switch
        {
            0 => NothingToAssess(),
            1 when !isPpm => await OfferAsync(turn, assessable[0], cancellationToken),
            _ => Choose(assessable, isPpm
                ? $"As the People and Policy Manager you may assess any of the {assessable.Count} current partnerships."
                : $"You lead {assessable.Count} partnerships in the register."),
        };
    }

    /// <summary>
    /// What someone who may assess the partnership is offered: the introduction when nothing is in progress, their own
    /// assessment in progress, or who else is assessing it (with Take over / Cancel once it is idle).
    /// </summary>
    public async Task<JsonObject> OfferAsync(TurnContext turn, PartnershipRef partnership, CancellationToken cancellationToken)
    {
        if (!MayAssess(turn.UserId, partnership))
        {
            return NotAllowed(partnership);
        }

        return await HallmarkHistory.InProgressAsync(drafts, partnership.Id, cancellationToken) is { } current
            ? await ContinueOrExplainAsync(turn, partnership, current, isNew: false, cancellationToken)
            // A new message: the list, partnership card or menu it was opened from stays.
            : CardReply.AsNewMessage(startCards.Intro(partnership, time.GetUtcNow()));
    }

    /// <summary>The caller's own assessment in progress opens at its question; someone else's is explained.</summary>
    private async Task<JsonObject> ContinueOrExplainAsync(TurnContext turn, PartnershipRef partnership, Draft current, bool isNew, CancellationToken cancellationToken)
    {
        if (current.OwnerId != turn.UserId)
        {
            Log.Blocked(logger, partnership.Id, current.Id);
            return startCards.IsIdle(current, time.GetUtcNow())
                ? CardReply.AsNewMessage(startCards.Idle(partnership, current))
                : startCards.Busy(partnership, current);
        }

        Log.Started(logger, partnership.Id, current.Id, isNew);
        await drafts.SetOpenDraftAsync(turn.UserId, current.Id, cancellationToken);
        return cards.Current(current);
    }

    /// <summary>The partnership a card's button names, from the register (the card only says which one was clicked).</summary>
    private async Task<PartnershipRef?> ChosenAsync(CardAction action, CancellationToken cancellationToken) =>
        action.GetString("partnershipId") is { Length: > 0 and <= 64 } id ? await partnerships.GetAsync(id, cancellationToken) : null;

    private JsonObject NotFound() =>
        cards.Error("Partnership not found", "That partnership is no longer in the register. Type \"assess\" to choose again.");

    private JsonObject NotAllowed(PartnershipRef partnership)
    {
        Log.NotAllowed(logger, partnership.Id);
        return cards.Error("Not allowed", $"Only the lead officer of {partnership.Name} or the People and Policy Manager can assess it.");
    }

    /// <summary>The lead officer of the partnership or the PPM, by the activity's aadObjectId.</summary>
    public bool MayAssess(string userId, PartnershipRef partnership) =>
        userId.Length > 0 && (partnership.LeadOfficerId == userId || partnerships.PpmUserId == userId);

    /// <summary>The partnerships the user leads, or all of them for the PPM.</summary>
    private async Task<IReadOnlyList<PartnershipRef>> AssessableAsync(string userId, CancellationToken cancellationToken)
    {
        var all = await partnerships.AllAsync(cancellationToken);
        return partnerships.PpmUserId.Length > 0 && partnerships.PpmUserId == userId ? all : all.Where(p => p.LeadOfficerId == userId).ToList();
    }

    private JsonObject NothingToAssess() => cards.Error("No partnerships to assess",
        "You do not lead a partnership in the register. The People and Policy Manager can assess any partnership.");

    private JsonObject NotAllowed(IReadOnlyList<PartnershipRef> matches) => cards.Error("Not allowed",
        "Only a partnership's lead officer or the People and Policy Manager can assess it, and you are neither for: "
        + string.Join("; ", matches.Select(p => p.Name).Order(StringComparer.OrdinalIgnoreCase).Take(MaxChoices)) + ".");

    private JsonObject Choose(IReadOnlyList<PartnershipRef> options, string intro)
    {
        var shown = options.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Take(MaxChoices)
            .Select(p => new PartnershipChoiceView(p.Id, CardText.Shorten(p.Name, 100))).ToList();
        var more = options.Count > shown.Count
            ? $"Showing {shown.Count} of {options.Count}, A to Z. Type \"assess\" and part of a name to find another."
            : null;
        return renderer.Render(new HallmarkChoiceView(
            intro + " Choose the one to assess against the Hallmarks of Effective Partnerships; an assessment of it you have in progress is resumed.",
            shown, more));
    }

    private static partial class Log
    {
        [LoggerMessage(7001, LogLevel.Information, "Hallmark assessment of {PartnershipId}: draft {DraftId} (new: {IsNew})")]
        public static partial void Started(ILogger logger, string partnershipId, string draftId, bool isNew);

        [LoggerMessage(7002, LogLevel.Information, "Hallmark assessment of {PartnershipId} refused: draft {DraftId} is in progress by someone else")]
        public static partial void Blocked(ILogger logger, string partnershipId, string draftId);

        [LoggerMessage(7003, LogLevel.Warning, "Hallmark assessment of {PartnershipId} refused: not the lead officer or the PPM")]
        public static partial void NotAllowed(ILogger logger, string partnershipId);
    }
}
