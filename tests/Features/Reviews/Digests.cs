using System.Text.Json.Nodes;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>Reading the annual digests (issue 17.7): one card per person per cycle, a Start button per partnership.</summary>
internal static class Digests
{
    public static string PromptKey(string personId, int cycle) => $"annual-digest:{personId}:{cycle}:chat";

    /// <summary>The chat cards sent to a person (digests, reminders, hand-overs), in the order enqueued.</summary>
    public static IReadOnlyList<OutboxMessage> ChatCardsTo(RecordingOutbox outbox, string personId) =>
        outbox.Messages.Where(m => m.Kind == OutboxKind.ChatCard && m.RecipientId == personId).ToList();

    /// <summary>The person's yearly digest of a cycle (exactly one).</summary>
    public static JsonObject Prompt(RecordingOutbox outbox, string personId, int cycle) =>
        Assert.Single(outbox.Messages, m => m.IdempotencyKey == PromptKey(personId, cycle)).Payload!;

    /// <summary>The partnerships a digest lists with a button of this title, in card order.</summary>
    public static IReadOnlyList<string> PartnershipIds(JsonNode? card, string title = "Start") =>
        Actions(card).Where(a => (string?)a["title"] == title).Select(a => (string)a["data"]!["partnershipId"]!).ToList();

    /// <summary>Clicks the button of this title on one partnership's row of a digest.</summary>
    public static Task<JsonObject> ClickForAsync(TeamsUser user, JsonObject card, string partnershipId, string title = "Start", IDictionary<string, string>? inputs = null)
    {
        var action = Actions(card).FirstOrDefault(a => (string?)a["title"] == title && (string?)a["data"]?["partnershipId"] == partnershipId)
            ?? throw new InvalidOperationException($"The digest has no '{title}' for {partnershipId}.");
        var data = action["data"]!.DeepClone().AsObject();
        foreach (var (key, value) in inputs ?? new Dictionary<string, string>())
        {
            data[key] = value;
        }

        return user.InvokeAsync((string)action["verb"]!, data);
    }

    /// <summary>Each partnership row of a digest (a container whose buttons name one partnership) with its text.</summary>
    public static IReadOnlyDictionary<string, string> Rows(JsonObject card) =>
        (card["body"]?.AsArray() ?? []).OfType<JsonObject>()
            .Where(c => (string?)c["type"] == "Container")
            .Select(c => (Ids: Actions(c).Select(a => (string?)a["data"]?["partnershipId"]).Where(id => id is not null).Distinct().ToList(), Text: CardInspector.AllText(c)))
            .Where(r => r.Ids.Count == 1)
            .ToDictionary(r => r.Ids[0]!, r => r.Text);

    private static IEnumerable<JsonObject> Actions(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if ((string?)o["type"] == "Action.Execute")
                {
                    yield return o;
                }

                foreach (var (key, child) in o)
                {
                    if (key != "fallback")
                    {
                        foreach (var a in Actions(child))
                        {
                            yield return a;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var a in Actions(child))
                    {
                        yield return a;
                    }
                }

                break;
        }
    }
}
