using System.Net;
using System.Text.Json.Nodes;
using PartnershipBot.Tests.Features.Reviews;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Ux;

/// <summary>
/// Issue 18, item 7: walk every card the journeys show, in each role, and press every kind of button on it. No press
/// may lead to a "not found" or failure card, to a refusal of a button the bot itself offered, or to a card with no
/// way forward. State changes as the walk goes (a proposal submitted, a partnership ended), so later presses on
/// earlier cards are the stale clicks officers really make; "changed meanwhile" answers are fine, dead ends are not.
/// </summary>
public sealed class ButtonWalkTests : IAsyncLifetime
{
    // Enough for every card kind of every journey; a bound so a loop in the bot cannot hang the suite.
    private const int ClicksPerPerson = 400;

    private static readonly string[] Seeds = ["help", "register", "my partnerships", "approvals", "new partnership"];

    // Titles of cards that mean the button led nowhere (the error card's title is its first text).
    private static readonly string[] DeadEndTitles =
        ["Not found", "Partnership not found", "Draft not found", "Assessment not found", "Not allowed", "Please try again", "Not understood"];

    private CycleBot _bot = null!;

    public async Task InitializeAsync() => _bot = await CycleBot.StartAsync(new DateTimeOffset(2027, 1, 10, 10, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task EveryButtonOnEveryCard_InEveryRole_LeadsSomewhere()
    {
        var findings = new List<string>();
        var pressed = 0;

        // Officer first (their proposal then waits for the others), then lead officer, PPM and an SMT member.
        foreach (var (name, id) in new[] { ("Alice", "aad-alice"), ("Hana", CycleBot.Hcs), ("Pat", CycleBot.Ppm), ("Sam", "aad-sam") })
        {
            pressed += await WalkAsync(_bot.Harness.User(name, id), findings);
        }

        Assert.True(pressed > 60, $"The walk pressed only {pressed} buttons: it no longer reaches the journeys.");
        Assert.True(findings.Count == 0, "Dead ends:\n" + string.Join("\n", findings.Distinct()));
    }

    private async Task<int> WalkAsync(TeamsUser user, List<string> findings)
    {
        var queue = new Queue<(JsonObject Card, string Path)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seed in Seeds)
        {
            queue.Enqueue((await SayAsync(user, seed), $"{user.Name}: '{seed}'"));
        }

        var clicks = 0;
        while (queue.Count > 0 && clicks < ClicksPerPerson)
        {
            var (card, path) = queue.Dequeue();
            foreach (var action in ExecuteActions(card))
            {
                var title = action["title"]?.GetValue<string>() ?? "";
                var verb = action["verb"]?.GetValue<string>() ?? "";

                // One press per kind of button per kind of card (the register's eighteen "Open"s are one kind).
                if (!seen.Add(Signature(card) + "→" + verb + "|" + ButtonKind(title)))
                {
                    continue;
                }

                clicks++;
                var where = $"{path} → '{title}'";
                var next = await PressAsync(user, action, card, where, findings);
                if (next is not null && Check(next, where, findings))
                {
                    queue.Enqueue((next, where));
                }
            }
        }

        return clicks;
    }

    private static async Task<JsonObject> SayAsync(TeamsUser user, string text)
    {
        var activity = user.Message(text);
        using var response = await user.SendAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await user.NextReplyForAsync(activity)).Card ?? throw new InvalidOperationException($"'{text}' got no card.");
    }

    private static async Task<JsonObject?> PressAsync(TeamsUser user, JsonObject action, JsonObject card, string where, List<string> findings)
    {
        var data = action["data"]?.DeepClone().AsObject() ?? new JsonObject();
        if (action["associatedInputs"]?.GetValue<string>() != "none")
        {
            foreach (var (key, value) in StepCard.ValidAnswers(card))
            {
                data[key] ??= value;
            }
        }

        try
        {
            return await user.InvokeAsync(action["verb"]!.GetValue<string>(), data);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or OperationCanceledException or Xunit.Sdk.XunitException)
        {
            findings.Add($"{where}: no card came back ({e.GetType().Name}: {e.Message.Split('\n')[0]})");
            return null;
        }
    }

    /// <summary>Records a dead end; true when the card is worth walking on.</summary>
    private static bool Check(JsonObject card, string where, List<string> findings)
    {
        var texts = CardInspector.Texts(card);
        var title = texts.FirstOrDefault() ?? "";
        if (DeadEndTitles.Contains(title, StringComparer.Ordinal)
            || texts.Any(t => t.Contains("went wrong", StringComparison.OrdinalIgnoreCase) || t.Contains("no longer exists", StringComparison.OrdinalIgnoreCase)))
        {
            findings.Add($"{where}: '{title}' — {string.Join(" / ", texts.Skip(1).Take(2))}");
            return false;
        }

        if (CardInspector.ButtonTitles(card).Count == 0)
        {
            findings.Add($"{where}: '{title}' has no way forward");
            return false;
        }

        return true;
    }

    // Buttons an officer can press in Teams: Execute ones, ShowCard's inner ones included (Open URL links leave the bot).
    private static IEnumerable<JsonObject> ExecuteActions(JsonObject card)
    {
        var found = new List<JsonObject>();
        Collect(card, found);
        return found;
    }

    private static void Collect(JsonNode? node, List<JsonObject> found)
    {
        if (node is JsonObject obj)
        {
            if (obj["type"]?.GetValue<string>() == "Action.Execute")
            {
                found.Add(obj);
            }

            foreach (var (key, child) in obj)
            {
                if (key != "fallback")
                {
                    Collect(child, found);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                Collect(child, found);
            }
        }
    }

    // "Edit: Partnership name" and "Edit: Risks" are one kind; the question they name does not change where they lead.
    private static string ButtonKind(string title) => title.Split(':')[0];

    // A card's kind: its first texts and its kinds of buttons; a question card also by its step (each step is walked).
    private static string Signature(JsonObject card)
    {
        var texts = CardInspector.Texts(card).Take(2);
        var buttons = ExecuteActions(card)
            .Select(a => a["verb"]?.GetValue<string>() + "|" + ButtonKind(a["title"]?.GetValue<string>() ?? "") + "|" + a["data"]?["stepId"])
            .Distinct().Order(StringComparer.Ordinal);
        return string.Join("¦", texts) + "#" + string.Join(",", buttons);
    }
}
