using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Storage;
using PartnershipBot.Storage.PostgreSql;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Storage;

/// <summary>A draft's history in rows of its own (migration 0006): an answer writes its change, not the whole history again.</summary>
public sealed class PostgreSqlDraftHistoryTests(PostgreSqlBackend backend) : IClassFixture<PostgreSqlBackend>
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Alice = new("aad-alice", "Alice");
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task Save_EachAnswer_WritesTheDocumentWithoutHistory_AndOnlyTheNewHistoryRows()
    {
        await using var storage = await backend.OpenAsync(_time);
        var drafts = storage.Get<IDraftStore>();
        var database = storage.Get<PostgreSqlDatabase>();
        var first = Answered(NewDraft(), 1);
        Assert.True(await drafts.SaveAsync(first, open: true, default));
        var firstRow = await database.ScalarAsync("SELECT xmin::text FROM draft_history WHERE draft_id = 'D1' AND seq = 0", default);

        var second = Answered(first, 2);
        Assert.True(await drafts.SaveAsync(second, open: true, default));

        Assert.Equal("[]", await database.ScalarAsync("SELECT (doc -> 'history')::text FROM drafts WHERE id = 'D1'", default));
        Assert.Equal("0:step-1,1:step-2", await database.ScalarAsync(
            "SELECT string_agg(seq || ':' || (entry ->> 'stepId'), ',' ORDER BY seq) FROM draft_history WHERE draft_id = 'D1'", default));
        Assert.Equal(firstRow, await database.ScalarAsync("SELECT xmin::text FROM draft_history WHERE draft_id = 'D1' AND seq = 0", default));
        await using var another = storage.OpenAnotherInstance(_time);
        var read = await another.Get<IDraftStore>().GetAsync("D1", default);
        Assert.Equal(StorageJson.Serialize(second), StorageJson.Serialize(read));
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

        // As versions before 0006 stored them: the history inside the document.
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

        await using var rows = source.CreateCommand("SELECT count(*) FROM draft_history");
        Assert.Equal(2L, await rows.ExecuteScalarAsync());
        foreach (var draft in new[] { withHistory, empty })
        {
            await using var read = source.CreateCommand($"SELECT {PostgreSqlDraftStore.Doc}::text, (d.doc -> 'history')::text FROM drafts d WHERE d.id = $1");
            read.Parameters.Add(new NpgsqlParameter { Value = draft.Id });
            await using var reader = await read.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(StorageJson.Serialize(draft), StorageJson.Serialize(StorageJson.Deserialize<Draft>(reader.GetString(0), draft.Id)));
            Assert.Equal("[]", reader.GetString(1));
        }
    }

    /// <summary>A draft before its first save (the first answer makes it revision 1).</summary>
    private static Draft NewDraft(string id = "D1") =>
        new(id, "new-partnership", 1, "aad-alice", "Alice", "P1", "first", DraftStatus.InProgress, "step-1",
            new Dictionary<string, StepAnswer>(), [], Revision: 0, Start, Start, null);

    /// <summary>The draft after an answer to step <paramref name="step"/>: one more revision and history entry, as the engine makes them.</summary>
    private static Draft Answered(Draft draft, int step)
    {
        var stepId = $"step-{step}";
        var answer = new StepAnswer(new Dictionary<string, string> { ["text"] = $"answer {step}" }, [], false, 1, Alice, Start.AddMinutes(step));
        var entry = new HistoryEntry(stepId, HistoryAction.Answered, Alice, Start.AddMinutes(step), [new FieldChange("text", null, $"answer {step}")]);
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
