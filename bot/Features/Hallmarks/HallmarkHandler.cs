using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Hallmarks;

/// <summary>
/// Starts (or resumes) a partnership's self-assessment: "assess &lt;partnership&gt;" or the welcome card's button.
/// Leads may assess their own partnerships; anyone else needs the PPM's role. One assessment in progress per partnership.
/// </summary>
internal sealed partial class HallmarkHandler(
    IPartnershipLookup partnerships,
    IAssessmentStore assessments,
    IDraftStore drafts,
    QuestionnaireCatalog catalog,
    JourneyCards cards,
    TimeProvider time,
    ILogger<HallmarkHandler> logger)
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"assess &lt;partnership&gt;" typed; without a name, the list of partnerships the user may assess.</summary>
    public async Task AssessCommandAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var name = arguments.Trim();
        var matches = name.Length == 0
            ? await AssessableAsync(turn.UserId, cancellationToken)
            : await partnerships.FindByNameAsync(name, cancellationToken);
        var card = matches.Count switch
        {
            0 when name.Length == 0 => NothingToAssess(),
            0 => cards.Error("Partnership not found", $"No partnership in the register is called \"{name}\". Type \"register\" to see them all."),
            1 => await StartForAsync(turn, matches[0], cancellationToken),
            _ => Choose(matches),
        };
        await turn.SendCardAsync(card, cancellationToken);
    }

    /// <summary>The welcome card's "Hallmark self-assessment" button (with a partnershipId: start for that one).</summary>
    public async Task<JsonObject> MenuAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (action.GetString("partnershipId") is { Length: > 0 and <= 64 } id)
        {
            return await partnerships.GetAsync(id, cancellationToken) is { } chosen
                ? await StartForAsync(turn, chosen, cancellationToken)
                : cards.Error("Partnership not found", "That partnership is no longer in the register.");
        }

        var assessable = await AssessableAsync(turn.UserId, cancellationToken);
        return assessable.Count switch
        {
            0 => NothingToAssess(),
            1 => await StartForAsync(turn, assessable[0], cancellationToken),
            _ => Choose(assessable),
        };
    }

    /// <summary>Starts a new assessment, resumes the user's own one in progress, or says who else is assessing.</summary>
    public async Task<JsonObject> StartForAsync(TurnContext turn, PartnershipRef partnership, CancellationToken cancellationToken)
    {
        if (!MayAssess(turn.UserId, partnership))
        {
            Log.NotAllowed(logger, partnership.Id);
            return cards.Error("Not allowed", $"Only the lead officer of {partnership.Name} or the People and Policy Manager can assess it.");
        }

        var definition = catalog.Get(QuestionnaireIds.Hallmarks);
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var fresh = QuestionnaireEngine.Start(definition, turn.UserId, turn.UserName, partnership.Id, time.GetUtcNow(), id,
            $"Hallmarks self-assessment: {partnership.Name}");
        var current = await assessments.StartAsync(fresh, cancellationToken);
        if (current.OwnerId != turn.UserId)
        {
            Log.Blocked(logger, partnership.Id, current.Id);
            return cards.Error("Already being assessed",
                $"{current.OwnerName} has been assessing {partnership.Name} since {current.CreatedAt.ToString("d MMMM yyyy, HH:mm", EnGb)}. "
                + "Only one assessment of a partnership can be in progress at a time; ask them to finish or cancel it.");
        }

        Log.Started(logger, partnership.Id, current.Id, current.Id == fresh.Id);
        await drafts.SetOpenDraftAsync(turn.UserId, current.Id, cancellationToken);
        return cards.Current(current);
    }

    private bool MayAssess(string userId, PartnershipRef partnership) =>
        userId.Length > 0 && (partnership.LeadOfficerId == userId || partnerships.PpmUserId == userId);

    /// <summary>The partnerships the user leads, or all of them for the PPM.</summary>
    private async Task<IReadOnlyList<PartnershipRef>> AssessableAsync(string userId, CancellationToken cancellationToken)
    {
        var all = await partnerships.AllAsync(cancellationToken);
        return partnerships.PpmUserId.Length > 0 && partnerships.PpmUserId == userId ? all : all.Where(p => p.LeadOfficerId == userId).ToList();
    }

    private JsonObject NothingToAssess() => cards.Error("No partnerships to assess",
        "You do not lead a partnership in the register. The People and Policy Manager can assess any partnership.");

    // No list-with-buttons template fits yet, so the choice is made by typing the name.
    private JsonObject Choose(IReadOnlyList<PartnershipRef> options) => cards.Error("Which partnership?",
        "Type \"assess\" and the partnership's name, one of: " + string.Join("; ", options.Select(p => p.Name).Order(StringComparer.OrdinalIgnoreCase)) + ".");

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
