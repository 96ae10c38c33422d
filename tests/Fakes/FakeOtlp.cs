using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PartnershipBot.Tests.Fakes;

/// <summary>An OTLP/HTTP receiver on 127.0.0.1: records each export (path, content type, protobuf body) and accepts it.</summary>
public sealed class FakeOtlp : FakeServer
{
    private readonly ConcurrentQueue<OtlpExport> _exports = new();

    public IReadOnlyCollection<OtlpExport> Exports => _exports;

    protected override bool UseHttps => false;

    protected override void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            _exports.Enqueue(new OtlpExport("/v1/" + signal, request.ContentType ?? "", body.ToArray()));
            return Results.Ok();
        });
}

public sealed record OtlpExport(string Path, string ContentType, byte[] Body)
{
    /// <summary>Whether the protobuf payload carries a string (names are stored as UTF-8 bytes).</summary>
    public bool Mentions(string text) => System.Text.Encoding.UTF8.GetString(Body).Contains(text, StringComparison.Ordinal);
}
