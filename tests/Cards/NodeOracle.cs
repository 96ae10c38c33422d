using System.Text.Json.Nodes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Cards;

/// <summary>
/// Runs tests/Cards/node/render.mjs (the official adaptivecards-templating and adaptivecards libraries).
/// The pinned packages are installed by <see cref="NpmPackages"/>; without node these tests fail with a clear
/// message: they are never skipped.
/// </summary>
internal static class NodeOracle
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs jobs ({id, template?, data?, card?, validate?, render?}) and returns the results in order.</summary>
    public static async Task<JsonArray> RunAsync(JsonArray jobs)
    {
        await NpmPackages.EnsureInstalledAsync(RepoPaths.Node, "the card tests against the official Adaptive Cards JavaScript libraries");
        var request = new JsonObject { ["jobs"] = jobs.DeepClone() }.ToJsonString();
        var result = await Node.RunAsync(["render.mjs"], RepoPaths.Node, RunTimeout, standardInput: request);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"node render.mjs exited with {result.ExitCode}: {result.StdErr}");
        }

        return JsonNode.Parse(result.StdOut) as JsonArray
            ?? throw new InvalidOperationException($"node render.mjs printed no JSON array: {result.StdOut}");
    }

    /// <summary>Runs one job and returns its result.</summary>
    public static async Task<JsonObject> RunOneAsync(JsonObject job) =>
        (JsonObject)(await RunAsync([job]))[0]!;
}
