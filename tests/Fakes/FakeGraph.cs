using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PartnershipBot.Tests.Fakes;

/// <summary>
/// A fake Microsoft Graph over HTTPS (base URL <see cref="GraphBaseUrl"/>): users, group members and managers from what the test
/// adds; sendMail, sendActivityNotification and installedApps accepted. Records every request; can fail the next ones or be down.
/// </summary>
public sealed class FakeGraph : FakeServer
{
    private readonly ConcurrentDictionary<string, JsonObject> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _managers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string[]> _groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _installed = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<GraphRequest> _requests = new();
    private readonly ConcurrentQueue<(string? PathContains, int Status, string? RetryAfter)> _failures = new();

    protected override bool UseHttps => true;

    public string GraphBaseUrl => BaseUrl + "/v1.0";

    /// <summary>Group member pages hold at most this many members (to exercise @odata.nextLink).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>While true every request is answered 503 (a Graph outage).</summary>
    public bool Down { get; set; }

    public IReadOnlyList<GraphRequest> Requests => _requests.ToList();

    /// <summary>Requests whose path ends with <paramref name="pathEnd"/> (e.g. "/sendMail") that Graph accepted.</summary>
    public IReadOnlyList<GraphRequest> Succeeded(string pathEnd) =>
        _requests.Where(r => r.Path.EndsWith(pathEnd, StringComparison.OrdinalIgnoreCase) && r.Status is >= 200 and < 300).ToList();

    public void AddUser(string id, string displayName, string? mail, string? userPrincipalName = null) =>
        _users[id] = new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.user",
            ["id"] = id,
            ["displayName"] = displayName,
            ["mail"] = mail,
            ["userPrincipalName"] = userPrincipalName ?? mail ?? id + "@contoso.example",
        };

    public void SetManager(string userId, string managerId) => _managers[userId] = managerId;

    public void AddGroup(string groupId, params string[] memberIds) => _groups[groupId] = memberIds;

    /// <summary>The next <paramref name="times"/> requests (whose path contains <paramref name="pathContains"/>, if given) get <paramref name="status"/>.</summary>
    public void FailNext(int status, int times = 1, string? retryAfter = null, string? pathContains = null)
    {
        for (var i = 0; i < times; i++)
        {
            _failures.Enqueue((pathContains, status, retryAfter));
        }
    }

    protected override void Map(IEndpointRouteBuilder endpoints)
    {
        ((IApplicationBuilder)endpoints).Use(RecordAndMaybeFailAsync);
        // Graph takes an object id or a user principal name here.
        endpoints.MapGet("/v1.0/users/{id}", (string id) => _users.TryGetValue(id, out var user)
            || (user = _users.Values.FirstOrDefault(u => string.Equals((string?)u["userPrincipalName"], id, StringComparison.OrdinalIgnoreCase))) is not null
            ? Results.Json(user) : NotFound());
        endpoints.MapGet("/v1.0/users/{id}/manager", (string id) =>
            _managers.TryGetValue(id, out var managerId) && _users.TryGetValue(managerId, out var manager) ? Results.Json(manager) : NotFound());
        endpoints.MapGet("/v1.0/groups/{id}/members", (string id, HttpRequest request) =>
        {
            if (!_groups.TryGetValue(id, out var members))
            {
                return NotFound();
            }

            var skip = int.TryParse(request.Query["$skiptoken"], out var s) ? s : 0;
            var page = new JsonObject
            {
                ["value"] = new JsonArray(members.Skip(skip).Take(PageSize)
                    .Select(m => (JsonNode)new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = m }).ToArray()),
            };
            if (skip + PageSize < members.Length)
            {
                page["@odata.nextLink"] = $"{GraphBaseUrl}/groups/{id}/members?$skiptoken={skip + PageSize}";
            }

            return Results.Json(page);
        });
        endpoints.MapPost("/v1.0/users/{id}/sendMail", () => Results.StatusCode(StatusCodes.Status202Accepted));
        endpoints.MapPost("/v1.0/users/{id}/teamwork/sendActivityNotification", () => Results.NoContent());
        endpoints.MapPost("/v1.0/users/{id}/teamwork/installedApps", (string id) =>
            _installed.TryAdd(id, true) ? Results.StatusCode(StatusCodes.Status201Created) : Error(StatusCodes.Status409Conflict, "Conflict"));
    }

    private async Task RecordAndMaybeFailAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        JsonObject? body = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            request.EnableBuffering();
            body = (await JsonNode.ParseAsync(request.Body))?.AsObject();
            request.Body.Position = 0;
        }

        var path = Uri.UnescapeDataString(request.Path.Value ?? "");
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        // Recorded as the response starts, before the bot can see it, so a test that saw the result also sees the request.
        context.Response.OnStarting(() =>
        {
            _requests.Enqueue(new GraphRequest(request.Method, path, request.QueryString.Value ?? "", body, headers, context.Response.StatusCode));
            return Task.CompletedTask;
        });
        if (Down)
        {
            await Error(StatusCodes.Status503ServiceUnavailable, "serviceNotAvailable").ExecuteAsync(context);
        }
        else if (TakeFailure(path) is { } failure)
        {
            if (failure.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = failure.RetryAfter;
            }

            await Error(failure.Status, failure.Status == 429 ? "TooManyRequests" : "serviceNotAvailable").ExecuteAsync(context);
        }
        else
        {
            await next(context);
        }
    }

    private (int Status, string? RetryAfter)? TakeFailure(string path)
    {
        // Only the head of the queue is considered, so failures stay in the order the test gave them.
        if (_failures.TryPeek(out var head) && (head.PathContains is null || path.Contains(head.PathContains, StringComparison.OrdinalIgnoreCase))
            && _failures.TryDequeue(out var failure))
        {
            return (failure.Status, failure.RetryAfter);
        }

        return null;
    }

    private static IResult NotFound() => Error(StatusCodes.Status404NotFound, "Request_ResourceNotFound");

    private static IResult Error(int status, string code) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = "Fake Graph: " + code } }, statusCode: status);
}

/// <summary>One request the bot made to Graph, and the status it was answered with.</summary>
public sealed record GraphRequest(string Method, string Path, string Query, JsonObject? Body, IReadOnlyDictionary<string, string> Headers, int Status)
{
    public string? Authorization => Headers.GetValueOrDefault("Authorization");
}
