using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PartnershipBot.Tests.Fakes;

/// <summary>
/// A fake Bot Connector (the serviceUrl of every test activity): records what the bot posts and answers like
/// the real service; can be told to fail the next calls with given status codes.
/// </summary>
public sealed class FakeBotConnector : FakeServer
{
    private readonly ConcurrentDictionary<string, Channel<ConnectorCall>> _byConversation = new();
    private readonly ConcurrentQueue<ConnectorCall> _all = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _failures = new();
    private int _nextId;

    protected override bool UseHttps => false;

    public IReadOnlyCollection<ConnectorCall> Calls => _all;

    /// <summary>Runs as each reply, send or update arrives, before it is answered (e.g. to look at the bot's database at that moment).</summary>
    public Func<ConnectorCall, Task>? OnCall { get; set; }

    /// <summary>While true, every activity update (PUT) is refused with 400 (not retried by the bot's client); other calls are served.</summary>
    public bool RefuseUpdates { get; set; }

    private readonly TaskCompletionSource _updateRefused = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when an update has been refused (<see cref="RefuseUpdates"/>).</summary>
    public Task UpdateRefused => _updateRefused.Task;

    /// <summary>The next calls (of any kind) are answered with these statuses, in order, before normal service resumes.</summary>
    public void FailNext(int status, int times = 1, string? retryAfter = null)
    {
        for (var i = 0; i < times; i++)
        {
            _failures.Enqueue((status, retryAfter));
        }
    }

    /// <summary>Waits for the next message the bot sent into a conversation (replies, proactive sends and updates).</summary>
    public async Task<ConnectorCall> NextAsync(string conversationId, TimeSpan? timeout = null)
    {
        var channel = Conversation(conversationId);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await channel.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The bot sent nothing to conversation {conversationId}.");
        }
    }

    /// <summary>
    /// Waits for the bot's reply to one activity (e.g. the new message a click produced). Anything else that arrived
    /// first (a proactive card, an update) is put back, after it, for the test to read as before.
    /// </summary>
    public async Task<ConnectorCall> NextReplyToAsync(string conversationId, string replyToId, TimeSpan? timeout = null)
    {
        var passed = new List<ConnectorCall>();
        try
        {
            while (true)
            {
                var call = await NextAsync(conversationId, timeout);
                if (call.Kind == "reply" && call.ReplyToId == replyToId)
                {
                    return call;
                }

                passed.Add(call);
            }
        }
        finally
        {
            foreach (var call in passed)
            {
                Conversation(conversationId).Writer.TryWrite(call);
            }
        }
    }

    /// <summary>Takes what has already arrived for a conversation, without waiting.</summary>
    public IReadOnlyList<ConnectorCall> Drain(string conversationId)
    {
        var list = new List<ConnectorCall>();
        while (Conversation(conversationId).Reader.TryRead(out var call))
        {
            list.Add(call);
        }

        return list;
    }

    private Channel<ConnectorCall> Conversation(string id) => _byConversation.GetOrAdd(id, _ => Channel.CreateUnbounded<ConnectorCall>());

    protected override void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (HttpRequest r, string conversationId, string replyToId) =>
            RecordAsync(r, "reply", conversationId, replyToId));
        endpoints.MapPost("/v3/conversations/{conversationId}/activities", (HttpRequest r, string conversationId) =>
            RecordAsync(r, "send", conversationId, null));
        endpoints.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (HttpRequest r, string conversationId, string activityId) =>
            RecordAsync(r, "update", conversationId, activityId));
        endpoints.MapPost("/v3/conversations", async (HttpRequest r) =>
        {
            var body = (await JsonNode.ParseAsync(r.Body))!.AsObject();
            if (TakeFailure() is { } failure)
            {
                return failure;
            }

            var member = body["members"]?[0]?["id"]?.GetValue<string>() ?? "unknown";
            var call = new ConnectorCall("create", "", null, body, r.Headers.Authorization.ToString());
            _all.Enqueue(call);
            return Results.Json(new JsonObject { ["id"] = "personal-" + member });
        });
    }

    private async Task<IResult> RecordAsync(HttpRequest request, string kind, string conversationId, string? activityId)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        if (kind == "update" && RefuseUpdates)
        {
            _updateRefused.TrySetResult();
            return new FailureResult(400, null);
        }

        if (TakeFailure() is { } failure)
        {
            return failure;
        }

        var id = kind == "update" ? activityId! : "sent-" + Interlocked.Increment(ref _nextId);
        var call = new ConnectorCall(kind, conversationId, id, body, request.Headers.Authorization.ToString()) { ReplyToId = kind == "reply" ? activityId : null };
        if (OnCall is { } onCall)
        {
            await onCall(call);
        }

        _all.Enqueue(call);
        await Conversation(conversationId).Writer.WriteAsync(call);
        return Results.Json(new JsonObject { ["id"] = id });
    }

    private IResult? TakeFailure()
    {
        if (!_failures.TryDequeue(out var failure))
        {
            return null;
        }

        return new FailureResult(failure.Status, failure.RetryAfter);
    }

    private sealed class FailureResult(int status, string? retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>One call the bot made to the connector.</summary>
public sealed record ConnectorCall(string Kind, string ConversationId, string? ActivityId, JsonObject Body, string Authorization)
{
    public string? ReplyToId { get; init; }

    public string? Text => Body["text"]?.GetValue<string>();

    /// <summary>Everything a person sees in this message: its text, the card's texts and its button titles.</summary>
    public string Shown => string.Join("\n", new[] { Text ?? "", Harness.CardInspector.AllText(Card) }.Concat(Card is null ? [] : Harness.CardInspector.ButtonTitles(Card)));

    /// <summary>The first Adaptive Card attached, or null.</summary>
    public JsonObject? Card => Body["attachments"]?.AsArray()
        .FirstOrDefault(a => a?["contentType"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive")?["content"]?.AsObject();
}
