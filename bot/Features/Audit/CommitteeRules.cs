using System.Security.Cryptography;
using System.Text;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Features.Audit;

/// <summary>What an officer typed on the committee card, before it is checked.</summary>
internal sealed record CommitteeInput(string Committee, string MeetingDate, string Comments, string Recommendation, string OwnerId, string OwnerAddress, string DueDate)
{
    /// <summary>The person the officer named as owner: the picker's choice, else the typed sign-in address; "" for none.</summary>
    public string Owner => OwnerId is { Length: > 0 } id && id != CommitteeRules.NobodyChosen ? id : OwnerAddress;
}

/// <summary>The rules of committee records (4.4-4.6), pure: checking what was typed, adding a record, marking one done.</summary>
internal static class CommitteeRules
{
    /// <summary>The picker's placeholder choice (a choice set needs one choice with a value): nobody chosen yet.</summary>
    public const string NobodyChosen = "none";

    public const int MaxComments = 4000;
    public const int MaxRecommendation = 2000;
    public const int MaxNote = 1000;

    /// <summary>What is wrong with the input, or null; on success the parsed committee and dates.</summary>
    public static string? Check(CommitteeInput input, DateOnly today, out Committee committee, out DateOnly meeting, out DateOnly? due)
    {
        due = null;
        meeting = default;
        if (!Enum.TryParse(input.Committee, ignoreCase: false, out committee) || !Enum.IsDefined(committee) || int.TryParse(input.Committee, out _))
        {
            return "Choose the committee: the Audit Committee or the Review Committee.";
        }

        if (!UkDate.TryParse(input.MeetingDate, out meeting))
        {
            return "Give the date of the meeting (e.g. 12/03/2027).";
        }

        if (meeting > today.AddYears(1) || meeting.Year < 2000)
        {
            return "The meeting date must be a real meeting's date, not more than a year ahead.";
        }

        if (input.Comments.Trim().Length == 0)
        {
            return "Write the committee's comments (\"No comments\" if it made none).";
        }

        if (input.Comments.Length > MaxComments || input.Recommendation.Length > MaxRecommendation)
        {
            return $"The comments can be up to {MaxComments:N0} characters and the recommendation up to {MaxRecommendation:N0}: please shorten them.";
        }

        if (input.Recommendation.Trim().Length == 0)
        {
            return input.Owner.Length > 0 || input.DueDate.Trim().Length > 0
                ? "You named an owner or a due date but no recommendation: write the recommendation, or clear the owner and due date."
                : null;
        }

        if (input.Owner.Length == 0)
        {
            return "A recommendation needs an owner: choose them from the directory search, or type their sign-in address.";
        }

        if (input.Owner.Length > 200 || input.Owner.Any(char.IsWhiteSpace))
        {
            return "The owner's sign-in address cannot contain spaces (e.g. jane.smith@council.gov.uk).";
        }

        if (!UkDate.TryParse(input.DueDate, out var dueDate))
        {
            return "A recommendation needs a due date (e.g. 30/06/2027).";
        }

        if (dueDate < meeting)
        {
            return "The recommendation cannot be due before the meeting that made it.";
        }

        due = dueDate;
        return null;
    }

    /// <summary>
    /// The id of a record: the same committee, meeting and words on the same partnership give the same id, so pressing
    /// Save twice records once.
    /// </summary>
    public static string IdFor(string partnershipId, Committee committee, DateOnly meeting, string comments, string recommendation) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{partnershipId}\u001f{committee}\u001f{meeting:yyyy-MM-dd}\u001f{comments.Trim()}\u001f{recommendation.Trim()}")))[..12].ToLowerInvariant();

    /// <summary>The entry with the record added and noted in its history; null when that record is already there.</summary>
    public static Partnership? With(Partnership partnership, CommitteeRecord record) =>
        partnership.CommitteeRecords.Any(r => r.Id == record.Id)
            ? null
            : partnership with
            {
                CommitteeRecords = [.. partnership.CommitteeRecords, record],
                History = [.. partnership.History, new PartnershipChange(record.RecordedById, record.RecordedByName, record.RecordedAt,
                    $"{record.Heading}: comments recorded" + (record.Recommendation is null ? "" : " with a recommendation"))],
            };

    /// <summary>The entry with the record's recommendation marked done; null when it has none, or is already done.</summary>
    public static Partnership? MarkDone(Partnership partnership, string recordId, string byId, string byName, DateTimeOffset at, string note)
    {
        var index = partnership.CommitteeRecords.ToList().FindIndex(r => r.Id == recordId);
        if (index < 0 || partnership.CommitteeRecords[index] is not { Recommendation: { IsDone: false } open } record)
        {
            return null;
        }

        var change = new PartnershipChange(byId, byName, at, $"{record.Heading}: recommendation marked done");
        var records = partnership.CommitteeRecords.ToList();
        records[index] = record with
        {
            Recommendation = open with { DoneAt = at, DoneById = byId, DoneByName = byName, DoneNote = note },
            Changes = [.. record.Changes, change],
        };
        return partnership with { CommitteeRecords = records, History = [.. partnership.History, change] };
    }

    /// <summary>Whether the caller may mark the recommendation done: its owner, or (decided by the caller) A&amp;PM or the PPM.</summary>
    public static bool MayMarkDone(CommitteeRecord record, string userId, bool auditOrPpm) => CommitteeViews.MayMarkDone(record, userId, auditOrPpm);
}
