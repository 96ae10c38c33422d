namespace PartnershipBot.Features.Register;

/// <summary>
/// While open, the whole register is read at most once in this async flow (one request of the tab's read-only API):
/// the role check and the page then work from the same entries, and a page of a large register does not parse it
/// twice. Nothing is kept beyond the scope, so the next request reads what is stored then (another instance's saves
/// included). Not for flows that save the register: they must read the entry they save.
/// </summary>
internal sealed class RegisterReadScope : IDisposable
{
    private static readonly AsyncLocal<RegisterReadScope?> Scope = new();
    private readonly RegisterReadScope? _outer;
    private readonly object _gate = new();
    private Task<IReadOnlyList<Partnership>>? _all;

    private RegisterReadScope(RegisterReadScope? outer) => _outer = outer;

    public static RegisterReadScope? Current => Scope.Value;

    public static RegisterReadScope Open()
    {
        var scope = new RegisterReadScope(Scope.Value);
        Scope.Value = scope;
        return scope;
    }

    /// <summary>The register as first read in this scope (a failed read is not kept).</summary>
    public Task<IReadOnlyList<Partnership>> Read(Func<Task<IReadOnlyList<Partnership>>> read)
    {
        lock (_gate)
        {
            if (_all is null || _all.IsFaulted || _all.IsCanceled)
            {
                _all = read();
            }

            return _all;
        }
    }

    public void Dispose() => Scope.Value = _outer;
}
