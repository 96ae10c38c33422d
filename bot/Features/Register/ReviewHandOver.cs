using System.Text.Json.Serialization;

namespace PartnershipBot.Features.Register;

/// <summary>What happened to a cycle's review prompt between people (issue 17.7), kept on the register entry as its audit.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HandOverKind>))]
internal enum HandOverKind
{
    /// <summary>The lead officer said the partnership is not theirs; the PPM is asked to reassign it.</summary>
    NotMine,

    /// <summary>The lead officer asked a colleague to complete the cycle's review; the lead officer stays accountable.</summary>
    Delegated,

    /// <summary>The PPM gave the partnership a new lead officer after a "not my partnership".</summary>
    Reassigned,
}

/// <summary>One hand-over: who, to whom (ids from the activity and the directory, never from card data), the reason typed, when.</summary>
internal sealed record ReviewHandOver(
    HandOverKind Kind,
    int Cycle,
    string ById,
    string ByName,
    string ToId,
    string ToName,
    string Reason,
    DateTimeOffset At);

/// <summary>Pure rules over an entry's hand-overs.</summary>
internal static class ReviewHandOvers
{
    public const int MaxReasonLength = 1000;

    /// <summary>The colleague who may complete the cycle's review for the lead officer; null when none (a reassignment ends a delegation).</summary>
    public static ReviewHandOver? DelegateFor(Partnership partnership, int cycle)
    {
        var last = partnership.HandOvers.LastOrDefault(h => h.Cycle == cycle && h.Kind is HandOverKind.Delegated or HandOverKind.Reassigned);
        return last is { Kind: HandOverKind.Delegated } ? last : null;
    }

    public static bool IsDelegate(string userId, Partnership partnership, int cycle) =>
        userId.Length > 0 && DelegateFor(partnership, cycle) is { } d && string.Equals(d.ToId, userId, StringComparison.OrdinalIgnoreCase);

    /// <summary>The history line of a hand-over (names from the directory; the reason stays in the record).</summary>
    public static string HistoryText(ReviewHandOver h) => h.Kind switch
    {
        HandOverKind.NotMine => $"{h.Cycle} review: {h.ByName} said this is not their partnership and asked the People and Policy Manager to reassign it",
        HandOverKind.Delegated => $"{h.Cycle} review delegated by {h.ByName} to {h.ToName} (the lead officer stays accountable)",
        _ => $"Lead officer reassigned by {h.ByName} to {h.ToName} after a \"not my partnership\"",
    };
}
