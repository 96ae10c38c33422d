using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Features.Audit;
using PartnershipBot.Features.Register;

namespace PartnershipBot.Tests.Storage;

/// <summary>What the A&amp;PM team's record store promises, the same tests on each backend.</summary>
public abstract class AuditRecordContracts<TBackend>(TBackend backend) : IClassFixture<TBackend>
    where TBackend : StorageBackend
{
    private static readonly DateTimeOffset Start = new(2027, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    private static ContentAssessmentEntry Entry(string draftId, string rating) =>
        new(draftId, "aad-alex", "Alex Auditor", Start, [new ElementRating("outcomes", "Outcomes achieved", rating, "Notes with 'quotes' and ${x}")]);

    [Fact]
    public async Task Assessments_VersionedPerYearAndPartnership_HistoryKept_StaleSaveRefused()
    {
        await using var storage = await backend.OpenAsync(_time);
        var store = storage.Get<IAuditRecordStore>();
        var first = new ContentAssessment("kp03", 2027, [Entry("d1", "Adequate")]);

        Assert.True(await store.TrySaveAssessmentAsync(first, 0, default));
        Assert.False(await store.TrySaveAssessmentAsync(first, 0, default));
        var stored = (await store.FindAssessmentAsync(2027, "kp03", default))!;
        Assert.Equal(1, stored.Version);
        Assert.True(await store.TrySaveAssessmentAsync(stored with { Entries = [.. stored.Entries, Entry("d2", "Inadequate")] }, 1, default));
        Assert.False(await store.TrySaveAssessmentAsync(stored with { Entries = [.. stored.Entries, Entry("d3", "lost race")] }, 1, default));
        Assert.True(await store.TrySaveAssessmentAsync(new ContentAssessment("kp01", 2027, [Entry("d4", "Partly adequate")]), 0, default));
        Assert.True(await store.TrySaveAssessmentAsync(new ContentAssessment("kp03", 2028, [Entry("d5", "Adequate")]), 0, default));

        var again = (await store.FindAssessmentAsync(2027, "kp03", default))!;
        Assert.Equal(2, again.Version);
        Assert.Equal(["Adequate", "Inadequate"], again.Entries.Select(e => e.Ratings[0].Rating));
        Assert.Equal("Notes with 'quotes' and ${x}", again.Entries[0].Ratings[0].Notes);
        Assert.Equal(["kp01", "kp03"], (await store.AssessmentsAsync(2027, default)).Select(a => a.PartnershipId));
        Assert.Null(await store.FindAssessmentAsync(2026, "kp03", default));
    }

    [Fact]
    public async Task SpecificReviews_VersionedListedByPartnership_NotConfusedWithAssessments()
    {
        await using var storage = await backend.OpenAsync(_time);
        var store = storage.Get<IAuditRecordStore>();
        var review = new SpecificReview("sr-1", "kp03", "Community Safety Partnership", "aad-alex", "Alex Auditor", Start);

        Assert.True(await store.TrySaveSpecificReviewAsync(review, 0, default));
        Assert.False(await store.TrySaveSpecificReviewAsync(review, 0, default));
        Assert.True(await store.TrySaveSpecificReviewAsync(review with { Status = SpecificReviewStatus.Reported, Recommendation = Recommendation.RecommendDisengagement }, 1, default));
        Assert.False(await store.TrySaveSpecificReviewAsync(review with { Status = SpecificReviewStatus.Open }, 1, default));
        Assert.True(await store.TrySaveSpecificReviewAsync(new SpecificReview("sr-2", "kp01", "Other", "aad-alex", "Alex", Start.AddDays(1)), 0, default));
        Assert.True(await store.TrySaveAssessmentAsync(new ContentAssessment("kp03", 2027, [Entry("d1", "Adequate")]), 0, default));

        var stored = (await store.FindSpecificReviewAsync("sr-1", default))!;
        Assert.Equal((2, SpecificReviewStatus.Reported, Recommendation.RecommendDisengagement), (stored.Version, stored.Status, stored.Recommendation));
        Assert.Equal(["sr-1"], (await store.SpecificReviewsAsync("kp03", default)).Select(r => r.Id));
        Assert.Equal(["sr-1", "sr-2"], (await store.SpecificReviewsAsync(null, default)).Select(r => r.Id));
        Assert.Null(await store.FindSpecificReviewAsync(ContentAssessment.IdFor(2027, "kp03"), default));
    }
}

public sealed class AuditRecordContractsOnLiteDb(LiteDbBackend backend) : AuditRecordContracts<LiteDbBackend>(backend);

public sealed class AuditRecordContractsOnPostgreSql(PostgreSqlBackend backend) : AuditRecordContracts<PostgreSqlBackend>(backend);
