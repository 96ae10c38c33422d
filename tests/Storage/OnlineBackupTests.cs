using LiteDB;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Register;
using PartnershipBot.Operations;
using PartnershipBot.Storage;
using PartnershipBot.Storage.LiteDb;
using PartnershipBot.Tests.Harness;
using static PartnershipBot.Tests.Features.Approvals.ApprovalScenario;

namespace PartnershipBot.Tests.Storage;

/// <summary>"backup": the running bot writes a copy of its LiteDB file that opens and holds every record, and goes on working.</summary>
public sealed class OnlineBackupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("backups-").FullName;

    [Fact]
    public async Task Backup_ByThePpmWhileOfficersWork_CopyOpensWithEveryRecordAndTheBotGoesOn()
    {
        await using var bot = await StartAsync();
        var (pat, bob) = (bot.User("Pat", PpmId), bot.User("Bob"));
        var (_, submissionId) = await SubmitAsync(bot.User("Alice"));
        var step = (await bob.SayAsync("new partnership")).Card!;
        var draftId = StepCard.DraftId(step);
        var before = (await bot.Get<IDraftStore>().GetAsync(draftId, default))!.Revision;

        // Bob answers while the backup is taken: the copy holds his draft as it was before or after, never half.
        var answering = bob.ClickAsync(step, "Next", StepCard.ValidAnswers(step));
        var reply = await ReplyToAsync(bot, pat, "backup");
        var next = await answering;
        var after = (await bot.Get<IDraftStore>().GetAsync(draftId, default))!.Revision;

        Assert.StartsWith("Backup written: partnershipbot-backup-", reply.Text);
        Assert.Contains("checked by opening the copy", reply.Text);
        var file = Assert.Single(Directory.GetFiles(_folder, "*.db"));
        await using (var copy = OpenCopy(file))
        {
            var live = bot.Get<IDraftStore>();
            var draft = (await copy.Get<IDraftStore>().GetAsync(draftId, default))!;
            Assert.InRange(draft.Revision, before, after);
            Assert.Equal(Json(await bot.Get<ISubmissionStore>().GetAsync(submissionId, default)), Json(await copy.Get<ISubmissionStore>().GetAsync(submissionId, default)));
            Assert.Equal(Json(await bot.Get<IPartnershipRepository>().AllAsync(default)), Json(await copy.Get<IPartnershipRepository>().AllAsync(default)));
            Assert.Equal(await live.GetOpenDraftIdAsync("aad-bob", default), await copy.Get<IDraftStore>().GetOpenDraftIdAsync("aad-bob", default));
        }

        AssertSameDocuments(bot.Get<LiteDbStore>().Database, file, "partnerships", "submissions", "meta");
        Assert.True(StepCard.IsQuestion(await bob.ClickAsync(next, "Next", StepCard.ValidAnswers(next))), "The bot stopped working after the backup.");
    }

    [Fact]
    public async Task Backup_MoreThanKept_OldestAreDeleted()
    {
        await using var bot = await StartAsync(o => o.Settings["Storage:BackupsKept"] = "2");
        var pat = bot.User("Pat", PpmId);

        var replies = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            replies.Add((await pat.SayAsync("backup")).Text!);
        }

        var written = replies.Select(r => System.Text.RegularExpressions.Regex.Match(r, @"partnershipbot-backup-[0-9-]+\.db").Value).ToList();
        Assert.Equal(3, written.Distinct().Count());
        Assert.Equal(written[1..], Directory.GetFiles(_folder, "*.db").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Backup_ByAnOfficerWhoIsNotAnOperator_IsRefusedAndWritesNothing()
    {
        await using var bot = await StartAsync();

        Assert.Equal(BackupCommand.NotAllowedText, (await bot.User("Mallory").SayAsync("backup")).Text);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Backup_OnPostgreSql_SaysTheDatabaseMakesBackups()
    {
        var database = await (await PostgreSqlServer.SharedAsync()).CreateDatabaseAsync("backup");
        await using var bot = await StartAsync(o =>
        {
            o.Settings["Storage:Provider"] = StorageOptions.PostgreSql;
            o.Settings["Storage:ConnectionString"] = database;
        });

        Assert.Equal(BackupCommand.PostgreSqlText, (await bot.User("Pat", PpmId).SayAsync("backup")).Text);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<BotHarness> StartAsync(Action<HarnessOptions>? configure = null) =>
        PartnershipBot.Tests.Features.Approvals.ApprovalScenario.StartAsync(configure: o =>
        {
            o.Settings["Storage:BackupFolder"] = _folder;
            o.Settings["Scheduler:RunInBackground"] = "false";
            configure?.Invoke(o);
        });

    /// <summary>The bot's own stores on the backup file (a copy of it: opening runs the start-up checks, which may write).</summary>
    private StorageServices OpenCopy(string file)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "opened-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var copy = Path.Combine(folder, "opened.db");
        File.Copy(file, copy);
        return StorageServices.Open(new Dictionary<string, string?> { ["Storage:DatabasePath"] = copy }, folder, new FakeTimeProvider(), []);
    }

    /// <summary>The collections' documents in the live database and in the backup, compared as LiteDB's JSON.</summary>
    private static void AssertSameDocuments(LiteDatabase live, string file, params string[] collections)
    {
        using var backup = new LiteDatabase(new ConnectionString { Filename = file, ReadOnly = true });
        foreach (var name in collections)
        {
            Assert.Equal(Documents(live, name), Documents(backup, name));
        }
    }

    private static List<string> Documents(LiteDatabase database, string collection) =>
        [.. database.GetCollection(collection).FindAll().Select(d => LiteDB.JsonSerializer.Serialize(d)).Order(StringComparer.Ordinal)];

    private static string Json<T>(T value) => StorageJson.Serialize(value);
}
