using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Connector;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Audit;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;
using PartnershipBot.Storage;
using PartnershipBot.Storage.LiteDb;
using PartnershipBot.Storage.PostgreSql;
using PartnershipBot.Storage.Transfer;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Storage;

/// <summary>
/// migrate-to-postgresql: a council's LiteDB file, made by journeys, approvals and the register through the HTTP
/// pipeline, moved into an empty PostgreSQL database; every record found there, and the bot on PostgreSQL shows the
/// same register, proposals and drafts.
/// </summary>
public sealed class MigrateToPostgreSqlTests
{
    private static readonly string[] People = ["aad-alice", "aad-bob", "aad-carol", "aad-sam", PpmId];

    [Fact]
    public async Task Migrate_FileMadeByJourneysApprovalsAndTheRegister_EveryRecordFoundAndTheBotShowsTheSameOnPostgreSql()
    {
        var target = await NewDatabaseAsync();
        await using var lite = await StartAsync();
        var (alice, bob, sam, pat) = (lite.User("Alice"), lite.User("Bob"), lite.User("Sam"), lite.User("Pat", PpmId));
        var (_, approvedId) = await SubmitAsync(alice);
        await sam.ClickAsync(CardFor(lite, "aad-sam"), "Approve", new Dictionary<string, string> { ["comment"] = "Good work" });
        var (_, waitingId) = await SubmitAsync(lite.User("Carol"));
        var card = (await bob.SayAsync("new partnership")).Card!;
        await bob.ClickAsync(card, "Next", StepCard.ValidAnswers(card));
        var assessment = new ContentAssessment("kp03", 2027, [new ContentAssessmentEntry("d1", "aad-alex", "Alex Auditor", DateTimeOffset.UnixEpoch,
            [new ElementRating("outcomes", "Outcomes achieved", "Adequate", "Notes with 'quotes'")])]);
        Assert.True(await lite.Get<IAuditRecordStore>().TrySaveAssessmentAsync(assessment, 0, default));
        var before = await ShownAsync(lite, pat, alice, bob);

        // The file as moved is kept aside: the restarted LiteDB bot goes on delivering its outbox.
        var (exit, output, error) = (0, new StringWriter(), new StringWriter());
        var asMoved = Directory.CreateTempSubdirectory("moved-file-").FullName;
        await lite.RestartAsync(whileStopped: () =>
        {
            CopyFile(lite.DatabasePath, asMoved);
            CopyFile(LiteDbStore.LogPath(lite.DatabasePath), asMoved);
            exit = StorageCommands.Run([StorageCommands.MigrateToPostgreSql, "--from", lite.DatabasePath, "--to", target], output, error);
        });

        Assert.True(exit == 0, error.ToString());
        Assert.Contains("Moved ", output.ToString());
        await using (var source = StorageServices.Open(
            new Dictionary<string, string?> { ["Storage:DatabasePath"] = Path.Combine(asMoved, Path.GetFileName(lite.DatabasePath)) },
            asMoved, new FakeTimeProvider(), []))
        {
            await AssertEveryRecordFoundAsync(source, target, [approvedId, waitingId]);
        }

        Directory.Delete(asMoved, recursive: true);

        await using var onPostgreSql = await StartAsync(o =>
        {
            o.Settings["Storage:Provider"] = StorageOptions.PostgreSql;
            o.Settings["Storage:ConnectionString"] = target;
        });
        var after = await ShownAsync(onPostgreSql, onPostgreSql.User("Pat", PpmId), onPostgreSql.User("Alice"), onPostgreSql.User("Bob"));
        Assert.Equal(before, after);
        Assert.Contains("Approved", after[1]);
    }

    [Fact]
    public async Task Migrate_TargetAlreadyHoldsData_RefusesAndWritesNothing()
    {
        var target = await NewDatabaseAsync();
        await using var lite = await StartAsync();
        await SubmitAsync(lite.User("Alice"));
        int first = 0, second = 0;
        var (output, error) = (new StringWriter(), new StringWriter());
        await lite.RestartAsync(whileStopped: () =>
        {
            first = StorageCommands.Run([StorageCommands.MigrateToPostgreSql, "--from", lite.DatabasePath, "--to", target], output, error);
            second = StorageCommands.Run([StorageCommands.MigrateToPostgreSql, "--from", lite.DatabasePath, "--to", target], output, error);
        });

        Assert.True(first == 0, error.ToString());
        Assert.Equal(1, second);
        Assert.Contains("is not empty (table partnerships has", error.ToString());
        Assert.Contains("nothing was written", error.ToString());
        await using var stored = StorageServicesOn(target);
        Assert.Single(await stored.Get<ISubmissionStore>().ListBySubmitterAsync("aad-alice", default));
    }

    [Fact]
    public async Task Migrate_UnreachableDatabase_ExitsNonZeroNamingItWithoutThePassword()
    {
        await using var lite = await StartAsync();
        var (exit, output, error) = (0, new StringWriter(), new StringWriter());
        await lite.RestartAsync(whileStopped: () => exit = StorageCommands.Run(
            [StorageCommands.MigrateToPostgreSql, "--from", lite.DatabasePath, "--to", "Host=127.0.0.1;Port=1;Database=council;Username=bot;Password=secret-pw;Timeout=3"],
            output, error));

        Assert.True(error.ToString().StartsWith("migrate-to-postgresql: --to: cannot use the PostgreSQL database 'council' on 127.0.0.1:1 (", StringComparison.Ordinal), error.ToString());
        Assert.Equal(1, exit);
        Assert.DoesNotContain("secret-pw", error.ToString() + output);
    }

    [Fact]
    public async Task Migrate_FileOfARunningBot_IsRefusedWithWhatToDo()
    {
        var target = await NewDatabaseAsync();
        await using var lite = await StartAsync();
        var error = new StringWriter();

        var exit = StorageCommands.Run([StorageCommands.MigrateToPostgreSql, "--from", lite.DatabasePath, "--to", target], new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.Contains("Stop the bot first, or move an online backup of it.", error.ToString());
    }

    /// <summary>The command as operators run it: the bot's own executable, a separate process.</summary>
    [Fact]
    public async Task Main_MigrateCommandWithNoSuchFile_ExitsOneWithTheMessageAndStartsNoBot()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-council.db");
        var result = await ProcessRunner.RunAsync("dotnet",
            [typeof(Program).Assembly.Location, StorageCommands.MigrateToPostgreSql, "--from", missing, "--to", "Host=127.0.0.1;Database=x;Password=secret-pw"],
            Path.GetTempPath(), null, TimeSpan.FromMinutes(1));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"migrate-to-postgresql: --from: there is no LiteDB file at '{missing}'.", result.StdErr.Trim());
        Assert.DoesNotContain("secret-pw", result.StdOut + result.StdErr);
        Assert.DoesNotContain("Now listening", result.StdOut);
    }

    [Theory]
    [InlineData]
    [InlineData("--from", "x.db")]
    [InlineData("--from", "x.db", "--from", "y.db", "--to", "Host=h")]
    public void Run_MissingOrRepeatedOptions_PrintsUsageAndExitsTwo(params string[] options)
    {
        var error = new StringWriter();

        Assert.Equal(2, StorageCommands.Run([StorageCommands.MigrateToPostgreSql, .. options], new StringWriter(), error));
        Assert.StartsWith("usage: migrate-to-postgresql --from <LiteDB file> --to <PostgreSQL connection string>", error.ToString());
    }

    /// <summary>Every store interface either backend registers is moved by a transfer, or is listed as holding nothing to move.</summary>
    [Fact]
    public void StoreTransfers_EveryRegisteredStore_IsMovedOrSaysWhyNot()
    {
        var services = new ServiceCollection();
        services.AddLiteDbStorage();
        services.AddPostgreSqlStorage();
        var stores = services.Select(s => s.ServiceType)
            .Where(t => t.IsInterface && t.Namespace!.StartsWith("PartnershipBot.", StringComparison.Ordinal) && t.Namespace != "PartnershipBot.Storage")
            .Distinct();
        var moved = StoreTransfers.All.SelectMany(t => t.Contracts).ToHashSet();

        Assert.All(stores, store => Assert.True(moved.Contains(store) || StoreTransfers.NotMoved.ContainsKey(store),
            $"{store.Name} is registered as a store but migrate-to-postgresql does not move it: add it to StoreTransfers (or to NotMoved, saying why)."));
    }

    /// <summary>Every table the PostgreSQL migrations create is filled by a transfer, or listed as not moved.</summary>
    [Fact]
    public async Task StoreTransfers_EveryPostgreSqlTable_IsFilledOrSaysWhyNot()
    {
        await using var storage = StorageServicesOn(await NewDatabaseAsync());
        var tables = await storage.Get<PostgreSqlDatabase>().DocumentsAsync<string>(
            "SELECT to_jsonb(table_name::text)::text FROM information_schema.tables WHERE table_schema = 'public'", null, default);
        var filled = StoreTransfers.All.Select(t => t.PostgreSqlTable).ToHashSet();

        Assert.NotEmpty(tables);
        Assert.All(tables, table => Assert.True(filled.Contains(table) || StoreTransfers.TablesNotMoved.ContainsKey(table),
            $"Table {table} is not filled by migrate-to-postgresql: add a transfer to StoreTransfers (or to TablesNotMoved, saying why)."));
    }

    private static Task<BotHarness> StartAsync(Action<HarnessOptions>? configure = null) => PartnershipBot.Tests.Features.Approvals.ApprovalScenario.StartAsync(configure: configure);

    private static async Task<string> NewDatabaseAsync() => await (await PostgreSqlServer.SharedAsync()).CreateDatabaseAsync("moved");

    private static StorageServices StorageServicesOn(string connectionString) =>
        StorageServices.Open(
            new Dictionary<string, string?> { ["Storage:Provider"] = StorageOptions.PostgreSql, ["Storage:ConnectionString"] = connectionString },
            Path.GetTempPath(), new FakeTimeProvider(), []);

    /// <summary>What the PPM, a submitter and an officer with a draft see: the register, their proposals, their draft.</summary>
    private static async Task<string[]> ShownAsync(BotHarness bot, TeamsUser ppm, TeamsUser submitter, TeamsUser drafter) =>
    [
        (await ReplyToAsync(bot, ppm, "register")).Shown,
        (await ReplyToAsync(bot, submitter, "my proposals")).Shown,
        (await ReplyToAsync(bot, drafter, "resume")).Shown,
    ];

    /// <summary>Each store read through its own interface on both backends: the same records, as JSON.</summary>
    private static async Task AssertEveryRecordFoundAsync(StorageServices lite, string target, string[] submissionIds)
    {
        await using var moved = StorageServicesOn(target);
        var fromLite = lite.Services;
        Assert.Equal(Json(await fromLite.GetRequiredService<IPartnershipRepository>().AllAsync(default)),
            Json(await moved.Get<IPartnershipRepository>().AllAsync(default)));
        foreach (var id in submissionIds)
        {
            var submission = await fromLite.GetRequiredService<ISubmissionStore>().GetAsync(id, default);
            Assert.NotEmpty(submission!.Audit);
            Assert.Equal(Json(submission), Json(await moved.Get<ISubmissionStore>().GetAsync(id, default)));
        }

        foreach (var person in People)
        {
            var drafts = await fromLite.GetRequiredService<IDraftStore>().ListByOwnerAsync(person, default);
            Assert.Equal(Json(drafts), Json(await moved.Get<IDraftStore>().ListByOwnerAsync(person, default)));
            Assert.Equal(await fromLite.GetRequiredService<IDraftStore>().GetOpenDraftIdAsync(person, default),
                await moved.Get<IDraftStore>().GetOpenDraftIdAsync(person, default));
            Assert.Equal(Json(await fromLite.GetRequiredService<IConversationReferenceStore>().FindAsync(person, default)),
                Json(await moved.Get<IConversationReferenceStore>().FindAsync(person, default)));
        }

        Assert.Equal(Json(await fromLite.GetRequiredService<IAuditRecordStore>().AssessmentsAsync(2027, default)),
            Json(await moved.Get<IAuditRecordStore>().AssessmentsAsync(2027, default)));
        Assert.Single(await moved.Get<IAuditRecordStore>().AssessmentsAsync(2027, default));
        Assert.Contains(await moved.Get<IDraftStore>().ListByOwnerAsync("aad-bob", default), d => d.Status == PartnershipBot.Features.Questionnaires.DraftStatus.InProgress);
        var outbox = lite.Get<LiteDbStore>().Collection("outbox").FindAll().Select(StoredDocument.FromBson<OutboxMessage>).ToList();
        Assert.NotEmpty(outbox);
        foreach (var message in outbox)
        {
            Assert.Equal(Json(await fromLite.GetRequiredService<IOutboxStore>().FindAsync(message.IdempotencyKey, default)),
                Json(await moved.Get<IOutboxStore>().FindAsync(message.IdempotencyKey, default)));
        }

        var subjects = lite.Get<LiteDbStore>().Collection("due_prompts").FindAll().Select(d => d["subject"].AsString).Distinct().ToList();
        Assert.NotEmpty(subjects);
        foreach (var subject in subjects)
        {
            Assert.Equal(Json(await fromLite.GetRequiredService<IDuePromptStore>().ForSubjectAsync(subject, default)),
                Json(await moved.Get<IDuePromptStore>().ForSubjectAsync(subject, default)));
        }

        // Every collection of the used file is one a transfer moves (meta holds the schema version and markers).
        var collections = lite.Get<LiteDbStore>().Database.GetCollectionNames().ToList();
        Assert.Contains("drafts", collections);
        Assert.All(collections, c => Assert.Contains(c, StoreTransfers.All.Select(t => t.LiteDbCollection)));
    }

    private static void CopyFile(string path, string folder)
    {
        if (File.Exists(path))
        {
            File.Copy(path, Path.Combine(folder, Path.GetFileName(path)));
        }
    }

    private static string Json<T>(T value) => CanonicalJson.Of(PartnershipBot.Storage.StorageJson.Serialize(value));
}
