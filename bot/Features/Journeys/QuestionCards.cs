using System.Collections.Concurrent;

namespace PartnershipBot.Features.Journeys;

/// <summary>
/// Which message in a chat shows a draft's open question, so a typed answer can mark that card answered instead of
/// leaving it live. Kept in memory: after a restart (or on another instance) the old card simply stays as it was and
/// a click on it is answered as out of date, which loses nothing.
/// </summary>
internal sealed class QuestionCards
{
    private const int MaxConversations = 10_000;
    private readonly ConcurrentDictionary<string, (string DraftId, string ActivityId)> _shown = new(StringComparer.Ordinal);

    public void Shown(string conversationId, string draftId, string? activityId)
    {
        if (conversationId.Length == 0 || string.IsNullOrEmpty(activityId))
        {
            return;
        }

        if (_shown.Count >= MaxConversations)
        {
            _shown.Clear(); // rare; forgetting only means an old card is not marked answered
        }

        _shown[conversationId] = (draftId, activityId);
    }

    /// <summary>The message showing <paramref name="draftId"/>'s question in this chat, forgotten once taken.</summary>
    public string? Take(string conversationId, string draftId) =>
        _shown.TryRemove(conversationId, out var shown) && shown.DraftId == draftId ? shown.ActivityId : null;
}
