using System.Collections;

namespace PartnershipBot.Turns;

/// <summary>The log scope of a turn: which conversation and activity a log line belongs to (ids only, never content).</summary>
internal sealed class TurnScope(string conversationId, string? activityId, string? activityType) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values =
    [
        new("ConversationId", conversationId),
        new("ActivityId", activityId),
        new("ActivityType", activityType),
    ];

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"conversation {conversationId} activity {activityId} ({activityType})";
}
