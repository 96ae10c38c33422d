using System.Text.Json.Nodes;
using PartnershipBot.Cards.Templating;

namespace PartnershipBot.Tests.Cards;

/// <summary>
/// Each construct of the supported subset, including the odd corners (missing fields, null, errors), expanded
/// by the C# engine and by adaptivecards-templating: the outputs must be identical, or both must fail.
/// </summary>
public sealed class ExpressionOracleTests
{
    private const string Data = """
        {"s":"text","empty":"","n":3,"f":1.5,"tiny":0.00001,"big":1e21,"b":true,"no":false,"nil":null,
         "arr":["x","y","z"],"nums":[1,2],"objs":[{"a":1,"t":"one"},{"a":2,"t":"two"}],"o":{"x":1,"inner":{"y":"deep"}},
         "eo":{},"ea":[],"Mixed":"case","evil":"\"} ${s} [l](http://x)\n"}
        """;

    // Each case is a template value; it is expanded as {"v": <case>}.
    public static TheoryData<string> Cases => [.. CaseValues];

    private static readonly string[] CaseValues =
    [
        "\"${s}\"", "\"${n}\"", "\"${f}\"", "\"${b}\"", "\"${nil}\"", "\"${arr}\"", "\"${o}\"", "\"${o.inner.y}\"",
        "\"${missing}\"", "\"${o.missing}\"", "\"${o.missing.deeper}\"", "\"${nil.x}\"", "\"${MIXED}\"", "\"${O.X}\"",
        "\"${$root.n}\"", "\"${$data.s}\"", "\"${$index}\"", "\"a ${$index} b\"",
        "\"${arr[1]}\"", "\"${arr[7]}\"", "\"${objs[1].t}\"", "\"${objs[5].t}\"", "\"${nil[0]}\"", "\"${s[0]}\"", "\"${missing[0]}\"",
        "\"Value ${s}, ${n}, ${f}, ${b}, ${no}, ${tiny}, ${big}, ${arr}, ${o}\"", "\"a ${missing} b\"", "\"a ${nil} b\"", "\"a ${arr[9]} b\"",
        "\"${evil}\"", "\"x ${evil} y\"", "\"${'lit'}\"", "\"${\\\"dq\\\"}\"", "\"${42}\"", "\"${2.5}\"", "\"${true}\"", "\"${null}\"",
        "\"${if(b, 'yes', 'no')}\"", "\"${if(no, 'yes', 'no')}\"", "\"${if(nil, 'yes', 'no')}\"", "\"${if(missing, 'yes', 'no')}\"",
        "\"${if(empty, 'yes', 'no')}\"", "\"${if(n, s, missing)}\"", "\"${if(no, s, missing)}\"",
        "\"${equals(s, 'text')}\"", "\"${equals(n, 3)}\"", "\"${equals(n, '3')}\"", "\"${equals(nil, missing)}\"", "\"${equals(arr, arr)}\"",
        "\"${equals(o, o)}\"", "\"${equals(arr[9], 1)}\"", "\"${equals(b, true)}\"",
        "\"${not(b)}\"", "\"${not(nil)}\"", "\"${not(missing)}\"", "\"${not(empty)}\"", "\"${not(arr[9])}\"", "\"${not(0)}\"",
        "\"${and(b, n)}\"", "\"${and(b, nil)}\"", "\"${and(b, arr[9])}\"", "\"${or(no, nil)}\"", "\"${or(no, s)}\"", "\"${or(arr[9], b)}\"", "\"${or(no, missing)}\"", "\"${or(no, no)}\"", "\"${or(no, arr[9])}\"", "\"${or(no, empty)}\"",
        "\"${empty(nil)}\"", "\"${empty(missing)}\"", "\"${empty(empty)}\"", "\"${empty(s)}\"", "\"${empty(ea)}\"", "\"${empty(arr)}\"",
        "\"${empty(eo)}\"", "\"${empty(o)}\"", "\"${empty(n)}\"", "\"${empty(b)}\"",
        "\"${count(arr)}\"", "\"${count(s)}\"", "\"${count(o)}\"", "\"${count(missing)}\"", "\"${count(nil)}\"", "\"${count(n)}\"",
        "\"${join(arr, ', ')}\"", "\"${join(arr, ', ', ' and ')}\"", "\"${join(nums, '-')}\"", "\"${join(ea, ',', 'and')}\"",
        "\"${join(s, ',')}\"", "\"n=${count(arr)}; ${join(arr, '/')}\"", "\"${not(empty(arr))}\"",
        """{"$when":"${b}","k":1}""", """{"$when":"${no}","k":1}""", """{"$when":"${n}","k":1}""", """{"$when":"${missing}","k":1}""",
        """{"$when":"${nil}","k":1}""", """{"$when":"${equals(s, 'text')}","k":"${s}"}""",
        """[{"$when":"${no}","k":1},{"k":2}]""",
        """[{"$data":"${arr}","v":"${$data}","i":"${$index}"}]""",
        """[{"$data":"${objs}","t":"${t}","i":"${$index}","root":"${$root.s}","when":"${equals(a, 2)}"}]""",
        """[{"$data":"${objs}","$when":"${equals(a, 2)}","t":"${t}"}]""",
        """[{"$data":"${ea}","k":1},{"k":2}]""",
        """[{"$data":"${o}","x":"${x}","y":"${inner.y}","i":"${$index}"}]""",
        """{"$data":"${objs}","t":"${t}"}""",
        """{"$data":"${nums}","n":"${$data}"}""",
        """[{"$data":"${objs}","items":[{"$data":"${$root.arr}","p":"${$index}:${$data}"}]}]""",
        """[{"$data":"${objs}","inner":{"$data":"${$root.o}","x":"${x}","i":"${$index}"}}]""",
        """["${arr}", "${nil}", "${missing}", "${nil[0]}", 5]""",
        """{"a":"${nil}","b":"${nil[0]}","c":{"$when":"${no}"}}""",
        """[[1,2],[3]]""",
        """{"$data":"${o}","$when":"${b}","x":1}""",
        """{"$data":"${o}","$when":"${$root.b}","x":"${x}"}""",
    ];

    // One node process for all cases; each theory case reads its own result.
    private static readonly Lazy<Task<Dictionary<string, JsonObject>>> JsResults = new(async () =>
    {
        var jobs = new JsonArray(CaseValues.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c,
            ["template"] = Template(c),
            ["data"] = JsonNode.Parse(Data),
        }).ToArray());
        var results = await NodeOracle.RunAsync(jobs);
        return results.Select(r => r!.AsObject()).ToDictionary(r => r["id"]!.GetValue<string>());
    });

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Expand_Construct_MatchesJsTemplatingLibrary(string value)
    {
        var template = Template(value);
        var data = JsonNode.Parse(Data)!;

        var js = (await JsResults.Value)[value];
        JsonNode? csharp;
        string? csharpError = null;
        try
        {
            csharp = CardTemplateEngine.Expand(template, data);
        }
        catch (CardTemplateException e)
        {
            csharp = null;
            csharpError = e.Message;
        }

        if (js["error"] is not null || csharpError is not null)
        {
            Assert.True(js["error"] is not null && csharpError is not null, $"JS error: {js["error"]}; C# error: {csharpError}; C#: {csharp}; JS: {js["expanded"]}");
        }
        else
        {
            Assert.True(JsonNode.DeepEquals(js["expanded"], csharp), $"C#: {csharp?.ToJsonString()}\nJS: {js["expanded"]?.ToJsonString()}");
        }
    }

    private static JsonNode Template(string value) => JsonNode.Parse($$"""{"v": {{value}}}""")!;
}
