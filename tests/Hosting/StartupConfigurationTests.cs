using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnershipBot.Bench.Bot;
using PartnershipBot.Connector;
using PartnershipBot.Hosting;
using PartnershipBot.Tests.Harness;
using PartnershipBot.Tests.Robustness;

namespace PartnershipBot.Tests.Hosting;

/// <summary>Setting the bot up as the sample suggests: it starts, bad settings are named once, and start-up says what is missing.</summary>
public sealed class StartupConfigurationTests
{
    private static readonly string[] LeftAsTheTestSetsThem =
        ["Urls", "Storage:DatabasePath", "Bot:OpenIdMetadataUrl", "Bot:EntraAuthorityHost", "Graph:BaseUrl"];

    [Fact]
    public async Task Start_SampleSettingsCopiedAsTheyAre_TheBotStartsAndIsHealthy()
    {
        var folder = Directory.CreateTempSubdirectory("partnershipbot-sample-").FullName;
        var settings = Flatten(JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot.Find(), "appsettings.sample.json")))!)
            .Where(s => !s.Key.Split(':').Any(part => part.StartsWith("//", StringComparison.Ordinal)) && !LeftAsTheTestSetsThem.Contains(s.Key))
            .ToDictionary();
        Assert.Contains("Bot:TrustedServiceUrls:0", settings.Keys);
        Assert.Contains("Register:RoleHolders:PPM", settings.Keys);

        await using var bot = BotProcess.Start(new BotLaunch(CrashSafetyTests.BotDll(), Path.Combine(folder, "bot.db")) { Settings = settings });
        TestProcesses.Adopt(bot.Pid);
        using var http = new HttpClient();
        await bot.WaitHealthyAsync(http, TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.DoesNotContain(bot.Output, line => line.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_InvalidSettings_OneMessageNamingEachBadSettingExitCode1AndNoStackTrace()
    {
        var folder = Directory.CreateTempSubdirectory("partnershipbot-invalid-").FullName;
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage__DatabasePath"] = Path.Combine(folder, "bot.db"),
            ["Bot__OpenIdMetadataUrl"] = BotProcess.ClosedLoopback + "/openid",
            ["Bot__EntraAuthorityHost"] = BotProcess.ClosedLoopback,
            ["Reviews__TimeZone"] = "Mars/Olympus",
            ["Register__RoleHolders__BOSS"] = "aad-someone",
            ["Telemetry__OtlpEndpoint"] = "collector:4318",
        };

        var result = await ProcessRunner.RunAsync("dotnet", [CrashSafetyTests.BotDll()], folder, environment, TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == 1, result.ToString());
        var output = result.StdOut + result.StdErr;
        foreach (var setting in new[] { "Reviews:TimeZone", "Register:RoleHolders:BOSS", "Telemetry:OtlpEndpoint" })
        {
            Assert.True(Count(output, setting) == 1, $"{setting} should be named once:\n{output}");
        }

        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Start_NoRolesConfigured_WarnsOnceEachAboutPpmApmAndSmt()
    {
        await using var bot = await BotHarness.StartAsync();

        var warnings = bot.Logs.Entries.Where(e => e.EventId == 1101).ToList();
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
        Assert.Single(warnings, w => w.Message.StartsWith("No PPM configured", StringComparison.Ordinal));
        Assert.Single(warnings, w => w.Message.StartsWith("No SMT configured (Approvals", StringComparison.Ordinal));
        Assert.Single(warnings, w => w.Message.StartsWith("No Audit & Performance Management team configured (Register:RoleHolders:APM or Register:ApmGroupId)", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Message.StartsWith("Development mode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_DevelopmentModeWithRolesConfigured_WarnsOnlyThatThereIsNoAuthenticationAndNoGraph()
    {
        await using var bot = await BotHarness.StartAsync(o =>
        {
            o.Authenticated = false;
            o.Settings["Register:RoleHolders:PPM"] = "aad-pat";
            o.Settings["Approvals:SmtUserIds:0"] = "aad-sam";
            o.Settings["Register:RoleHolders:APM"] = "aad-alex";
        });

        Assert.Collection(
            bot.Logs.Entries.Where(e => e.EventId == 1101),
            w => Assert.StartsWith("Development mode: no authentication", w.Message, StringComparison.Ordinal),
            w => Assert.StartsWith("Graph not configured: e-mails and activity-feed notifications are skipped", w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void ServiceUrlTrust_DefaultUrlAlsoConfigured_IsTrustedOnce()
    {
        var options = new BotOptions();
        options.TrustedServiceUrls.Add("https://smba.trafficmanager.net/");
        options.TrustedServiceUrls.Add("https://smba.trafficmanager.net");

        var trust = new ServiceUrlTrust(Options.Create(options));

        Assert.True(trust.IsTrusted("https://smba.trafficmanager.net/"));
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static IEnumerable<KeyValuePair<string, string>> Flatten(JsonNode node, string prefix = "") => node switch
    {
        JsonObject o => o.SelectMany(p => Flatten(p.Value!, prefix.Length == 0 ? p.Key : $"{prefix}:{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => Flatten(item!, $"{prefix}:{i}")),
        _ => [KeyValuePair.Create(prefix, node.ToString())],
    };
}
