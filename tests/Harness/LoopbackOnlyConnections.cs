using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PartnershipBot.Tests.Harness;

/// <summary>
/// The in-process bot's network guard (the twin of node-guard.cjs for Node processes): every HTTP connection the
/// bot opens goes through <see cref="ConnectAsync"/>, which refuses any host that is not this machine and records it.
/// A harness that recorded a refusal fails the test at disposal unless the test took the refusals as expected.
/// </summary>
public sealed class LoopbackOnlyConnections
{
    private readonly ConcurrentQueue<string> _refused = new();

    /// <summary>Off-machine connections refused so far, as "host:port".</summary>
    public IReadOnlyCollection<string> Refused => _refused.ToArray();

    /// <summary>Returns and forgets the refusals a test provoked on purpose.</summary>
    public IReadOnlyList<string> TakeRefused()
    {
        var taken = new List<string>();
        while (_refused.TryDequeue(out var host))
        {
            taken.Add(host);
        }

        return taken;
    }

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        if (!IsThisMachine(endpoint.Host))
        {
            // Refused before any DNS lookup: a name that is not loopback is never resolved.
            _refused.Enqueue($"{endpoint.Host}:{endpoint.Port}");
            throw new HttpRequestException($"Refused by the test network guard: {endpoint.Host}:{endpoint.Port} is not this machine.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool IsThisMachine(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
