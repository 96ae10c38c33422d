using System.Text.Json.Nodes;

namespace PartnershipBot.Tests.Manifest;

/// <summary>Reads the Teams app manifest template (manifest/manifest.json) for tests that keep other parts in step with it.</summary>
internal static class ManifestFile
{
    public static string PathIn(string repoRoot) => Path.Combine(repoRoot, "manifest", "manifest.json");

    public static JsonObject Read(string repoRoot) =>
        JsonNode.Parse(File.ReadAllText(PathIn(repoRoot)))?.AsObject()
        ?? throw new InvalidDataException("manifest/manifest.json is empty.");

    /// <summary>The command titles the bot offers in personal scope, in manifest order (e.g. "new partnership", "help").</summary>
    public static IReadOnlyList<string> ReadCommandTitles(string repoRoot) =>
        PersonalCommands(Read(repoRoot))
            .Select(c => (string?)c["title"] ?? throw new InvalidDataException("A command in manifest/manifest.json has no title."))
            .ToList();

    public static IEnumerable<JsonObject> PersonalCommands(JsonObject manifest) =>
        (manifest["bots"]?[0]?["commandLists"]?.AsArray() ?? [])
            .Select(list => list!.AsObject())
            .Where(list => list["scopes"]!.AsArray().Any(s => (string?)s == "personal"))
            .SelectMany(list => list["commands"]!.AsArray().Select(c => c!.AsObject()));
}
