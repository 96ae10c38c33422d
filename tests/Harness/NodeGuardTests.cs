using System.Text.Json;
using System.Text.RegularExpressions;

namespace PartnershipBot.Tests.Harness;

/// <summary>The guard every test-started node process runs with: loopback works, nothing else leaves the machine.</summary>
public sealed partial class NodeGuardTests
{
    // Loopback server and client, then a raw TCP connect, a DNS lookup and a fetch off the machine, and a child process doing the same.
    private const string Script = """
        const net = require('node:net'), dns = require('node:dns'), { execFileSync } = require('node:child_process');
        const results = {};
        const server = net.createServer(s => s.end('hi')).listen(0, '127.0.0.1', async () => {
          const port = server.address().port;
          results.loopback = await new Promise(r => { const c = net.connect(port, '127.0.0.1'); c.on('data', d => r(String(d))); c.on('error', e => r('error ' + e.code)); });
          results.localhost = await dns.promises.lookup('localhost').then(() => 'ok', e => 'error ' + e.code);
          results.remote = await new Promise(r => { const c = net.connect(80, '10.255.255.1'); c.on('connect', () => r('connected')); c.on('error', e => r('error ' + e.code)); });
          results.dns = await new Promise(r => dns.lookup('example.com', (e, a) => r(e ? 'error ' + e.code : a)));
          results.fetch = await fetch('https://example.org/').then(() => 'ok', e => 'error ' + ((e.cause && e.cause.code) || e.code));
          results.child = execFileSync(process.execPath, ['-e', "require('node:net').connect(443, '192.0.2.7').on('error', e => console.log(e.code))"]).toString().trim();
          console.log(JSON.stringify(results));
          server.close();
        });
        """;

    [Fact]
    public async Task Guard_ConnectsLookupsAndFetchesOffTheMachine_AreRefusedAndRecordedWhileLoopbackWorks()
    {
        using var guardLog = new NodeGuardLog();

        var result = await Node.RunAsync(["-e", Script], Path.GetTempPath(), guardLog, TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 0, result.ToString());
        var outcome = JsonDocument.Parse(result.StdOut.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("hi", outcome.GetProperty("loopback").GetString());
        Assert.Equal("ok", outcome.GetProperty("localhost").GetString());
        Assert.Equal("error ECONNREFUSED", outcome.GetProperty("remote").GetString());
        Assert.Equal("error ENOTFOUND", outcome.GetProperty("dns").GetString());
        Assert.StartsWith("error", outcome.GetProperty("fetch").GetString(), StringComparison.Ordinal);
        Assert.Equal("ECONNREFUSED", outcome.GetProperty("child").GetString());
        Assert.Equal(
            ["connect 10.255.255.1:80", "dns example.com", "connect example.org:443", "connect 192.0.2.7:443"],
            guardLog.Refusals().Select(r => r.ToString()));
    }

    [Fact]
    public async Task RunAsync_ProcessThatTriesToLeave_FailsListingTheRefusals()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Node.RunAsync(["-e", "require('node:net').connect(80, '203.0.113.9').on('error', () => {})"], Path.GetTempPath(), TimeSpan.FromMinutes(1)));

        Assert.Contains("connect 203.0.113.9:80", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TestSources_StartNodeOnlyThroughHarnessNode()
    {
        var tests = Path.Combine(RepoRoot.Find(), "tests");
        var offenders = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains("node_modules", StringComparison.Ordinal)
                && Path.GetFileName(f) is not ("Node.cs" or "NodeGuardTests.cs"))
            .Where(f => StartsNode().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(tests, f))
            .ToList();

        Assert.True(offenders.Count == 0, "Start node with Harness/Node (the guard is preloaded there): " + string.Join(", ", offenders));
    }

    [GeneratedRegex("""(ProcessStartInfo|RunAsync)\(\s*"node(\.exe)?"\s*[,)]""")]
    private static partial Regex StartsNode();
}
