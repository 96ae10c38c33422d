using System.IO.Compression;
using System.Text.Json.Nodes;

namespace PartnershipBot.Tests.Manifest;

/// <summary>The files of a built Teams app package, read into memory.</summary>
internal sealed record AppPackage(IReadOnlyDictionary<string, byte[]> Files)
{
    public static AppPackage Open(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files.Add(entry.FullName, copy.ToArray());
        }

        return new AppPackage(files);
    }

    public string ManifestText => System.Text.Encoding.UTF8.GetString(Files["manifest.json"]);

    public JsonObject Manifest => JsonNode.Parse(ManifestText)!.AsObject();
}
