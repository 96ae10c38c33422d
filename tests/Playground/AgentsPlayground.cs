using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Playground;

/// <summary>A message the Playground shows in its chat, as its web client receives it.</summary>
internal sealed record PlaygroundMessage(string MessageId, long Timestamp, string FromId, JsonElement Message)
{
    /// <summary>The Adaptive Card the message carries, if any.</summary>
    public JsonElement? Card =>
        Message.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array
            ? attachments.EnumerateArray()
                .Where(a => a.TryGetProperty("contentType", out var t) && t.GetString() == "application/vnd.microsoft.card.adaptive")
                .Select(a => (JsonElement?)a.GetProperty("content"))
                .FirstOrDefault()
            : null;

    public string? Text => Message.TryGetProperty("text", out var t) ? t.GetString() : null;
}

/// <summary>
/// Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground, pinned in tests/Playground/node) run as its
/// own process against a bot endpoint, driven through the same HTTP API and WebSocket stream its web chat uses: the
/// Playground builds the activities, posts them to the bot and hosts the connector the bot replies to.
/// </summary>
internal sealed class AgentsPlayground : IAsyncDisposable
{
    private static readonly string NodeDirectory = Path.Combine(RepoRoot.Find(), "tests", "Playground", "node");
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<PlaygroundMessage> _messages = Channel.CreateUnbounded<PlaygroundMessage>();
    private readonly CancellationTokenSource _stop = new();
    private Task _reading = Task.CompletedTask;

    private readonly NodeGuardLog _guardLog;

    private AgentsPlayground(Process process, Uri baseUrl, NodeGuardLog guardLog)
    {
        _process = process;
        _guardLog = guardLog;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    /// <summary>The Playground's personal chat with the bot.</summary>
    public string ConversationId { get; private set; } = "";

    /// <summary>The Playground's signed-in user (its default, "Alex Wilber", with non-GUID ids).</summary>
    public string UserId { get; private set; } = "";

    public string UserName { get; private set; } = "";

    public string BotId { get; private set; } = "";

    /// <summary>What the guard refused the Playground (and anything it started) so far.</summary>
    public IReadOnlyList<NodeRefusal> Refusals => _guardLog.Refusals();

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Installs the pinned package if needed, starts the Playground against the bot (in <paramref name="workingFolder"/>) and connects to its chat stream.</summary>
    /// <param name="cliPath">Another CLI script to run instead (tests of a failed start).</param>
    /// <param name="configPath">A Playground configuration (users, tenant), e.g. the repository's ready one.</param>
    public static async Task<AgentsPlayground> StartAsync(
        Uri botMessagesUrl, string workingFolder, CancellationToken cancellationToken, string? cliPath = null, string? configPath = null,
        Action<int>? started = null)
    {
        await NpmPackages.EnsureInstalledAsync(NodeDirectory, "the Microsoft 365 Agents Playground tests");
        var port = FreePort();
        var guardLog = new NodeGuardLog();
        // The Playground writes its log (devTools/) into its working folder: the test's temp folder, not the repository.
        var start = Node.StartInfo(workingFolder,
        [
            cliPath ?? Path.Combine(NodeDirectory, "node_modules", "@microsoft", "m365agentsplayground", "cli.js"), "start",
            "--app-endpoint", botMessagesUrl.ToString(), "--channel-id", "msteams",
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--disable-telemetry",
        ], guardLog);

        // The variable this CLI reads (dist/index.js: shouldOpenBrowser = "none" !== TEAMSAPPTESTER_BROWSER). Without
        // it the CLI spawns xdg-open, and where that is not installed the spawn fails and the CLI exits with 1.
        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        if (configPath is not null)
        {
            start.Environment["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = configPath;
        }

        var process = TestProcesses.Start(start);
        started?.Invoke(process.Id);
        var playground = new AgentsPlayground(process, new Uri($"http://127.0.0.1:{port}/"), guardLog);
        process.OutputDataReceived += (_, e) => playground.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => playground.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await playground.ConnectAsync(cancellationToken);
        }
        catch
        {
            await playground.DisposeAsync();
            throw;
        }

        return playground;
    }

    /// <summary>Types a message in the Playground's chat; returns the Playground's timestamp of it.</summary>
    public async Task<long> SendAsync(string text, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync(
            $"_conversation/v1/conversations/{Uri.EscapeDataString(ConversationId)}/messages",
            new { from = new { id = UserId }, text, textFormat = "plain" },
            cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The Playground refused the message ({(int)response.StatusCode}): {body}\n{Output}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("timestamp").GetInt64();
    }

    /// <summary>Presses an Action.Execute button on the card of message <paramref name="cardMessageId"/>; returns the bot's invoke response as the Playground relays it.</summary>
    public async Task<(HttpStatusCode Status, string Body)> ExecuteAsync(
        string cardMessageId, string verb, JsonObject data, CancellationToken cancellationToken)
    {
        var invoke = new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
                ["trigger"] = "manual",
            },
            ["from"] = new JsonObject { ["id"] = UserId },
            ["conversation"] = new JsonObject { ["id"] = ConversationId },
            ["replyToId"] = cardMessageId,
        };
        using var content = new StringContent(invoke.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync("_conversation/v1/invoke", content, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>The next message the bot posted to the chat after <paramref name="after"/> (a Playground timestamp).</summary>
    public async Task<PlaygroundMessage> NextFromBotAsync(long after, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await _messages.Reader.ReadAsync(cancellationToken);
            if (message.FromId == BotId && message.Timestamp >= after)
            {
                return message;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        try
        {
            await _reading;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Stopping: the stream ends either way.
        }

        TestProcesses.Stop(_process);
        _process.Dispose();
        _guardLog.Dispose();
        _socket.Dispose();
        Http.Dispose();
        _stop.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        // Generous: node starts slowly when the machine is loaded; the caller's token bounds it too.
        var deadline = Stopwatch.GetTimestamp() + 180 * Stopwatch.Frequency;
        JsonElement config;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Playground exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                config = (await Http.GetFromJsonAsync<JsonElement>("_internal/v1/config", cancellationToken)).GetProperty("config");
                break;
            }
            catch (HttpRequestException) when (Stopwatch.GetTimestamp() < deadline)
            {
                // Not listening yet.
                await Task.Delay(50, cancellationToken);
            }
        }

        ConversationId = config.GetProperty("personalChat").GetProperty("id").GetString()!;
        UserId = config.GetProperty("currentUser").GetProperty("id").GetString()!;
        UserName = config.GetProperty("currentUser").GetProperty("name").GetString()!;
        BotId = config.GetProperty("bot").GetProperty("id").GetString()!;

        var stream = new UriBuilder(BaseUrl) { Scheme = "ws", Path = "_ws_conversation/v1/conversations/stream" }.Uri;
        await _socket.ConnectAsync(stream, cancellationToken);
        _reading = ReadAsync(_stop.Token);
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var frame = new MemoryStream();
        while (_socket.State == WebSocketState.Open)
        {
            var received = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            frame.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
            {
                continue;
            }

            var json = JsonDocument.Parse(frame.ToArray()).RootElement.Clone();
            frame.SetLength(0);
            if (json.TryGetProperty("action", out var action) && action.GetString() == "createMessage"
                && json.TryGetProperty("message", out var message))
            {
                await _messages.Writer.WriteAsync(
                    new PlaygroundMessage(
                        message.GetProperty("messageId").GetString()!,
                        message.GetProperty("timestamp").GetInt64(),
                        message.GetProperty("from").GetProperty("id").GetString()!,
                        message),
                    cancellationToken);
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
