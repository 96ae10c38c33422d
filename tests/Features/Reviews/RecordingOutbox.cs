using System.Collections.Concurrent;
using PartnershipBot.Notifications;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>
/// Records every enqueue, without the real outbox's de-duplication, so a test sees a handler that ran twice.
/// </summary>
internal sealed class RecordingOutbox : IOutbox
{
    private readonly ConcurrentQueue<OutboxMessage> _messages = new();
    private readonly ConcurrentQueue<IReadOnlyList<OutboxMessage>> _batches = new();

    public IReadOnlyList<OutboxMessage> Messages => _messages.ToList();

    /// <summary>Each enqueue call's messages, in order: what was written together.</summary>
    public IReadOnlyList<IReadOnlyList<OutboxMessage>> Batches => _batches.ToList();

    public Task EnqueueAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        _batches.Enqueue(messages.ToList());
        foreach (var message in messages)
        {
            _messages.Enqueue(message);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxMessage>> SentChatCardsAsync(string topic, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutboxMessage>>([]);

    public Task<IReadOnlyList<OutboxMessage>> ByTopicAsync(string topic, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutboxMessage>>([]);

    public Task<IReadOnlyList<OutboxMessage>> UnreachableAsync(string topic, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutboxMessage>>([]);

    public IReadOnlyList<OutboxMessage> About(string partnershipId) =>
        Messages.Where(m => m.Topic == "partnership:" + partnershipId).ToList();
}
