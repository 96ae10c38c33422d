using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PartnershipBot.Bench.Bot;

/// <summary>A message the bot sent to a conversation: the first Adaptive Card attached, or its text.</summary>
internal sealed record ConnectorMessage(string ConversationId, string? ReplyToId, JsonElement? Card, string? Text);

/// <summary>
/// Which calls fail: every call whose number crosses a multiple of 1/<see cref="Rate"/> gets the next status of
/// <see cref="Statuses"/> in turn (429 with Retry-After). Deterministic, so runs are repeatable.
/// </summary>
internal sealed record FaultPlan(double Rate, int RetryAfterSeconds = 1)
{
    public static readonly FaultPlan None = new(0);

    public static readonly int[] Statuses = [429, 412, 502, 504];
}

/// <summary>
/// A minimal local Bot Connector (Kestrel on 127.0.0.1): takes the bot's replies and proactive sends, hands each
/// to whoever waits for that conversation, and can refuse calls with the statuses Teams documents as retryable.
/// </summary>
internal sealed class StubConnector : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Channel<ConnectorMessage>> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _deliveries = new(StringComparer.Ordinal);
    private FaultPlan _faults;
    private WebApplication? _app;
    private long _calls;
    private long _failed;
    private long _nextId;
    private long _accepted;

    private readonly bool _keepMessages;

    /// <param name="faults">Calls to refuse; none by default.</param>
    /// <param name="keepMessages">False: messages are counted, not kept (for senders nobody reads, e.g. a fuzzer).</param>
    public StubConnector(FaultPlan? faults = null, bool keepMessages = true)
    {
        _faults = faults ?? FaultPlan.None;
        _keepMessages = keepMessages;
    }

    /// <summary>Messages accepted (replies, proactive sends and updates).</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>The faults in force; set to <see cref="FaultPlan.None"/> to let the connector recover.</summary>
    public FaultPlan Faults
    {
        get => Volatile.Read(ref _faults);
        set => Volatile.Write(ref _faults, value);
    }

    /// <summary>The serviceUrl to put in activities.</summary>
    public string ServiceUrl { get; private set; } = "";

    public long Calls => Interlocked.Read(ref _calls);

    public long FailedOnPurpose => Interlocked.Read(ref _failed);

    /// <summary>Replies accepted more than once for the same inbound activity (a resend after an accepted call).</summary>
    public int DuplicateReplies => _deliveries.Values.Count(n => n > 1);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (HttpRequest r, string conversationId, string replyToId) => AcceptAsync(r, conversationId, replyToId));
        _app.MapPost("/v3/conversations/{conversationId}/activities", (HttpRequest r, string conversationId) => AcceptAsync(r, conversationId, null));
        // Updates of cards already shown (e.g. a question marked answered) are accepted but are not the next message.
        _app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (HttpRequest r, string conversationId, string activityId) => AcceptAsync(r, conversationId, null, isUpdate: true));
        _app.MapPost("/v3/conversations", () => Results.Json(new { id = "a:personal-created-" + Interlocked.Increment(ref _nextId) }));
        await _app.StartAsync();
        ServiceUrl = _app.Urls.First().TrimEnd('/') + "/";
    }

    /// <summary>Waits for the next message the bot sends into a conversation.</summary>
    public async Task<ConnectorMessage> NextAsync(string conversationId, CancellationToken cancellationToken) =>
        await Conversation(conversationId).Reader.ReadAsync(cancellationToken);

    /// <summary>Forgets a conversation's queue (after its journey ended), so memory stays flat over long runs.</summary>
    public void Forget(string conversationId) => _conversations.TryRemove(conversationId, out _);

    private Channel<ConnectorMessage> Conversation(string id) =>
        _conversations.GetOrAdd(id, _ => Channel.CreateUnbounded<ConnectorMessage>(new UnboundedChannelOptions { SingleReader = true }));

    private async Task<IResult> AcceptAsync(HttpRequest request, string conversationId, string? replyToId, bool isUpdate = false)
    {
        var call = Interlocked.Increment(ref _calls);
        if (FaultFor(call) is { } status)
        {
            Interlocked.Increment(ref _failed);
            if (status == 429)
            {
                request.HttpContext.Response.Headers.RetryAfter = Faults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.StatusCode(status);
        }

        using var body = await JsonDocument.ParseAsync(request.Body);
        var root = body.RootElement;
        if (replyToId is not null)
        {
            _deliveries.AddOrUpdate(conversationId + "\n" + replyToId, 1, (_, n) => n + 1);
        }

        Interlocked.Increment(ref _accepted);
        if (_keepMessages && !isUpdate)
        {
            var message = new ConnectorMessage(conversationId, replyToId, FirstCard(root),
                root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null);
            await Conversation(conversationId).Writer.WriteAsync(message);
        }

        return Results.Json(new { id = "stub-" + Interlocked.Increment(ref _nextId) });
    }

    private int? FaultFor(long call)
    {
        var faults = Faults;
        if (faults.Rate <= 0)
        {
            return null;
        }

        var before = (long)Math.Floor((call - 1) * faults.Rate);
        var now = (long)Math.Floor(call * faults.Rate);
        return now > before ? FaultPlan.Statuses[(int)(now % FaultPlan.Statuses.Length)] : null;
    }

    private static JsonElement? FirstCard(JsonElement activity)
    {
        if (activity.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array)
        {
            foreach (var attachment in attachments.EnumerateArray())
            {
                if (attachment.TryGetProperty("contentType", out var type) && type.GetString() == "application/vnd.microsoft.card.adaptive"
                    && attachment.TryGetProperty("content", out var content))
                {
                    return content.Clone();
                }
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
