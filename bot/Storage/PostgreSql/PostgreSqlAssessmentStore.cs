using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Storage.PostgreSql;

/// <summary>
/// Starts an assessment draft only when none is in progress for the same subject and questionnaire. The check and
/// the insert run in one transaction holding an advisory lock on (subject, questionnaire), so two instances
/// starting at once serialise and the second finds the first's draft.
/// </summary>
internal sealed class PostgreSqlAssessmentStore(PostgreSqlDatabase database) : IAssessmentStore
{
    public async Task<Draft> StartAsync(Draft draft, CancellationToken cancellationToken)
    {
        Draft started = draft;
        await database.InTransactionAsync(async (connection, ct) =>
        {
            await PostgreSqlDatabase.ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", ct,
                $"assessment:{draft.SubjectId}:{draft.QuestionnaireId}");
            var inProgress = await PostgreSqlDatabase.DocumentsAsync<Draft>(connection,
                $"SELECT {PostgreSqlDraftStore.Doc} FROM drafts d WHERE d.subject_id = $1 AND d.status = $2 AND d.questionnaire_id = $3 ORDER BY d.created_ticks LIMIT 1",
                null, ct, draft.SubjectId ?? "", nameof(DraftStatus.InProgress), draft.QuestionnaireId);
            if (inProgress is [var existing])
            {
                started = existing;
                return true;
            }

            await PostgreSqlDraftStore.InsertAsync(connection, draft, ct);
            return true;
        }, cancellationToken);
        return started;
    }
}
