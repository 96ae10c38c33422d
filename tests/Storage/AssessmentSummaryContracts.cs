using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Tests.Storage;

/// <summary>What the hallmark assessment summary store promises, the same tests on each backend.</summary>
public abstract class AssessmentSummaryContracts<TBackend>(TBackend backend) : IClassFixture<TBackend>
    where TBackend : StorageBackend
{
    private static readonly DateTimeOffset Start = new(2027, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task SubmitAsync_CurrentRevision_StoresDraftAndSummaryTogether()
    {
        await using var storage = await backend.OpenAsync(_time);
        var drafts = storage.Get<IDraftStore>();
        var store = storage.Get<IAssessmentSummaryStore>();
        var inProgress = Draft("A1", "P1", revision: 1, submittedAt: null);
        Assert.True(await drafts.SaveAsync(inProgress, open: true, default));

        Assert.True(await store.SubmitAsync(Submitted(inProgress), Summary("A1", "P1", Start.AddDays(1), points: 7), default));

        Assert.Equal((DraftStatus.Submitted, 2), ((await drafts.GetAsync("A1", default))!.Status, (await drafts.GetAsync("A1", default))!.Revision));
        Assert.Null(await drafts.GetOpenDraftIdAsync("aad-hana", default));
        var stored = Assert.Single(await store.OfPartnershipAsync("P1", default));
        Assert.Equal(("A1", "P1", Start.AddDays(1), "Hana <b>Smith</b>"), (stored.DraftId, stored.PartnershipId, stored.SubmittedAt, stored.AssessedBy));
        Assert.Equal([(7, 10, 1, 0), (0, 0, 0, 4)], stored.Hallmarks.Select(h => (h.Points, h.MaxPoints, h.NotApplicable, h.Skipped)));
        Assert.Equal([2], stored.SkippedHallmarks);
        Assert.Equal(70, stored.Score().Overall.Percent);
        Assert.Equal("Agree a 'shared' budget =SUM(A1)", Assert.Single(stored.Improvements).Action);
    }

    [Fact]
    public async Task SubmitAsync_StaleRevision_WritesNeitherDraftNorSummary()
    {
        await using var storage = await backend.OpenAsync(_time);
        var drafts = storage.Get<IDraftStore>();
        var store = storage.Get<IAssessmentSummaryStore>();
        var inProgress = Draft("A1", "P1", revision: 1, submittedAt: null);
        Assert.True(await drafts.SaveAsync(inProgress, open: true, default));
        Assert.True(await drafts.SaveAsync(inProgress with { Revision = 2, CurrentStepId = "step-2" }, open: true, default));

        // Made from revision 1, but another device saved revision 2 first.
        Assert.False(await store.SubmitAsync(Submitted(inProgress), Summary("A1", "P1", Start.AddDays(1), points: 7), default));

        Assert.Equal((DraftStatus.InProgress, "step-2"), ((await drafts.GetAsync("A1", default))!.Status, (await drafts.GetAsync("A1", default))!.CurrentStepId));
        Assert.Empty(await store.OfPartnershipAsync("P1", default));
        Assert.Empty(await store.LatestOfEachAsync(withImprovements: true, default));
    }

    [Fact]
    public async Task LatestOfEachAsync_OlderSummaryAddedLater_NewestOfEachPartnershipKept()
    {
        await using var storage = await backend.OpenAsync(_time);
        var drafts = storage.Get<IDraftStore>();
        var store = storage.Get<IAssessmentSummaryStore>();
        await store.AddMissingAsync(
            [Summary("A2020", "P1", Start.AddYears(-7), points: 2), Summary("B2020", "P2", Start.AddYears(-7), points: 3), Summary("B2019", "P2", Start.AddYears(-8), points: 1)], default);
        var current = Draft("A2027", "P1", revision: 1, submittedAt: null);
        Assert.True(await drafts.SaveAsync(current, open: false, default));
        Assert.True(await store.SubmitAsync(Submitted(current), Summary("A2027", "P1", Start, points: 9), default));

        // An assessment from before summaries were kept, summarised at start after a newer one was submitted.
        await store.AddMissingAsync([Summary("A2021", "P1", Start.AddYears(-6), points: 4)], default);
        // One already stored is left as it is.
        await store.AddMissingAsync([Summary("A2020", "P1", Start.AddYears(-7), points: 10)], default);

        Assert.Equal(["A2027", "A2021", "A2020"], (await store.OfPartnershipAsync("P1", default)).Select(s => s.DraftId));
        Assert.Equal(2, (await store.OfPartnershipAsync("P1", default))[^1].Hallmarks[0].Points);
        Assert.Equal([("P1", "A2027"), ("P2", "B2020")], (await store.LatestOfEachAsync(withImprovements: true, default)).Select(s => (s.PartnershipId, s.DraftId)).Order());
        Assert.All(await store.LatestOfEachAsync(withImprovements: true, default), s => Assert.Single(s.Improvements));
        // Scores only: the same summaries and points, the improvement items left unread.
        var scores = (await store.LatestOfEachAsync(withImprovements: false, default)).OrderBy(s => s.PartnershipId).ToList();
        Assert.Equal([("P1", "A2027", 9, 0), ("P2", "B2020", 3, 0)], scores.Select(s => (s.PartnershipId, s.DraftId, s.Hallmarks[0].Points, s.Improvements.Count)));
        Assert.All(scores, s => Assert.Equal([2], s.SkippedHallmarks));
        Assert.Equal(["B2020", "B2019"], (await store.OfPartnershipAsync("P2", default)).Select(s => s.DraftId));
        Assert.Equal(["A2027"], (await store.LatestOfAsync(["P1", "P9"], default)).Select(s => s.DraftId));
        Assert.Empty(await store.LatestOfAsync([], default));
    }

    private static Draft Draft(string id, string partnershipId, int revision, DateTimeOffset? submittedAt) =>
        new(id, QuestionnaireIds.Hallmarks, 1, "aad-hana", "Hana <b>Smith</b>", partnershipId, null, DraftStatus.InProgress, "step-1",
            new Dictionary<string, StepAnswer>(), [], revision, Start, Start, submittedAt);

    private static Draft Submitted(Draft draft) =>
        draft with { Status = DraftStatus.Submitted, Revision = draft.Revision + 1, SubmittedAt = Start.AddDays(1), UpdatedAt = Start.AddDays(1) };

    private static AssessmentSummary Summary(string draftId, string partnershipId, DateTimeOffset submittedAt, int points) =>
        new(draftId, partnershipId, submittedAt, "Hana <b>Smith</b>",
            [new HallmarkScore("leadership", "Empowered and Effective Leadership", points, 10, 1), new HallmarkScore("processes", "Intelligence-led Business Processes", 0, 0, 0, 4)],
            [new Improvement("Empowered and Effective Leadership", "Is there a shared budget?", "Partly", "Agree a 'shared' budget =SUM(A1)", "Hana", "2027-09-30")])
        {
            SkippedHallmarks = [2],
        };
}

public sealed class AssessmentSummaryContractsOnLiteDb(LiteDbBackend backend) : AssessmentSummaryContracts<LiteDbBackend>(backend);

public sealed class AssessmentSummaryContractsOnPostgreSql(PostgreSqlBackend backend) : AssessmentSummaryContracts<PostgreSqlBackend>(backend);
