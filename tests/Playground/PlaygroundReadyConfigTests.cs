using System.Text.Json.Nodes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Playground;

/// <summary>The ready Playground configuration of playground/ and its matching bot settings work together, as the README says.</summary>
public sealed class PlaygroundReadyConfigTests
{
    [Fact]
    public async Task Hello_WithTheReadyConfigurationAndSettings_WelcomesItsOfficerAndTheRolesAreConfigured()
    {
        var playground = Path.Combine(RepoRoot.Find(), "playground");
        var settings = Flatten(JsonNode.Parse(File.ReadAllText(Path.Combine(playground, "appsettings.Development.json")))!)
            .Where(s => !s.Key.StartsWith("//", StringComparison.Ordinal)).ToDictionary();
        var folder = Directory.CreateTempSubdirectory("partnershipbot-playground-ready-").FullName;
        await using (var session = await PlaygroundSession.StartAsync(folder, TimeSpan.FromSeconds(180),
            configPath: Path.Combine(playground, ".m365agentsplayground.yml"), botSettings: settings))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
            var sentAt = await session.Playground.SendAsync("hello", timeout.Token);
            var reply = await session.Playground.NextFromBotAsync(sentAt, timeout.Token);

            Assert.Equal("Olivia Officer", session.Playground.UserName);
            Assert.Contains("Olivia Officer", reply.Card?.GetRawText() ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(session.Bot.Output, l => l.Contains("No PPM configured", StringComparison.Ordinal) || l.Contains("No SMT configured", StringComparison.Ordinal)
                || l.Contains("No Audit & Performance Management team configured", StringComparison.Ordinal));
            Assert.Empty(session.Bot.Problems);
        }

        Directory.Delete(folder, recursive: true);
    }

    private static IEnumerable<KeyValuePair<string, string>> Flatten(JsonNode node, string prefix = "") => node switch
    {
        JsonObject o => o.SelectMany(p => Flatten(p.Value!, prefix.Length == 0 ? p.Key : $"{prefix}:{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => Flatten(item!, $"{prefix}:{i}")),
        _ => [KeyValuePair.Create(prefix, node.ToString())],
    };
}
