using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;
using PartnershipBot.Storage;

namespace PartnershipBot.Tests.Storage;

/// <summary>The unit of work: all of its writes commit, or none; observers hear of durable commits only.</summary>
public abstract class UnitOfWorkContract<TBackend>(TBackend backend) : IClassFixture<TBackend>
    where TBackend : StorageBackend
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Commit_SubmissionOutboxAndPrompt_AllStoredAndObserverToldOnce()
    {
        var observer = new RecordingObserver();
        await using var storage = await backend.OpenAsync(_time, observer);

        await using (var work = await storage.Get<IStorage>().BeginAsync(default))
        {
            work.Submissions.Save(NewSubmission("S1"));
            work.Outbox.Add([Email("m1")]);
            work.Prompts.Plan([Prompt("p1", "S1")]);
            Assert.True(await work.CommitAsync(default));
        }

        Assert.Equal(1, (await storage.Get<ISubmissionStore>().GetAsync("S1", default))!.Version);
        Assert.Equal(OutboxStatus.Pending, (await storage.Get<IOutboxStore>().FindAsync("m1", default))!.Status);
        Assert.Single(await storage.Get<IDuePromptStore>().ForSubjectAsync("S1", default));
        Assert.Equal([new CommitSummary(OutboxChanged: true)], observer.Seen);
    }

    [Fact]
    public async Task Commit_StaleSubmissionAfterOtherWrites_StoresNothingAndReturnsFalse()
    {
        var observer = new RecordingObserver();
        await using var storage = await backend.OpenAsync(_time, observer);
        var submissions = storage.Get<ISubmissionStore>();
        Assert.True(await submissions.TrySaveAsync(NewSubmission("S2"), [], [], default));

        await using (var work = await storage.Get<IStorage>().BeginAsync(default))
        {
            work.Outbox.Add([Email("m2")]);
            work.Prompts.Plan([Prompt("p2", "S2")]);
            work.Submissions.Save(NewSubmission("S2")); // version 0 again: someone saved first
            Assert.False(await work.CommitAsync(default));
        }

        Assert.Null(await storage.Get<IOutboxStore>().FindAsync("m2", default));
        Assert.Empty(await storage.Get<IDuePromptStore>().ForSubjectAsync("S2", default));
        Assert.Equal(1, (await submissions.GetAsync("S2", default))!.Version);
        Assert.DoesNotContain(observer.Seen, s => s.OutboxChanged);
    }

    [Fact]
    public async Task PartnershipSave_WithMessages_EntryAndMessagesStoredTogether_StaleVersionStoresNeither()
    {
        var observer = new RecordingObserver();
        await using var storage = await backend.OpenAsync(_time, observer);
        var register = storage.Get<IPartnershipRepository>();
        var entry = new Partnership { Id = "P9", Name = "Gamma Trust", LeadOfficerId = "aad-a", LeadRole = "HCS", Status = PartnershipStatus.Active };
        Assert.True(await register.TrySaveAsync(entry, 0, default));

        Assert.True(await register.TrySaveAsync(entry with { LeadOfficerId = "aad-b" }, 1, [Email("lead-changed")], default));
        Assert.Equal(("aad-b", 2), ((await register.FindAsync("P9", default))!.LeadOfficerId, (await register.FindAsync("P9", default))!.Version));
        Assert.Equal(OutboxStatus.Pending, (await storage.Get<IOutboxStore>().FindAsync("lead-changed", default))!.Status);
        Assert.Contains(new CommitSummary(OutboxChanged: true), observer.Seen);

        // Someone saved first: neither the entry nor its message is written.
        Assert.False(await register.TrySaveAsync(entry with { LeadOfficerId = "aad-c" }, 1, [Email("lead-changed-again")], default));
        Assert.Equal(("aad-b", 2), ((await register.FindAsync("P9", default))!.LeadOfficerId, (await register.FindAsync("P9", default))!.Version));
        Assert.Null(await storage.Get<IOutboxStore>().FindAsync("lead-changed-again", default));
    }

    [Fact]
    public async Task Dispose_WithoutCommit_StoresNothing()
    {
        await using var storage = await backend.OpenAsync(_time);

        await using (var work = await storage.Get<IStorage>().BeginAsync(default))
        {
            work.Submissions.Save(NewSubmission("S3"));
            work.Outbox.Add([Email("m3")]);
        }

        Assert.Null(await storage.Get<ISubmissionStore>().GetAsync("S3", default));
        Assert.Null(await storage.Get<IOutboxStore>().FindAsync("m3", default));
    }

    [Fact]
    public async Task OutboxAdd_MalformedMessage_ThrowsBeforeAnythingIsQueued()
    {
        await using var storage = await backend.OpenAsync(_time);
        await using var work = await storage.Get<IStorage>().BeginAsync(default);

        Assert.Throws<ArgumentException>(() => work.Outbox.Add([Email("m4") with { RecipientId = "" }]));
        Assert.True(await work.CommitAsync(default));
        Assert.Null(await storage.Get<IOutboxStore>().FindAsync("m4", default));
    }

    [Fact]
    public async Task Commit_SameOutboxKeyTwice_KeepsTheFirstMessage()
    {
        await using var storage = await backend.OpenAsync(_time);
        foreach (var subject in new[] { "first", "second" })
        {
            await using var work = await storage.Get<IStorage>().BeginAsync(default);
            work.Outbox.Add([Email("m5") with { Subject = subject }]);
            Assert.True(await work.CommitAsync(default));
        }

        Assert.Equal("first", (await storage.Get<IOutboxStore>().FindAsync("m5", default))!.Subject);
    }

    [Fact]
    public async Task Commit_Twice_Throws()
    {
        await using var storage = await backend.OpenAsync(_time);
        await using var work = await storage.Get<IStorage>().BeginAsync(default);
        Assert.True(await work.CommitAsync(default));

        await Assert.ThrowsAsync<ObjectDisposedException>(() => work.CommitAsync(default));
    }

    private Submission NewSubmission(string id) => new(id, "D-" + id, 1, new Actor("aad-alice", "Alice"), "Proposal " + id,
        SubmissionStatus.Submitted, null, [], [], [], [], [], _time.GetUtcNow(), Version: 0);

    private static OutboxMessage Email(string key) => new()
    {
        IdempotencyKey = key,
        Kind = OutboxKind.Email,
        RecipientId = "aad-bob",
        Subject = "A proposal",
        Body = "<p>Hello</p>",
    };

    private DuePrompt Prompt(string key, string subject) => new() { Key = key, Kind = "approval-reminder", SubjectId = subject, DueAt = _time.GetUtcNow().AddDays(3) };
}

public sealed class UnitOfWorkOnLiteDb(LiteDbBackend backend) : UnitOfWorkContract<LiteDbBackend>(backend);

public sealed class UnitOfWorkOnPostgreSql(PostgreSqlBackend backend) : UnitOfWorkContract<PostgreSqlBackend>(backend);
