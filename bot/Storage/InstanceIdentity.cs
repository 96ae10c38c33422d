namespace PartnershipBot.Storage;

/// <summary>
/// Who this process is, for leases on shared work (outbox messages, due prompts): unique per process start, so a
/// restarted instance never mistakes its dead predecessor's claims for its own.
/// </summary>
internal sealed class InstanceIdentity
{
    public InstanceIdentity()
        : this($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}")
    {
    }

    public InstanceIdentity(string id) => Id = id;

    public string Id { get; }

    public override string ToString() => Id;
}
