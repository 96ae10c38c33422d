using System.Text;
using System.Text.Json.Nodes;
using PartnershipBot.Bench.Play;
using PartnershipBot.Cards;

namespace PartnershipBot.Tests.Robustness;

/// <summary>What the fuzzer aims at: who it plays (never the victim), and ids it has seen on real cards.</summary>
internal sealed record FuzzTargets(
    IReadOnlyList<TeamsActivities> Attackers,
    string VictimConversationId,
    IReadOnlyList<string> VictimDraftIds,
    IReadOnlyList<string> OwnDraftIds,
    IReadOnlyList<string> StepIds,
    string UnreachableServiceUrl);

/// <summary>
/// Generates activity bodies from a seed: garbage, random JSON, deep nesting, huge and odd unicode strings, and
/// well-formed Teams activities from other users with mutated fields, wrong types, unknown verbs and invoke names,
/// card data naming other users' drafts and stale revisions, and typed commands.
/// </summary>
internal sealed class ActivityFuzzer(Random random, FuzzTargets targets)
{
    private static readonly string[] Commands =
        ["help", "new partnership", "resume", "cancel", "assess", "assess Riverside", "my partnerships", "register", "audit report",
         "outbox", "outbox retry x", "divisional head", "reopen", "reopen S1", "hello", ""];

    private static readonly string[] OddTexts =
        ["\u0000", "\ud83d\ude00🤝", "\u202eRTL\u202c", "\u200b\u200d", "${journeyTitle}", "{\"verb\":\"step.next\"}", "<at>PartnershipBot</at> help",
         "'; DROP TABLE drafts; --", "%s%n%x", "\\u0000", "[link](http://x)", "\r\n\t", "NaN", "-0", "1e309", "null", "true"];

    private static readonly string[] InvokeNames =
        ["adaptiveCard/action", "adaptiveCard/action", "adaptiveCard/action", "composeExtension/query", "task/fetch", "signin/verifyState",
         "actionableMessage/executeAction", "", "ADAPTIVECARD/ACTION"];

    private static readonly string[] Types =
        ["message", "invoke", "conversationUpdate", "installationUpdate", "messageReaction", "typing", "endOfConversation", "event", "delete", "Message", ""];

    public string Next() => random.Next(100) switch
    {
        < 4 => Garbage(),
        < 8 => RandomJson(4)?.ToJsonString() ?? "null",
        < 11 => DeepNesting(),
        < 45 => CardAction().ToJsonString(),
        < 53 => SubmitFallback().ToJsonString(),
        < 64 => TypedMessage().ToJsonString(),
        < 66 => TypedMessage().ToJsonString().Replace("\"text\":\"", "\"text\":\"\\udfff\\ud800\\u0000", StringComparison.Ordinal),
        < 74 => OtherActivity().ToJsonString(),
        _ => Mutate(Pick([CardAction(), TypedMessage(), SubmitFallback()])).ToJsonString(),
    };

    private TeamsActivities Attacker() => Pick(targets.Attackers);

    private JsonObject CardAction()
    {
        var attacker = Attacker();
        var verb = random.Next(10) < 8 ? Pick(CardVerbs.All) : Pick(["step.nextt", "", "STEP.NEXT", "approval.approve ", "drop", Text()]);
        var activity = attacker.Invoke(verb, CardData(verb));
        if (random.Next(10) == 0)
        {
            activity["name"] = Pick(InvokeNames);
        }

        return activity;
    }

    private JsonObject SubmitFallback()
    {
        var activity = Attacker().Message(random.Next(3) == 0 ? Text() : "");
        var verb = Pick(CardVerbs.All);
        activity["value"] = random.Next(8) == 0 ? RandomJson(2) : CardData(verb);
        return activity;
    }

    private JsonObject CardData(string verb)
    {
        var data = new JsonObject { ["verb"] = verb };
        AddMaybe(data, "draftId", () => random.Next(10) switch
        {
            < 5 => Pick(targets.VictimDraftIds),
            < 8 => Pick(targets.OwnDraftIds),
            _ => Value(),
        });
        AddMaybe(data, "revision", () => random.Next(4) switch
        {
            0 => random.Next(0, 60),
            1 => random.Next(0, 60).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => Value(),
        });
        AddMaybe(data, "stepId", () => random.Next(3) == 0 ? Value() : Pick(targets.StepIds));
        foreach (var field in new[] { "submissionId", "approvalId", "partnershipId", "comment", "answer", "name", "likelihood", "impact", "decision", "meetingDate", "filter", "key" })
        {
            if (random.Next(6) == 0)
            {
                data[field] = Value();
            }
        }

        return data;
    }

    private JsonObject TypedMessage() => Attacker().Message(random.Next(3) switch
    {
        0 => Pick(Commands),
        1 => Pick(Commands) + " " + Text(),
        _ => Text(),
    });

    private JsonObject OtherActivity()
    {
        var activity = Attacker().New(Pick(Types));
        activity["name"] = random.Next(2) == 0 ? Pick(InvokeNames) : null;
        activity["action"] = Pick(["add", "remove", "add-upgrade", Text()]);
        activity["membersAdded"] = random.Next(2) == 0 ? new JsonArray(new JsonObject { ["id"] = Value() }) : Value();
        activity["value"] = random.Next(2) == 0 ? RandomJson(2) : null;
        return activity;
    }

    /// <summary>Replaces, removes or retypes a few fields (top level and nested) of a well-formed activity.</summary>
    private JsonObject Mutate(JsonObject activity)
    {
        string[] paths = ["type", "id", "serviceUrl", "channelId", "from", "from.id", "from.aadObjectId", "conversation", "conversation.id",
            "conversation.conversationType", "conversation.tenantId", "recipient", "text", "value", "value.action", "value.action.data",
            "value.action.verb", "name", "channelData", "channelData.tenant", "locale", "timestamp", "attachments", "entities", "replyToId"];
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var path = Pick(paths).Split('.');
            var parent = activity;
            foreach (var part in path[..^1])
            {
                parent = parent[part] as JsonObject ?? new JsonObject();
            }

            switch (random.Next(5))
            {
                case 0:
                    parent.Remove(path[^1]);
                    break;
                case 1 when path[^1] == "serviceUrl":
                    parent[path[^1]] = Pick([targets.UnreachableServiceUrl, "not a url", "ftp://x/", "http://", ""]);
                    break;
                case 2 when path[^1] == "conversation":
                    parent[path[^1]] = new JsonObject { ["id"] = targets.VictimConversationId, ["conversationType"] = "personal" };
                    break;
                default:
                    parent[path[^1]] = Value();
                    break;
            }
        }

        return activity;
    }

    /// <summary>A JSON value of any type: the wrong one for most fields.</summary>
    private JsonNode? Value() => random.Next(9) switch
    {
        0 => null,
        1 => random.Next(),
        2 => random.NextDouble() * 1e300,
        3 => random.Next(2) == 0,
        4 => new JsonArray(Text(), 1, null),
        5 => new JsonObject { ["id"] = Text() },
        6 => long.MaxValue,
        _ => Text(),
    };

    private string Text() => random.Next(20) switch
    {
        0 => new string('x', random.Next(4000, 120_000)),
        1 => string.Concat(Enumerable.Range(0, random.Next(1, 200)).Select(_ => AnyCharacter())),
        < 5 => Pick(OddTexts),
        _ => "text " + random.Next(),
    };

    /// <summary>Any Unicode scalar value (surrogate code points are not characters; lone ones are sent raw elsewhere).</summary>
    private string AnyCharacter()
    {
        var code = random.Next(0x20, 0x2FFFF);
        return char.ConvertFromUtf32(code is >= 0xD800 and <= 0xDFFF ? 0x1F600 : code);
    }

    private JsonNode? RandomJson(int depth) => depth <= 0 ? Value() : random.Next(4) switch
    {
        0 => new JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(depth - 1)).ToArray()),
        1 => new JsonObject(Enumerable.Range(0, random.Next(5)).Select(i => KeyValuePair.Create(Pick(["type", "id", "value", "verb", "from", $"k{i}"]) + i, RandomJson(depth - 1)))),
        _ => Value(),
    };

    private string DeepNesting()
    {
        var depth = random.Next(2) == 0 ? random.Next(60, 70) : random.Next(500, 5000);
        var open = random.Next(2) == 0 ? "{\"value\":" : "[";
        var close = open == "[" ? "]" : "}";
        return "{\"type\":\"invoke\",\"name\":\"adaptiveCard/action\",\"conversation\":{\"id\":\"deep\"},\"serviceUrl\":\"http://127.0.0.1:1/\",\"value\":"
            + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + "}";
    }

    private string Garbage()
    {
        var bytes = new byte[random.Next(0, 2000)];
        random.NextBytes(bytes);
        return random.Next(2) == 0 ? Encoding.Latin1.GetString(bytes) : "{\"type\":\"message\",\"text\":\"" + Encoding.Latin1.GetString(bytes);
    }

    private void AddMaybe(JsonObject data, string name, Func<JsonNode?> value)
    {
        if (random.Next(8) != 0)
        {
            data[name] = value();
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
