using LiteDB;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>
/// Drafts in LiteDB, versioned by their revision; the owner's open draft in a small session record. Drafts in
/// progress are also kept in memory as last stored (<see cref="OpenDraftCache"/>): every step reads its draft.
/// </summary>
internal sealed class LiteDbDraftStore : IDraftStore
{
    private const string Drafts = "drafts";
    private const string Sessions = "journey_sessions";
    private readonly LiteDbStore _store;
    private readonly OpenDraftCache _open = new();

    public LiteDbDraftStore(LiteDbStore store)
    {
        _store = store;
        var drafts = store.Collection(Drafts);
        drafts.EnsureIndex("owner");
        drafts.EnsureIndex("subject");
    }

    public Task<Draft?> GetAsync(string draftId, CancellationToken cancellationToken)
    {
        if (_open.TryGet(draftId, out var cached))
        {
            return Task.FromResult<Draft?>(cached);
        }

        var doc = _store.Collection(Drafts).FindById(draftId);
        var draft = doc is null ? null : StoredDocument.FromBson<Draft>(doc);
        if (draft is not null)
        {
            _open.Put(draft);
        }

        return Task.FromResult(draft);
    }

    public Task<IReadOnlyList<Draft>> ListByOwnerAsync(string ownerId, CancellationToken cancellationToken) =>
        Task.FromResult(Query("owner", ownerId));

    public Task<IReadOnlyList<Draft>> ListBySubjectAsync(string subjectId, CancellationToken cancellationToken) =>
        Task.FromResult(Query("subject", subjectId));

    public Task<bool> SaveAsync(Draft draft, bool open, CancellationToken cancellationToken) =>
        SaveAsync(draft, open, alongside: null, cancellationToken);

    /// <summary>
    /// Saves the draft as <see cref="SaveAsync(Draft, bool, CancellationToken)"/> and, in the same write and only if
    /// the draft was saved, runs <paramref name="alongside"/> (another store's part of one atomic step).
    /// </summary>
    internal async Task<bool> SaveAsync(Draft draft, bool open, Action<LiteDatabase>? alongside, CancellationToken cancellationToken)
    {
        var doc = StoredDocument.ToBson(draft.Id, draft.Revision, draft,
            ("owner", draft.OwnerId), ("subject", draft.SubjectId ?? BsonValue.Null), ("status", draft.Status.ToString()));
        // Kept only once durable; after a conflict the stored draft is someone else's newer one, so read it again.
        return await _open.SaveThroughAsync(draft, () => WriteVersionedAsync(draft, doc, open, alongside, cancellationToken));
    }

    private Task<bool> WriteVersionedAsync(Draft draft, BsonDocument doc, bool open, Action<LiteDatabase>? alongside, CancellationToken cancellationToken) =>
        _store.WriteAsync(db =>
        {
            var drafts = db.GetCollection(Drafts);
            if (StoredDocument.VersionOf(drafts.FindById(draft.Id)) != draft.Revision - 1)
            {
                return false;
            }

            drafts.Upsert(doc);
            SetOpen(db, draft.OwnerId, draft.Id, open);
            alongside?.Invoke(db);
            return true;
        }, cancellationToken);

    public Task<string?> GetOpenDraftIdAsync(string ownerId, CancellationToken cancellationToken)
    {
        var session = _store.Collection(Sessions).FindById(ownerId);
        return Task.FromResult(session is null || session["draft"].IsNull ? null : session["draft"].AsString);
    }

    public Task SetOpenDraftAsync(string ownerId, string? draftId, CancellationToken cancellationToken) =>
        _store.WriteAsync(db =>
        {
            db.GetCollection(Sessions).Upsert(new BsonDocument { ["_id"] = ownerId, ["draft"] = draftId ?? BsonValue.Null });
            return true;
        }, cancellationToken);

    /// <summary>Writes the session only when it changes, so most answers cost one document write.</summary>
    private static void SetOpen(LiteDatabase db, string ownerId, string draftId, bool open)
    {
        var sessions = db.GetCollection(Sessions);
        var current = sessions.FindById(ownerId)?["draft"];
        var currentId = current is null || current.IsNull ? null : current.AsString;
        var wanted = open ? draftId : (currentId == draftId ? null : currentId);
        if (wanted != currentId)
        {
            sessions.Upsert(new BsonDocument { ["_id"] = ownerId, ["draft"] = wanted ?? BsonValue.Null });
        }
    }

    private IReadOnlyList<Draft> Query(string field, string value) =>
        _store.Collection(Drafts).Find(StoredDocument.Where(field + " = @0", value))
            .Select(StoredDocument.FromBson<Draft>)
            .OrderByDescending(d => d.UpdatedAt)
            .ToList();
}
