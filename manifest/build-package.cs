// Builds the Teams app package manifest/build/PartnershipBot.zip (manifest.json, color.png, outline.png at the root).
// Run from the repository root with the .NET SDK alone (a .NET 10 file-based app, no global tools):
//   dotnet run manifest/build-package.cs -- --app-id <guid> --bot-id <guid> --version 1.0.0
// Every option can come from an environment variable instead; see manifest/README.md or --help.
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

const string Usage = """
    Usage: dotnet run manifest/build-package.cs -- [options]
      --app-id <guid>        Teams app id (manifest "id")                 env TEAMS_APP_ID            required
      --bot-id <guid>        Bot's Entra app (client) id = MicrosoftAppId env BOT_ID or MicrosoftAppId required
      --graph-app-id <guid>  Entra app that sends activity-feed notices   env GRAPH_APP_ID            default: the bot id
      --tab-host <host>      Host serving the register tab (Tab:Host)     env TAB_HOST                default: no tab
      --version <x.y.z>      App version                                  env APP_VERSION             default: 1.0.0
      --website-url <https>  Developer website                            env WEBSITE_URL
      --privacy-url <https>  Privacy statement                            env PRIVACY_URL
      --terms-url <https>    Terms of use                                 env TERMS_URL
      --output <path>        Zip to write                                 default: manifest/build/PartnershipBot.zip
    """;

// Placeholder URLs keep a fresh clone buildable; a council replaces them with its own pages.
const string ExampleSite = "https://www.example.org/partnershipbot";

string manifestDir = ScriptDirectory();
Dictionary<string, string> options;
try
{
    options = ParseArguments(args);
}
catch (ArgumentException e)
{
    return Fail(e.Message);
}

if (options.ContainsKey("help"))
{
    Console.WriteLine(Usage);
    return 0;
}

string? Resolve(string option, params string[] environmentVariables) =>
    options.TryGetValue(option, out var value)
        ? value
        : environmentVariables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

var appId = Resolve("app-id", "TEAMS_APP_ID");
var botId = Resolve("bot-id", "BOT_ID", "MicrosoftAppId");
var graphAppId = Resolve("graph-app-id", "GRAPH_APP_ID");
var tabHost = Resolve("tab-host", "TAB_HOST");
var version = Resolve("version", "APP_VERSION") ?? "1.0.0";
var websiteUrl = Resolve("website-url", "WEBSITE_URL");
var privacyUrl = Resolve("privacy-url", "PRIVACY_URL");
var termsUrl = Resolve("terms-url", "TERMS_URL");
var output = Path.GetFullPath(Resolve("output") ?? Path.Combine(manifestDir, "build", "PartnershipBot.zip"));

var errors = new List<string>();
CheckGuid(errors, "--app-id (TEAMS_APP_ID)", appId, "the Teams app id: a GUID of its own, e.g. from `uuidgen` or [guid]::NewGuid()");
CheckGuid(errors, "--bot-id (BOT_ID / MicrosoftAppId)", botId, "the Application (client) ID of the bot's Entra app registration");
if (graphAppId is not null)
{
    CheckGuid(errors, "--graph-app-id (GRAPH_APP_ID)", graphAppId, "the Application (client) ID of the Entra app that calls Microsoft Graph");
}

if (tabHost is not null && (!Regex.IsMatch(tabHost, @"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$") || tabHost.Length > 253))
{
    errors.Add($"--tab-host (TAB_HOST) must be the host name the bot is reached at, e.g. partnerships.council.gov.uk (no https://, no path, no port), the same as the bot's Tab:Host setting; got '{tabHost}'.");
}

if (!Regex.IsMatch(version, @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"))
{
    errors.Add($"--version (APP_VERSION) must be MAJOR.MINOR.PATCH with numbers only, e.g. 1.0.0; got '{version}'.");
}

if (websiteUrl is null || privacyUrl is null || termsUrl is null)
{
    Console.Error.WriteLine($"note: developer URLs not all given; using placeholders under {ExampleSite} (see manifest/README.md).");
}

websiteUrl ??= ExampleSite;
privacyUrl ??= ExampleSite + "/privacy";
termsUrl ??= ExampleSite + "/terms";
CheckHttpsUrl(errors, "--website-url (WEBSITE_URL)", websiteUrl);
CheckHttpsUrl(errors, "--privacy-url (PRIVACY_URL)", privacyUrl);
CheckHttpsUrl(errors, "--terms-url (TERMS_URL)", termsUrl);
if (errors.Count > 0)
{
    return Fail(string.Join(Environment.NewLine, errors));
}

var values = new Dictionary<string, string>
{
    ["TEAMS_APP_ID"] = appId!,
    ["BOT_ID"] = botId!,
    ["GRAPH_APP_ID"] = graphAppId ?? botId!,
    ["APP_VERSION"] = version,
    ["TAB_HOST"] = tabHost ?? "tab-host.invalid",
    ["WEBSITE_URL"] = websiteUrl,
    ["PRIVACY_URL"] = privacyUrl,
    ["TERMS_URL"] = termsUrl,
};

var template = File.ReadAllText(Path.Combine(manifestDir, "manifest.json"));
var unknown = new SortedSet<string>();
var manifest = Regex.Replace(template, @"\{\{([A-Za-z0-9_]+)\}\}", m =>
{
    if (values.TryGetValue(m.Groups[1].Value, out var value))
    {
        // Values land inside JSON strings, so they are escaped as JSON.
        return JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
    }

    unknown.Add(m.Value);
    return m.Value;
});
if (unknown.Count > 0)
{
    return Fail($"manifest/manifest.json has placeholders this command does not fill: {string.Join(", ", unknown)}");
}

JsonNode parsed;
try
{
    parsed = JsonNode.Parse(manifest)!;
}
catch (JsonException e)
{
    return Fail($"manifest/manifest.json is not valid JSON after substitution: {e.Message}");
}

if (tabHost is null)
{
    // Without a host there is no register tab: the bot alone, and an SSO resource Teams requires but nothing uses.
    parsed.AsObject().Remove("staticTabs");
    parsed.AsObject().Remove("validDomains");
    parsed["webApplicationInfo"]!["resource"] = $"api://botid-{botId}";
    manifest = parsed.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    Console.Error.WriteLine("note: no --tab-host given; the package has the bot only, without the register tab (see manifest/README.md).");
}

Directory.CreateDirectory(Path.GetDirectoryName(output)!);
var partial = output + ".partial";
using (var zip = new ZipArchive(File.Create(partial), ZipArchiveMode.Create))
{
    // A fixed timestamp makes the same inputs give the same package.
    var stamp = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    var entry = zip.CreateEntry("manifest.json", CompressionLevel.Optimal);
    entry.LastWriteTime = stamp;
    using (var writer = new StreamWriter(entry.Open(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
    {
        writer.Write(manifest);
    }

    foreach (var icon in new[] { "color.png", "outline.png" })
    {
        var iconEntry = zip.CreateEntry(icon, CompressionLevel.Optimal);
        iconEntry.LastWriteTime = stamp;
        using var source = File.OpenRead(Path.Combine(manifestDir, icon));
        using var target = iconEntry.Open();
        source.CopyTo(target);
    }
}

File.Move(partial, output, overwrite: true);
Console.WriteLine($"Wrote {output} (Teams app id {appId}, bot id {botId}, version {version}{(tabHost is null ? "" : $", register tab on {tabHost}")}).");
return 0;

static Dictionary<string, string> ParseArguments(string[] args)
{
    var known = new[] { "app-id", "bot-id", "graph-app-id", "tab-host", "version", "website-url", "privacy-url", "terms-url", "output" };
    var result = new Dictionary<string, string>();
    for (var i = 0; i < args.Length; i++)
    {
        var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
        if (name is "help" || args[i] is "-h")
        {
            result["help"] = "";
        }
        else if (name is null || !known.Contains(name))
        {
            throw new ArgumentException($"Unknown argument '{args[i]}'.");
        }
        else if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"--{name} needs a value.");
        }
        else
        {
            result[name] = args[++i].Trim();
        }
    }

    return result;
}

static void CheckGuid(List<string> errors, string name, string? value, string meaning)
{
    if (string.IsNullOrEmpty(value))
    {
        errors.Add($"{name} is missing: {meaning}.");
    }
    else if (!Guid.TryParseExact(value, "D", out var guid))
    {
        errors.Add($"{name} must be a GUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427 ({meaning}); got '{value}'.");
    }
    else if (guid == Guid.Empty)
    {
        errors.Add($"{name} must be a GUID other than all zeros ({meaning}); got '{value}'.");
    }
}

static void CheckHttpsUrl(List<string> errors, string name, string value)
{
    if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || value.Length > 2048)
    {
        errors.Add($"{name} must be an absolute https:// URL; got '{value}'.");
    }
}

static int Fail(string message)
{
    Console.Error.WriteLine($"error: {message}");
    Console.Error.WriteLine("Run with --help for the options.");
    return 1;
}

// The compiler records this file's own path, so the command works from any working directory.
static string ScriptDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
