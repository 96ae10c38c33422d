using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.People;
using PartnershipBot.Turns;

namespace PartnershipBot.Features.Audit;

/// <summary>
/// The Audit Committee's and the Review Committee's comments and recommendations per partnership (4.4-4.6): the A&amp;PM
/// team or the PPM records them with the meeting date; a recommendation's owner is a person the directory knows
/// (picker or sign-in address; their object id is stored, never what was typed), who is reminded when it is due and
/// marks it done. Anyone who may open the partnership sees them. Roles come from the activity's id and tenant only.
/// </summary>
internal sealed partial class CommitteeRecords(
    IPartnershipRegister register,
    AuditTeam auditTeam,
    IPeopleDirectory people,
    CardRenderer renderer,
    TimeProvider time,
    ILogger<CommitteeRecords> logger)
{
    public const string UsageText = "Type \"committee\" followed by the partnership's name, e.g. committee Community Safety, or press Committee comments on the partnership's card.";

    /// <summary>"committee &lt;partnership name&gt;": that partnership's records (and the form, for A&amp;PM and the PPM).</summary>
    public async Task CommandAsync(TurnContext turn, string arguments, CancellationToken cancellationToken)
    {
        var name = arguments.Trim();
        var found = name.Length is > 0 and <= 200 ? await register.FindByNameAsync(name, cancellationToken) : [];
        if (found.Count != 1)
        {
            var why = name.Length == 0 ? "Which partnership?"
                : found.Count == 0 ? $"No partnership in the register is called \"{CardText.Shorten(name, 60)}\"."
                : $"{found.Count} partnerships match \"{CardText.Shorten(name, 60)}\": {string.Join("; ", found.Take(5).Select(p => p.Name))}.";
            await turn.SendTextAsync($"{why} {UsageText}", cancellationToken);
            return;
        }

        await turn.SendCardAsync(await CardAsync(turn.Caller, found[0], null, null, cancellationToken), cancellationToken);
    }

    /// <summary>Committee comments on a partnership card.</summary>
    public async Task<JsonObject> OpenAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken) =>
        await FindAsync(action, cancellationToken) is { } p
            ? CardReply.AsNewMessage(await CardAsync(turn.Caller, p, null, null, cancellationToken))
            : NotFound();

    /// <summary>Save on the form: checked, the owner looked up in the directory, then added to the register entry.</summary>
    public async Task<JsonObject> SaveAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (await FindAsync(action, cancellationToken) is not { } p)
        {
            return NotFound();
        }

        var input = new CommitteeInput(
            action.GetString("committee") ?? "",
            action.GetString("meetingDate") ?? "",
            action.GetString("comments") ?? "",
            action.GetString("recommendation") ?? "",
            action.GetString("ownerId")?.Trim() ?? "",
            action.GetString("ownerAddress")?.Trim() ?? "",
            action.GetString("dueDate") ?? "");
        if (!await auditTeam.IsMemberOrPpmAsync(turn.Caller, cancellationToken))
        {
            LogRefused(logger, turn.UserId, p.Id);
            return Error("Not allowed", "Only the Audit & Performance Management team and the People and Policy Manager record committee comments. Nothing has been saved.");
        }

        var now = time.GetUtcNow();
        if (CommitteeRules.Check(input, DateOnly.FromDateTime(now.UtcDateTime), out var committee, out var meeting, out var due) is { } problem)
        {
            return CardReply.InPlace(await CardAsync(turn.Caller, p, problem, input, cancellationToken));
        }

        CommitteeRecommendation? recommendation = null;
        if (due is { } dueDate)
        {
            Person? owner;
            try
            {
                owner = await people.GetPersonAsync(input.Owner, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogDirectoryFailed(logger, e);
                return CardReply.InPlace(await CardAsync(turn.Caller, p, "The directory could not be read just now, so the owner cannot be checked. Nothing has been saved yet and what you typed is still here: please try again later.", input, cancellationToken));
            }

            if (owner is null)
            {
                return CardReply.InPlace(await CardAsync(turn.Caller, p, $"The directory does not know anyone as \"{CardText.Shorten(input.Owner, 60)}\". Choose the owner from the directory search, or check their sign-in address. Nothing has been saved yet.", input, cancellationToken));
            }

            recommendation = new CommitteeRecommendation(input.Recommendation.Trim(), owner.Id, owner.DisplayName, dueDate);
        }

        var record = new CommitteeRecord(
            CommitteeRules.IdFor(p.Id, committee, meeting, input.Comments, input.Recommendation),
            committee, meeting, input.Comments.Trim(), recommendation, turn.UserId, turn.UserName, now);
        var saved = await register.UpdateAsync(p.Id, current => CommitteeRules.With(current, record), cancellationToken);
        if (saved is null)
        {
            return NotFound();
        }

        LogRecorded(logger, p.Id, record.Id);
        return CardReply.InPlace(await CardAsync(turn.Caller, saved, $"Saved: {record.Heading}." + (recommendation is null ? "" : $" {recommendation.OwnerName} will be reminded on {ReviewSchedule.Format(recommendation.DueDate)} if it is not done by then."), null, cancellationToken));
    }

    /// <summary>Mark done: the recommendation's owner, the A&amp;PM team or the PPM.</summary>
    public async Task<JsonObject> DoneAsync(TurnContext turn, CardAction action, CancellationToken cancellationToken)
    {
        if (await FindAsync(action, cancellationToken) is not { } p)
        {
            return NotFound();
        }

        var recordId = action.GetString("recordId") ?? "";
        if (p.CommitteeRecords.FirstOrDefault(r => r.Id == recordId) is not { Recommendation: { } recommendation } record)
        {
            return Error("Not found", "That committee recommendation is no longer on the partnership.");
        }

        if (recommendation.IsDone)
        {
            return CardReply.InPlace(await CardAsync(turn.Caller, p, $"That recommendation was already marked done on {ReviewSchedule.Format(DateOnly.FromDateTime(recommendation.DoneAt!.Value.UtcDateTime))} by {recommendation.DoneByName}.", null, cancellationToken));
        }

        if (!CommitteeRules.MayMarkDone(record, turn.UserId, await auditTeam.IsMemberOrPpmAsync(turn.Caller, cancellationToken)))
        {
            LogRefused(logger, turn.UserId, p.Id);
            return Error("Not allowed", "Only the recommendation's owner, the Audit & Performance Management team or the People and Policy Manager can mark it done. Nothing has been changed.");
        }

        var saved = await register.UpdateAsync(p.Id, current => CommitteeRules.MarkDone(current, recordId, turn.UserId, turn.UserName, time.GetUtcNow(), ""), cancellationToken);
        return saved is null ? NotFound() : CardReply.InPlace(await CardAsync(turn.Caller, saved, $"Marked done: the {record.Heading} recommendation.", null, cancellationToken));
    }

    /// <summary>The partnership's records as <paramref name="caller"/> may act on them (also the owner's reminder card).</summary>
    public async Task<JsonObject> CardAsync(Partnerships.Caller caller, Partnership p, string? message, CommitteeInput? typed, CancellationToken cancellationToken)
    {
        var auditOrPpm = await auditTeam.IsMemberOrPpmAsync(caller, cancellationToken);
        var entries = CommitteeViews.Entries(p.CommitteeRecords, caller.Id, auditOrPpm);
        return renderer.Render(new CommitteeRecordView(
            p.Id,
            p.Name,
            message ?? (p.CommitteeRecords.Count > entries.Count ? $"Showing the latest {entries.Count} of {p.CommitteeRecords.Count} records." : null),
            entries,
            auditOrPpm && p.Status != PartnershipStatus.Proposed,
            CommitteeViews.Committees,
            typed?.Committee is { Length: > 0 } c && CommitteeViews.Committees.Any(x => x.Value == c) ? c : nameof(Committee.AuditCommittee),
            DateValue(typed?.MeetingDate),
            typed?.Comments ?? "",
            typed?.Recommendation ?? "",
            typed?.OwnerAddress ?? "",
            DateValue(typed?.DueDate)));
    }

    /// <summary>A typed date back into the date input (yyyy-mm-dd), or empty when it was not a date.</summary>
    private static string DateValue(string? typed) =>
        UkDate.TryParse(typed, out var date) ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "";

    private async Task<Partnership?> FindAsync(CardAction action, CancellationToken cancellationToken) =>
        action.GetString("partnershipId") is { Length: > 0 and <= 100 } id ? await register.FindAsync(id, cancellationToken) : null;

    private JsonObject NotFound() => Error("Partnership not found", "That partnership is no longer in the register.");

    private JsonObject Error(string title, string message) => renderer.Render(new ErrorView(title, message));

    [LoggerMessage(5220, LogLevel.Information, "Committee record {RecordId} added to partnership {PartnershipId}")]
    private static partial void LogRecorded(ILogger logger, string partnershipId, string recordId);

    [LoggerMessage(5221, LogLevel.Information, "Committee record change refused for {UserId} on partnership {PartnershipId}")]
    private static partial void LogRefused(ILogger logger, string userId, string partnershipId);

    [LoggerMessage(5222, LogLevel.Warning, "The directory could not be read to check a committee recommendation's owner")]
    private static partial void LogDirectoryFailed(ILogger logger, Exception exception);
}
