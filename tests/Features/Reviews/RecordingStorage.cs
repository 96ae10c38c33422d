using Microsoft.Extensions.DependencyInjection;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;
using PartnershipBot.Storage;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>
/// The real storage, whose register changes' messages (a unit of work that saves a register entry) are also recorded
/// in the <see cref="RecordingOutbox"/> once committed: what the register's edits tell people is seen like any other
/// message, and nothing of a unit that failed.
/// </summary>
internal sealed class RecordingStorage(IStorage inner, RecordingOutbox outbox) : IStorage
{
    /// <summary>Wraps the storage module's <see cref="IStorage"/> (registered by a factory) in the service collection.</summary>
    public static void Register(IServiceCollection services, RecordingOutbox outbox)
    {
        var real = services.Last(d => d.ServiceType == typeof(IStorage));
        services.Remove(real);
        services.AddSingleton<IStorage>(sp => new RecordingStorage((IStorage)real.ImplementationFactory!(sp), outbox));
    }

    public async Task<IUnitOfWork> BeginAsync(CancellationToken cancellationToken) => new Unit(await inner.BeginAsync(cancellationToken), outbox);

    private sealed class Unit(IUnitOfWork inner, RecordingOutbox outbox) : IUnitOfWork, IOutboxWrites, IPartnershipWrites
    {
        private readonly List<OutboxMessage> _added = [];
        private bool _savesRegister;

        public ISubmissionWrites Submissions => inner.Submissions;

        public IOutboxWrites Outbox => this;

        public IDuePromptWrites Prompts => inner.Prompts;

        public IPartnershipWrites Partnerships => this;

        void IOutboxWrites.Add(IReadOnlyList<OutboxMessage> messages)
        {
            inner.Outbox.Add(messages);
            _added.AddRange(messages);
        }

        void IPartnershipWrites.Save(Partnership partnership, int expectedVersion)
        {
            inner.Partnerships.Save(partnership, expectedVersion);
            _savesRegister = true;
        }

        public async Task<bool> CommitAsync(CancellationToken cancellationToken)
        {
            var committed = await inner.CommitAsync(cancellationToken);
            if (committed && _savesRegister)
            {
                await outbox.EnqueueAsync(_added, cancellationToken);
            }

            return committed;
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
