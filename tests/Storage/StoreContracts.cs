using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Connector;
using PartnershipBot.Documents;
using PartnershipBot.Documents.Downloads;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Protocol;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Tests.Storage;

/// <summary>What every backend's stores promise (their interfaces' documentation), the same tests on each backend.</summary>
public abstract class StoreContracts<TBackend>(TBackend backend) : IClassFixture<TBackend>
    where TBackend : StorageBackend
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task Partnerships_SaveWithStaleVersion_IsRefusedAndSeedingHappensOnce()
    {
        await using var storage = await backend.OpenAsync(_time);
        var register = storage.Get<IPartnershipRepository>();
        var entry = new Partnership { Id = "P1", Name = "Beta Trust", LeadOfficerId = "aad-a", LeadRole = "PPM", Status = PartnershipStatus.Active };

        Assert.True(await register.TrySaveAsync(entry, 0, default));
        Assert.False(await register.TrySaveAsync(entry, 0, default));
        Assert.True(await register.TrySaveAsync(entry with { Purpose = "changed" }, 1, default));
        Assert.False(await register.TrySaveAsync(entry with { Purpose = "stale" }, 1, default));
        Assert.True(await register.SeedOnceAsync([entry with { Id = "P2", Name = "alpha" }, entry with { Purpose = "seed must not overwrite" }], default));
        Assert.False(await register.SeedOnceAsync([entry with { Id = "P3", Name = "gamma" }], default));

        var all = await register.AllAsync(default);
        Assert.Equal(["P2", "P1"], all.Select(p => p.Id));
        Assert.Equal(("changed", 2), (all[1].Purpose, all[1].Version));
        Assert.Null(await register.FindAsync("P3", default));
    }

    [Fact]
    public async Task Drafts_SaveChecksRevisionAndKeepsTheOpenDraft()
    {
        await using var storage = await backend.OpenAsync(_time);
        var drafts = storage.Get<IDraftStore>();
        var draft = NewDraft("D1", "aad-alice", "P1");

        Assert.True(await drafts.SaveAsync(draft, open: true, default));
        Assert.False(await drafts.SaveAsync(draft, open: true, default));
        Assert.True(await drafts.SaveAsync(draft with { Revision = 2, Title = "second", UpdatedAt = Start.AddMinutes(1) }, open: true, default));
        Assert.False(await drafts.SaveAsync(draft with { Revision = 2, Title = "lost race" }, open: true, default));
        Assert.Equal("D1", await drafts.GetOpenDraftIdAsync("aad-alice", default));

        Assert.True(await drafts.SaveAsync(NewDraft("D2", "aad-alice", "P1") with { UpdatedAt = Start.AddMinutes(2) }, open: false, default));
        Assert.Equal("D1", await drafts.GetOpenDraftIdAsync("aad-alice", default));
        Assert.True(await drafts.SaveAsync(draft with { Revision = 3, Status = DraftStatus.Submitted }, open: false, default));
        Assert.Null(await drafts.GetOpenDraftIdAsync("aad-alice", default));

        var submitted = (await drafts.GetAsync("D1", default))!;
        Assert.Equal((DraftStatus.Submitted, 3), (submitted.Status, submitted.Revision));
        Assert.Equal(["D2", "D1"], (await drafts.ListByOwnerAsync("aad-alice", default)).Select(d => d.Id));
        Assert.Equal(2, (await drafts.ListBySubjectAsync("P1", default)).Count);
        await drafts.SetOpenDraftAsync("aad-alice", "D2", default);
        Assert.Equal("D2", await drafts.GetOpenDraftIdAsync("aad-alice", default));
    }

    [Fact]
    public async Task Assessments_StartedTwiceAtOnce_OneDraftInProgress()
    {
        await using var storage = await backend.OpenAsync(_time);
        var assessments = storage.Get<IAssessmentStore>();

        var started = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => assessments.StartAsync(NewDraft($"A{i}", $"aad-{i}", "P9", "hallmarks"), default)));

        Assert.Single(started.Select(d => d.Id).Distinct());
        Assert.Single(await storage.Get<IDraftStore>().ListBySubjectAsync("P9", default));
    }

    [Fact]
    public async Task Outbox_DueSaveAndRequeue_FollowVersionsAndStatus()
    {
        await using var storage = await backend.OpenAsync(_time);
        var outbox = storage.Get<IOutboxStore>();
        await outbox.EnqueueAsync([Email("k1"), Email("k2") with { NextAttemptAt = Start.AddHours(1) }], default);

        Assert.Equal(Start, await outbox.NextDueAsync(default));
        var due = Assert.Single(await outbox.ClaimDueAsync(Start, 10, "me", Start.AddMinutes(5), default));
        Assert.True(await outbox.SaveAsync(due with { Status = OutboxStatus.DeadLettered, Attempts = 5 }, default));
        Assert.False(await outbox.SaveAsync(due with { Status = OutboxStatus.Sent }, default));
        Assert.Equal(["k1"], (await outbox.DeadLettersAsync(default)).Select(m => m.IdempotencyKey));
        var later = Assert.Single(await outbox.ClaimDueAsync(Start.AddHours(1), 10, "me", Start.AddHours(2), default));
        Assert.True(await outbox.SaveAsync(later with { Status = OutboxStatus.Skipped, LastError = "Graph:ServiceMailbox is not set" }, default));
        Assert.Equal(["k2"], (await outbox.SkippedAsync(default)).Select(m => m.IdempotencyKey));

        Assert.True(await outbox.RequeueAsync("k1", Start, default));
        Assert.False(await outbox.RequeueAsync("k1", Start, default));
        var again = (await outbox.FindAsync("k1", default))!;
        Assert.Equal((OutboxStatus.Pending, 0, 3), (again.Status, again.Attempts, again.Version));
    }

    [Fact]
    public async Task Outbox_UnreachableWithFollowUp_StoresTheFollowUpInTheSameSave()
    {
        await using var storage = await backend.OpenAsync(_time);
        var outbox = storage.Get<IOutboxStore>();
        await outbox.EnqueueAsync([Email("k3") with { Topic = "submission:S1", IfUnreachable = Email("k3-tell") }], default);
        var stored = (await outbox.FindAsync("k3", default))!;

        Assert.True(await outbox.SaveAsync(stored with { Status = OutboxStatus.Unreachable }, default));

        Assert.Equal(["k3"], (await outbox.UnreachableAsync("submission:S1", default)).Select(m => m.IdempotencyKey));
        Assert.Equal(OutboxStatus.Pending, (await outbox.FindAsync("k3-tell", default))!.Status);
    }

    [Fact]
    public async Task DuePrompts_PlannedTwice_StoredOnceAndDoneOnceMarked()
    {
        await using var storage = await backend.OpenAsync(_time);
        var prompts = storage.Get<IDuePromptStore>();
        var first = new DuePrompt { Key = "r:S1:1", Kind = "reminder", SubjectId = "S1", DueAt = Start.AddDays(1) };
        var second = first with { Key = "r:S1:2", DueAt = Start.AddDays(2) };

        await prompts.PlanAsync([first, second], default);
        await prompts.PlanAsync([first with { DueAt = Start.AddDays(9) }], default);

        Assert.Equal(["r:S1:1"], (await prompts.ClaimDueAsync(Start.AddDays(1), 10, "me", Start.AddDays(1), default)).Select(p => p.Key));
        await prompts.RetryLaterAsync("r:S1:1", Start.AddDays(3), default);
        Assert.Empty(await prompts.ClaimDueAsync(Start.AddDays(1), 10, "me", Start.AddDays(1), default));
        await prompts.MarkDoneAsync("r:S1:2", Start.AddDays(2), default);
        await prompts.CancelForSubjectAsync("reminder", "S1", Start.AddDays(2), default);
        Assert.Empty(await prompts.ClaimDueAsync(Start.AddDays(30), 10, "me", Start.AddDays(30), default));

        var all = await prompts.ForSubjectAsync("S1", default);
        Assert.Equal([("r:S1:2", Start.AddDays(2)), ("r:S1:1", Start.AddDays(3))], all.Select(p => (p.Key, p.DueAt)));
        Assert.Equal(1, all.Single(p => p.Key == "r:S1:1").Attempts);
        Assert.All(all, p => Assert.Equal(Start.AddDays(2), p.DoneAt));
    }

    [Fact]
    public async Task ConversationReferences_FoundByEntraIdInOneTenantOnly_LatestWins()
    {
        await using var storage = await backend.OpenAsync(_time);
        var references = storage.Get<IConversationReferenceStore>();
        var reference = new ConversationReference("29:alice", "aad-alice", "Alice", "https://smba.example.invalid/", "a:1", "tenant", "msteams", "28:bot", "Bot");

        await references.SaveAsync(reference, default);
        await references.SaveAsync(reference with { ConversationId = "a:2" }, default);
        Assert.Equal("a:2", (await references.FindAsync("AAD-Alice", default))!.ConversationId);
        Assert.Null(await references.FindAsync("aad-nobody", default));

        await references.SaveAsync(reference with { TenantId = "other" }, default);
        Assert.Null(await references.FindAsync("aad-alice", default));
    }

    [Fact]
    public async Task DownloadGrants_UsedOnceAndNotAfterExpiry()
    {
        await using var storage = await backend.OpenAsync(_time);
        var grants = storage.Get<IDownloadGrantStore>();
        await grants.AddAsync(new DownloadGrant("h1", "aad-a", "t", "A", "proposal", "S1", Start, Start.AddMinutes(10)), default);
        await grants.AddAsync(new DownloadGrant("h2", "aad-a", "t", "A", "proposal", "S1", Start, Start.AddMinutes(10)), default);

        var uses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => grants.TryUseAsync("h1", Start, default)));
        Assert.Single(uses.OfType<DownloadGrant>());
        Assert.Null(await grants.TryUseAsync("h2", Start.AddMinutes(10), default));
        await grants.PurgeAsync(Start.AddMinutes(11), default);
        Assert.Null(await grants.TryUseAsync("h2", Start, default));
    }

    [Fact]
    public async Task DownloadGrants_PreparedDocument_ComesBackWithItsGrantByteForByte()
    {
        await using var storage = await backend.OpenAsync(_time);
        var grants = storage.Get<IDownloadGrantStore>();
        // A large paper made in the background: every byte value, and a size like a year's report with its chart.
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7 % 256)).ToArray();
        var prepared = new GeneratedDocument("Audit Committee 2026.docx", bytes);
        await grants.AddAsync(new DownloadGrant("h3", "aad-a", "t", "A", "audit-committee", "2026", Start, Start.AddMinutes(10), prepared), default);

        var used = await grants.TryUseAsync("h3", Start, default);

        Assert.NotNull(used?.Prepared);
        Assert.Equal(("Audit Committee 2026.docx", WordDocument.ContentType), (used.Prepared.FileName, used.Prepared.ContentType));
        Assert.Equal(bytes, used.Prepared.Content);
        Assert.Null(await grants.TryUseAsync("h3", Start, default));
    }

    [Fact]
    public async Task Submissions_WaitingOnesListedOldestFirst_ClosedAndWithdrawnNot_BySubmitterNewestFirst()
    {
        await using var storage = await backend.OpenAsync(_time);
        var submissions = storage.Get<ISubmissionStore>();
        var statuses = Enum.GetValues<SubmissionStatus>();
        for (var i = 0; i < statuses.Length; i++)
        {
            var submitter = i % 2 == 0 ? "aad-a" : "aad-b";
            var submission = new Submission($"S{i}", $"D{i}", 1, new Actor(submitter, "Officer"), $"Proposal {i}", statuses[i], "aad-dh", ["aad-smt"],
                [], [], [], [], Start.AddDays(-i), 0);
            Assert.True(await submissions.TrySaveAsync(submission, [], [], default));
        }

        var open = await submissions.ListWaitingAsync(default);
        var expectedOpen = statuses.Select((status, i) => (status, i)).Where(x => x.status is not (SubmissionStatus.Approved or SubmissionStatus.Rejected or SubmissionStatus.ChangesRequested or SubmissionStatus.Withdrawn))
            .OrderByDescending(x => x.i).Select(x => $"S{x.i}");
        Assert.Equal(expectedOpen, open.Select(s => s.Id));
        Assert.All(open, s => Assert.Equal(1, s.Version));
        Assert.Equal(["S0", "S2", "S4", "S6"], (await submissions.ListBySubmitterAsync("aad-a", default)).Select(s => s.Id));
    }

    private static Draft NewDraft(string id, string owner, string? subject, string questionnaire = "new-partnership") =>
        new(id, questionnaire, 1, owner, owner, subject, "first", DraftStatus.InProgress, "step-1",
            new Dictionary<string, StepAnswer>(), [], Revision: 1, Start, Start, null);

    private static OutboxMessage Email(string key) => new()
    {
        IdempotencyKey = key,
        Kind = OutboxKind.Email,
        RecipientId = "aad-bob",
        Subject = "A proposal",
        Body = "<p>Hello</p>",
    };
}

public sealed class StoreContractsOnLiteDb(LiteDbBackend backend) : StoreContracts<LiteDbBackend>(backend);

public sealed class StoreContractsOnPostgreSql(PostgreSqlBackend backend) : StoreContracts<PostgreSqlBackend>(backend);
