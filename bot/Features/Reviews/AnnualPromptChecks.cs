using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PartnershipBot.Cards;
using PartnershipBot.Features.Register;
using PartnershipBot.People;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Reviews;

/// <summary>
/// What every digest button checks before it acts (issue 17.7): the partnership and cycle the card names, checked
/// against the register and the clock now; who is clicking, from the activity's aadObjectId; a person chosen with the
/// picker, from the directory. Each failure is a card saying why, with nothing changed.
/// </summary>
internal sealed partial class AnnualPromptChecks(
    IPartnershipRegister register,
    AnnualCycleMessages messages,
    AnnualHandOverCards cards,
    IPeopleDirectory people,
    IOptions<RegisterOptions> registerOptions,
    TimeProvider time,
    ILogger<AnnualPromptChecks> logger)
{
    private const string NobodyChosen = "none";

    private ReviewCalendar Calendar => messages.Calendar;

    /// <summary>The partnership and cycle a digest button names, or the card explaining why the click cannot act.</summary>
    public async Task<(Partnership? Partnership, int Cycle, JsonObject? Refusal)> ResolveAsync(TurnContext turn, CardAction action, bool leadOnly, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var p = await FindAsync(action, cancellationToken);
        if (p is null)
        {
            return (null, 0, NotFound());
        }

        var lead = RegisterPermissions.IsLeadOfficer(turn.UserId, p);
        if (!lead && (leadOnly || !registerOptions.Value.IsPpm(turn.UserId)))
        {
            Refused(turn.UserId, p.Id);
            return (null, 0, cards.Error("Not allowed", $"Only the lead officer of {p.Name}{(leadOnly ? "" : " (or the People and Policy Manager)")} can do this. Nothing has been changed."));
        }

        if (StaleCycle(action, now) is { } stale)
        {
            return (null, 0, stale);
        }

        var cycle = Calendar.CycleAt(now);
        if (!ReviewSchedule.IsInCycle(p, cycle, Calendar))
        {
            return (null, 0, cards.Error("Nothing due", $"{p.Name} owes no review in the {cycle} cycle."));
        }

        return ReviewSchedule.IsCompleted(p, cycle, Calendar)
            ? (null, 0, cards.Error("Already completed", $"The {cycle} review of {p.Name} has been completed. Nothing has been changed."))
            : (p, cycle, null);
    }

    /// <summary>The register entry the card names (an id of sensible length), or null.</summary>
    public async Task<Partnership?> FindAsync(CardAction action, CancellationToken cancellationToken) =>
        action.GetString("partnershipId") is { Length: > 0 and <= 100 } id ? await register.FindAsync(id, cancellationToken) : null;

    public JsonObject NotFound() => cards.Error("Partnership not found", "That partnership is no longer in the register.");

    /// <summary>A card of an earlier cycle cannot act on this one.</summary>
    public JsonObject? StaleCycle(CardAction action, DateTimeOffset now)
    {
        var current = Calendar.CycleAt(now);
        return action.GetInt("cycle") is { } cycle && cycle != current
            ? cards.Error("Out of date", $"This card is for the {cycle} cycle; the {current} cycle is running now. Use the latest annual review card, or type \"my partnerships\".")
            : null;
    }

    /// <summary>The directory's person for a picker value or a typed sign-in address; else why not (nothing is changed).</summary>
    public async Task<(Person? Person, string Problem)> PersonAsync(string? value, CancellationToken cancellationToken)
    {
        var typed = value?.Trim() ?? "";
        if (typed is NobodyChosen || typed.Length is 0 or > 200 || typed.Any(char.IsWhiteSpace))
        {
            return (null, "Choose the person first (search the directory, or type their sign-in address).");
        }

        try
        {
            return await people.GetPersonAsync(typed, cancellationToken) is { } person
                ? (person with { DisplayName = person.DisplayName.Length > 0 ? person.DisplayName : typed }, "")
                : (null, "The directory does not know that person, so nothing has been changed. Choose them from the directory search.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.DirectoryFailed(logger, e);
            return (null, "The directory cannot be checked just now, so nothing has been changed. Try again in a few minutes.");
        }
    }

    /// <summary>The clicking person's name: the directory's, else the name on the activity.</summary>
    public async Task<string> NameAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var name = await AnnualCycleMessages.RecipientNameAsync(people, [], turn.UserId, cancellationToken);
        return name.Length > 0 ? name : turn.UserName;
    }

    public void HandedOver(string partnershipId, HandOverKind kind) => Log.HandedOver(logger, partnershipId, kind.ToString());

    public void Refused(string userId, string partnershipId) => Log.Refused(logger, userId, partnershipId);

    private static partial class Log
    {
        [LoggerMessage(5161, LogLevel.Information, "Annual review prompt of {PartnershipId} handed over ({Kind})")]
        public static partial void HandedOver(ILogger logger, string partnershipId, string kind);

        [LoggerMessage(5162, LogLevel.Information, "Annual prompt action by {UserId} on {PartnershipId} refused: not allowed")]
        public static partial void Refused(ILogger logger, string userId, string partnershipId);

        [LoggerMessage(5163, LogLevel.Warning, "The directory could not be read to check a colleague for an annual review")]
        public static partial void DirectoryFailed(ILogger logger, Exception exception);
    }
}
