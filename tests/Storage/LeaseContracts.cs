using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Notifications;
using PartnershipBot.Scheduling;

namespace PartnershipBot.Tests.Storage;

/// <summary>
/// Claims with a lease (outbox, due prompts): what lets several instances share background work without sending
/// anything twice, and lets a live instance take over a dead one's work. Same tests on every backend.
/// </summary>
public abstract class LeaseContracts<TBackend>(TBackend backend) : IClassFixture<TBackend>
    where TBackend : StorageBackend
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task OutboxClaim_ManyClaimersAtOnce_NeverGetTheSameMessage()
    {
        await using var storage = await backend.OpenAsync(_time);
        var outbox = storage.Get<IOutboxStore>();
        var keys = Enumerable.Range(1, 40).Select(i => $"m{i:00}").ToList();
        await outbox.EnqueueAsync([.. keys.Select(Email)], default);

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => outbox.ClaimDueAsync(Start, 5, $"instance-{i % 2}", Start.AddMinutes(5), default))));
        var rest = await outbox.ClaimDueAsync(Start, 100, "instance-late", Start.AddMinutes(5), default);

        var claimed = claims.SelectMany(c => c).Concat(rest).Select(m => m.IdempotencyKey).ToList();
        Assert.Equal(keys, claimed.Order(StringComparer.Ordinal));
        Assert.Empty(await outbox.ClaimDueAsync(Start, 100, "instance-0", Start.AddMinutes(5), default));
    }

    [Fact]
    public async Task OutboxClaim_LeaseEnded_IsTakenOverAndTheDeadOwnersSaveIsRefused()
    {
        await using var storage = await backend.OpenAsync(_time);
        var outbox = storage.Get<IOutboxStore>();
        await outbox.EnqueueAsync([Email("k1")], default);

        var dead = Assert.Single(await outbox.ClaimDueAsync(Start, 10, "a", Start.AddMinutes(5), default));
        Assert.Empty(await outbox.ClaimDueAsync(Start.AddMinutes(4), 10, "b", Start.AddMinutes(9), default));
        Assert.Equal(Start.AddMinutes(5), await outbox.NextDueAsync(default));

        var taken = Assert.Single(await outbox.ClaimDueAsync(Start.AddMinutes(5), 10, "b", Start.AddMinutes(10), default));
        Assert.True(await outbox.SaveAsync(taken with { Attempts = 1, NextAttemptAt = Start.AddMinutes(6) }, default));
        Assert.False(await outbox.SaveAsync(dead with { Status = OutboxStatus.Sent }, default));

        // Saving the result released the lease: the retry is claimable when due, not only when the lease would end.
        Assert.Equal(Start.AddMinutes(6), await outbox.NextDueAsync(default));
        var retry = Assert.Single(await outbox.ClaimDueAsync(Start.AddMinutes(6), 10, "a", Start.AddMinutes(11), default));
        Assert.Equal(1, retry.Attempts);
    }

    [Fact]
    public async Task PromptClaim_ManyClaimersAtOnce_NeverGetTheSamePrompt()
    {
        await using var storage = await backend.OpenAsync(_time);
        var prompts = storage.Get<IDuePromptStore>();
        var keys = Enumerable.Range(1, 40).Select(i => $"p{i:00}").ToList();
        await prompts.PlanAsync([.. keys.Select(k => Prompt(k, Start))], default);

        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Task.Run(() => prompts.ClaimDueAsync(Start, 5, $"instance-{i % 2}", Start.AddMinutes(10), default))));
        var rest = await prompts.ClaimDueAsync(Start, 100, "instance-late", Start.AddMinutes(10), default);

        var claimed = claims.SelectMany(c => c).Concat(rest).Select(p => p.Key).ToList();
        Assert.Equal(keys, claimed.Order(StringComparer.Ordinal));
        Assert.Empty(await prompts.ClaimDueAsync(Start, 100, "instance-0", Start.AddMinutes(10), default));
    }

    [Fact]
    public async Task PromptClaim_LeaseEndedOrReleased_IsTakenOverOnceDone()
    {
        await using var storage = await backend.OpenAsync(_time);
        var prompts = storage.Get<IDuePromptStore>();
        await prompts.PlanAsync([Prompt("crashed", Start), Prompt("failed", Start)], default);

        Assert.Equal(2, (await prompts.ClaimDueAsync(Start, 10, "a", Start.AddMinutes(10), default)).Count);
        await prompts.RetryLaterAsync("failed", Start.AddMinutes(1), default);

        // "failed" was released by its retry; "crashed" stays a's until the lease ends.
        Assert.Equal(["failed"], (await prompts.ClaimDueAsync(Start.AddMinutes(1), 10, "b", Start.AddMinutes(11), default)).Select(p => p.Key));
        Assert.Equal(["crashed"], (await prompts.ClaimDueAsync(Start.AddMinutes(10), 10, "b", Start.AddMinutes(20), default)).Select(p => p.Key));
        await prompts.MarkDoneAsync("crashed", Start.AddMinutes(10), default);
        await prompts.MarkDoneAsync("failed", Start.AddMinutes(10), default);
        Assert.Empty(await prompts.ClaimDueAsync(Start.AddHours(1), 10, "c", Start.AddHours(2), default));
    }

    private static OutboxMessage Email(string key) => new()
    {
        IdempotencyKey = key,
        Kind = OutboxKind.Email,
        RecipientId = "aad-bob",
        Subject = "A proposal",
        Body = "<p>Hello</p>",
    };

    private static DuePrompt Prompt(string key, DateTimeOffset due) => new() { Key = key, Kind = "reminder", SubjectId = "S-" + key, DueAt = due };
}

public sealed class LeaseContractsOnLiteDb(LiteDbBackend backend) : LeaseContracts<LiteDbBackend>(backend);

public sealed class LeaseContractsOnPostgreSql(PostgreSqlBackend backend) : LeaseContracts<PostgreSqlBackend>(backend);
