using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PartnershipBot.Hosting;

namespace PartnershipBot.Connector;

/// <summary>Keeps sends to any one conversation under Teams' documented limit (7 per second per conversation).</summary>
internal sealed class ConversationPacer : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ConversationPacer(IOptions<BotOptions> options)
    {
        var perSecond = options.Value.MaxSendsPerSecondPerConversation;
        _limiter = PartitionedRateLimiter.Create<string, string>(conversationId =>
            RateLimitPartition.GetSlidingWindowLimiter(conversationId, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = perSecond,
                Window = TimeSpan.FromSeconds(1),
                SegmentsPerWindow = 4,
                QueueLimit = 1000,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }));
    }

    public async ValueTask WaitTurnAsync(string conversationId, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(conversationId, 1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException("Too many messages queued for one conversation.");
        }
    }

    public void Dispose() => _limiter.Dispose();
}
