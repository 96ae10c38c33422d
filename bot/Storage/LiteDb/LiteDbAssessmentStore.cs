using LiteDB;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Storage.LiteDb;

/// <summary>Starts an assessment draft in the drafts collection only when none is in progress for the same subject.</summary>
internal sealed class LiteDbAssessmentStore(LiteDbStore store) : IAssessmentStore
{
    // The drafts collection and its indexed fields, as LiteDbDraftStore writes them.
    private const string Drafts = "drafts";

    public Task<Draft> StartAsync(Draft draft, CancellationToken cancellationToken) =>
        store.WriteAsync(db =>
        {
            var drafts = db.GetCollection(Drafts);
            var inProgress = drafts
                .Find(StoredDocument.Where("subject = @0 AND status = @1", draft.SubjectId ?? "", nameof(DraftStatus.InProgress)))
                .Select(StoredDocument.FromBson<Draft>)
                .Where(d => d.QuestionnaireId == draft.QuestionnaireId)
                .OrderBy(d => d.CreatedAt)
                .FirstOrDefault();
            if (inProgress is not null)
            {
                return inProgress;
            }

            drafts.Insert(StoredDocument.ToBson(draft.Id, draft.Revision, draft,
                ("owner", draft.OwnerId), ("subject", draft.SubjectId ?? BsonValue.Null), ("status", draft.Status.ToString())));
            return draft;
        }, cancellationToken);
}
