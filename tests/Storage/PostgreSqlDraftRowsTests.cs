using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Storage;
using PartnershipBot.Storage.PostgreSql;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Storage;

/// <summary>A draft's answers and history in rows of their own (migration 0006): an answer writes its step and change, not the whole draft again.</summary>
public sealed class PostgreSqlDraftRowsTests(PostgreSqlBackend backend) : IClassFixture<PostgreSqlBackend>
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Alice = new("aad-alice", "Alice");
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task Save_EachAnswer_WritesTheDocumentWithoutAnswersOrHistory_AndOnlyTheChangedRows()
    {
        await using var storage = await backend.OpenAsync(_time);
        var drafts = storage.Get<IDraftStore>();
        var database = storage.Get<PostgreSqlDatabase>();
        var first = Answered(NewDraft(), 1);
        Assert.True(await drafts.SaveAsync(first, open: true, default));
        var firstRows = await FirstRowsWrittenAsync(database);

        var second = Answered(first, 2);
        Assert.True(await drafts.SaveAsync(second, open: true, default));

        Assert.Equal("{}|[]", await database.ScalarAsync("SELECT (doc -> 'answers')::text || '|' || (doc -> 'history')::text FROM drafts WHERE id = 'D1'", default));
        Assert.Equal("0:step-1,1:step-2", await database.ScalarAsync(
            "SELECT string_agg(seq || ':' || (entry ->> 'stepId'), ',' ORDER BY seq) FROM draft_history WHERE draft_id = 'D1'", default));
        Assert.Equal("step-1=answer 1,step-2=answer 2", await database.ScalarAsync(
            "SELECT string_agg(step_id || '=' || (doc -> 'fields' ->> 'text'), ',' ORDER BY step_id) FROM draft_answers WHERE draft_id = 'D1'", default));
        Assert.Equal(firstRows, await FirstRowsWrittenAsync(database));
        await using var another = storage.OpenAnotherInstance(_time);
        var read = await another.Get<IDraftStore>().GetAsync("D1", default);
        Assert.Equal(StorageJson.Serialize(second), StorageJson.Serialize(read));
    }

    [Fact]
    public async Task Save_AnswerChangedAndAnotherRemoved_RowsFollow_OnTheInstanceThatKeptItAndOnOneThatDidNot()
    {
        await using var storage = await backend.OpenAsync(_time);
        await using var other = storage.OpenAnotherInstance(_time);
        var database = storage.Get<PostgreSqlDatabase>();
        var two = Answered(Answered(NewDraft(), 1), 2);
        Assert.True(await storage.Get<IDraftStore>().SaveAsync(Answered(NewDraft(), 1), open: true, default));
        Assert.True(await storage.Get<IDraftStore>().SaveAsync(two, open: true, default));

        var changed = Answered(two, 1, "changed") with { Answers = Answered(two, 1, "changed").Answers.Where(a => a.Key != "step-2").ToDictionary() };
        Assert.True(await storage.Get<IDraftStore>().SaveAsync(changed, open: true, default));
        Assert.Equal("step-1=changed", await database.ScalarAsync(
            "SELECT string_agg(step_id || '=' || (doc -> 'fields' ->> 'text'), ',' ORDER BY step_id) FROM draft_answers WHERE draft_id = 'D1'", default));

        // An instance that never read the draft sends every answer, and removes what is no longer answered.
        var again = Answered(changed, 3) with { Answers = Answered(changed, 3).Answers.Where(a => a.Key != "step-1").ToDictionary() };
        Assert.True(await other.Get<IDraftStore>().SaveAsync(again, open: true, default));
        Assert.Equal("step-3=answer 3", await database.ScalarAsync(
            "SELECT string_agg(step_id || '=' || (doc -> 'fields' ->> 'text'), ',' ORDER BY step_id) FROM draft_answers WHERE draft_id = 'D1'", default));
        Assert.Equal(StorageJson.Serialize(again), StorageJson.Serialize(await storage.Get<IDraftStore>().GetAsync("D1", default)));
    }

    [Fact]
    public async Task Save_RefusedAsOutOfDate_WritesNoHistory_AndAnInstanceWithoutTheDraftKeptStoresEachEntryOnce()
    {
        await using var storage = await backend.OpenAsync(_time);
        await using var other = storage.OpenAnotherInstance(_time);
        var database = storage.Get<PostgreSqlDatabase>();
        var first = Answered(NewDraft(), 1);
        Assert.True(await storage.Get<IDraftStore>().SaveAsync(first, open: true, default));
        Assert.True(await storage.Get<IDraftStore>().SaveAsync(Answered(first, 2), open: true, default));

        // Built on revision 2 by an instance that never read the draft: the whole history is sent, each entry stored once.
        Assert.False(await other.Get<IDraftStore>().SaveAsync(Answered(first, 9), open: true, default));
        Assert.True(await other.Get<IDraftStore>().SaveAsync(Answered(Answered(first, 2), 3), open: true, default));

        Assert.Equal("0:step-1,1:step-2,2:step-3", await database.ScalarAsync(
            "SELECT string_agg(seq || ':' || (entry ->> 'stepId'), ',' ORDER BY seq) FROM draft_history WHERE draft_id = 'D1'", default));
        Assert.Equal(3, (await storage.Get<IDraftStore>().GetAsync("D1", default))!.History.Count);
    }

    [Fact]
    public async Task Migration0006_HistoryInsideTheDocument_MovedToRows_DraftsReadBackUnchanged()
    {
        var connectionString = await (await PostgreSqlServer.SharedAsync()).CreateDatabaseAsync("history");
        await using var source = NpgsqlDataSource.Create(connectionString);
        foreach (var migration in PostgreSqlMigrations.All.Where(m => m.Version < 6))
        {
            await using var command = source.CreateCommand(migration.Sql);
            await command.ExecuteNonQueryAsync();
        }

        // As versions before 0006 stored them: the answers and the history inside the document.
        var withHistory = Answered(Answered(NewDraft(), 1), 2);
        var empty = NewDraft("D2");
        foreach (var draft in new[] { withHistory, empty })
        {
            await using var insert = source.CreateCommand(
                "INSERT INTO drafts (id, version, doc, owner_id, status, questionnaire_id, created_ticks, updated_ticks) VALUES ($1, $2, $3::jsonb, 'aad-alice', 'InProgress', 'new-partnership', 0, 0)");
            insert.Parameters.Add(new NpgsqlParameter { Value = draft.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = draft.Revision });
            insert.Parameters.Add(new NpgsqlParameter { Value = StorageJson.Serialize(draft) });
            await insert.ExecuteNonQueryAsync();
        }

        await using (var migrate = source.CreateCommand(PostgreSqlMigrations.All.Single(m => m.Version == 6).Sql))
        {
            await migrate.ExecuteNonQueryAsync();
        }

        await using var rows = source.CreateCommand("SELECT (SELECT count(*) FROM draft_history) || '/' || (SELECT count(*) FROM draft_answers)");
        Assert.Equal("2/2", await rows.ExecuteScalarAsync());
        foreach (var draft in new[] { withHistory, empty })
        {
            await using var read = source.CreateCommand($"SELECT {PostgreSqlDraftStore.Doc}::text, (d.doc -> 'answers')::text || (d.doc -> 'history')::text FROM drafts d WHERE d.id = $1");
            read.Parameters.Add(new NpgsqlParameter { Value = draft.Id });
            await using var reader = await read.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(StorageJson.Serialize(draft), StorageJson.Serialize(StorageJson.Deserialize<Draft>(reader.GetString(0), draft.Id)));
            Assert.Equal("{}[]", reader.GetString(1));
        }
    }

    /// <summary>A draft before its first save (the first answer makes it revision 1).</summary>
    private static Draft NewDraft(string id = "D1") =>
        new(id, "new-partnership", 1, "aad-alice", "Alice", "P1", "first", DraftStatus.InProgress, "step-1",
            new Dictionary<string, StepAnswer>(), [], Revision: 0, Start, Start, null);

    /// <summary>The xmin of the first answer and history rows: the same as long as no later save rewrote them.</summary>
    private static async Task<object?> FirstRowsWrittenAsync(PostgreSqlDatabase database) =>
        await database.ScalarAsync(
            "SELECT (SELECT xmin::text FROM draft_history WHERE draft_id = 'D1' AND seq = 0) || '/' || (SELECT xmin::text FROM draft_answers WHERE draft_id = 'D1' AND step_id = 'step-1')",
            default);

    /// <summary>The draft after an answer to step <paramref name="step"/>: one more revision and history entry, as the engine makes them.</summary>
    private static Draft Answered(Draft draft, int step, string? text = null)
    {
        var stepId = $"step-{step}";
        text ??= $"answer {step}";
        var answer = new StepAnswer(new Dictionary<string, string> { ["text"] = text }, [], false, 1, Alice, Start.AddMinutes(step));
        var entry = new HistoryEntry(stepId, HistoryAction.Answered, Alice, Start.AddMinutes(step), [new FieldChange("text", draft.AnswerTo(stepId)?.Value("text"), text)]);
        return draft with
        {
            Answers = new Dictionary<string, StepAnswer>(draft.Answers) { [stepId] = answer },
            History = [.. draft.History, entry],
            CurrentStepId = $"step-{step + 1}",
            Revision = draft.Revision + 1,
            UpdatedAt = Start.AddMinutes(step),
        };
    }
}
