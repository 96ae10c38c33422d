using Npgsql;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// The sender's open draft as read with the turn's lock (one more statement in the lock's batch, see
/// <see cref="PostgreSqlConversationGate"/>): which draft is open and its stored version. The draft store answers
/// "which draft is open" from it, and skips the version read of a draft it keeps at that version: two round trips
/// fewer in a typical answer turn. It is a snapshot like any read; saves still check the stored version, so a draft
/// changed elsewhere after the lock is a conflict as before. It follows the turn's own saves, and is forgotten after
/// a write it cannot follow (one in a unit of work, which may still roll back) or a failed one.
/// </summary>
internal sealed class PostgreSqlTurnDrafts
{
    private readonly Lock _lock = new();
    private string? _ownerId;
    private string? _openDraftId;
    private int? _version;

    /// <summary>
    /// The query for the lock's batch: the owner's open draft and its version (no row: none open), with the owner as
    /// parameter <paramref name="owner"/>; its columns are read with <see cref="Take"/>.
    /// </summary>
    public static string OpenDraftSql(string owner) =>
        $"SELECT s.draft_id, d.version FROM journey_sessions s LEFT JOIN drafts d ON d.id = s.draft_id WHERE s.owner_id = {owner}";

    /// <summary>Takes the columns of <see cref="OpenDraftSql"/> starting at <paramref name="first"/> (null draft: none open).</summary>
    public void Take(NpgsqlDataReader reader, int first, string ownerId)
    {
        var draftId = reader.IsDBNull(first) ? null : reader.GetString(first);
        int? version = reader.IsDBNull(first + 1) ? null : reader.GetInt32(first + 1);
        lock (_lock)
        {
            (_ownerId, _openDraftId, _version) = (ownerId, draftId, version);
        }
    }

    /// <summary>The owner's open draft as last known in this turn; false when this turn does not know it.</summary>
    public bool TryOpenDraftId(string ownerId, out string? draftId)
    {
        lock (_lock)
        {
            draftId = _openDraftId;
            return _ownerId == ownerId;
        }
    }

    /// <summary>True when <paramref name="revision"/> of the draft is known to be the one stored (read with the lock, or saved by this turn).</summary>
    public bool IsStored(string draftId, int revision)
    {
        lock (_lock)
        {
            return _ownerId is not null && _openDraftId == draftId && _version == revision;
        }
    }

    /// <summary>The turn stored <paramref name="draft"/> with the draft store's own save (open: made the owner's open draft; not: closed).</summary>
    public void Saved(Draft draft, bool open)
    {
        lock (_lock)
        {
            if (_ownerId is null || (draft.OwnerId != _ownerId && draft.Id != _openDraftId))
            {
                return;
            }

            if (draft.OwnerId != _ownerId)
            {
                // The open draft changed hands: what is open for whom is no longer known here.
                _ownerId = null;
            }
            else if (open)
            {
                (_openDraftId, _version) = (draft.Id, draft.Revision);
            }
            else if (_openDraftId == draft.Id)
            {
                (_openDraftId, _version) = (null, null);
            }
        }
    }

    /// <summary>The turn set the owner's open draft by itself (committed): its version is not known.</summary>
    public void OpenSet(string ownerId, string? draftId)
    {
        lock (_lock)
        {
            (_ownerId, _openDraftId, _version) = (ownerId, draftId, null);
        }
    }

    /// <summary>A write this snapshot cannot follow: nothing is known from here on.</summary>
    public void Forget()
    {
        lock (_lock)
        {
            _ownerId = null;
        }
    }
}
