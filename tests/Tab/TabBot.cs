using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Tests.Fakes;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Tab;

/// <summary>
/// The bot with the register tab configured (Tab:Host, the seeded register of 16, role holders and SMT) on a fixed
/// fake clock, and a way to sign SSO tokens as Teams would get them from Entra (FakeEntra's tenant keys).
/// Pat is the PPM, Hana the HCS lead officer (kp03, kp07), Sam SMT, Nobody holds no role.
/// </summary>
internal sealed class TabBot : IAsyncDisposable
{
    public const string Host = "tab.partnerships.test";
    public const string TeamsAppId = "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
    public const string Ppm = "aad-pat";
    public const string Hcs = "aad-hana";
    public const string Smt = "aad-sam";
    public const string Nobody = "aad-nobody";

    /// <summary>Hana's partnerships: the seeded ones of role HCS.</summary>
    public static readonly IReadOnlyList<string> HcsPartnerships = ["kp03", "kp07", "kp11", "kp12", "kp13"];

    /// <summary>The register is seeded then, before the 2027 cycle's prompt, so the seeded entries owe it.</summary>
    public static readonly DateTimeOffset SeededAt = new(2027, 1, 10, 10, 0, 0, TimeSpan.Zero);

    /// <summary>After the 2027 prompt (1 March) and its 14 days: seeded Active partnerships are overdue.</summary>
    public static readonly DateTimeOffset Now = new(2027, 4, 20, 10, 0, 0, TimeSpan.Zero);

    private TabBot(BotHarness harness, FakeTimeProvider clock)
    {
        Harness = harness;
        Clock = clock;
    }

    public BotHarness Harness { get; }
    public FakeTimeProvider Clock { get; }
    public HttpClient Client => Harness.Client;
    public string Audience => $"api://{Host}/{Harness.Options.AppId}";

    public static async Task<TabBot> StartAsync(Action<HarnessOptions>? configure = null)
    {
        var clock = new FakeTimeProvider(SeededAt);
        var harness = await BotHarness.StartAsync(o =>
        {
            o.Time = clock;
            o.Settings["Tab:Host"] = Host;
            o.Settings["Tab:TeamsAppId"] = TeamsAppId;
            o.Settings["Register:RoleHolders:PPM"] = Ppm;
            o.Settings["Register:RoleHolders:HCS"] = Hcs;
            o.Settings["Register:RoleHolders:CEX"] = "aad-chris";
            o.Settings["Approvals:SmtUserIds:0"] = Smt;
            o.Settings["Scheduler:RunInBackground"] = "false";
            configure?.Invoke(o);
        });
        clock.SetUtcNow(Now);
        return new TabBot(harness, clock);
    }

    /// <summary>An SSO token as Teams' getAuthToken returns it; each part can be changed to forge a bad one.</summary>
    public string Token(
        string oid,
        string? tenant = null,
        string? audience = null,
        string scope = "access_as_user",
        DateTime? expires = null,
        string? issuer = null,
        Microsoft.IdentityModel.Tokens.SecurityKey? key = null,
        string name = "Officer")
    {
        var tid = tenant ?? Harness.Options.TenantId;
        var claims = new Dictionary<string, object> { ["oid"] = oid, ["tid"] = tid, ["name"] = name, ["ver"] = "2.0" };
        if (scope.Length > 0)
        {
            claims["scp"] = scope;
        }

        var now = DateTime.UtcNow;
        return FakeEntra.SignToken(
            key ?? Harness.Entra.EntraKey("entra-key-1"),
            issuer ?? Harness.Entra.EntraIssuer(tid),
            audience ?? Audience,
            claims,
            notBefore: expires is { } e && e < now ? e.AddHours(-1) : null,
            expires: expires);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsAsync(string path, string oid) => GetAsync(path, Token(oid));

    public IPartnershipRegister Register => Harness.Get<IPartnershipRegister>();

    /// <summary>Stores a submitted self-assessment of a partnership answering every question of each hallmark as given.</summary>
    /// <paramref name="beforeSummaries"/>: stored as a build before score summaries stored it (the draft alone).
    public async Task AssessAsync(
        string partnershipId, DateTimeOffset submittedAt, IReadOnlyDictionary<string, string> ratingByHallmark, string action = "", string owner = "", bool beforeSummaries = false)
    {
        var definition = Harness.Get<QuestionnaireCatalog>().Get(QuestionnaireIds.Hallmarks);
        var by = new Actor(Hcs, "Hana");
        var answers = definition.Steps.Where(s => s.Group is not null).ToDictionary(
            s => s.Id,
            // "Skipped" records the hallmark's questions as "Skip this hallmark" does: no values, marked skipped.
            s => ratingByHallmark.GetValueOrDefault(s.Group!, "Yes") is var rating && rating == "Skipped"
                ? new StepAnswer(new Dictionary<string, string>(), [], true, definition.Version, by, submittedAt)
                : new StepAnswer(
                new Dictionary<string, string>
                {
                    ["rating"] = rating,
                    ["actionWhat"] = action,
                    ["actionOwner"] = owner,
                    ["actionDue"] = "2027-09-30",
                },
                [],
                false,
                definition.Version,
                by,
                submittedAt));
        var draft = new Draft(
            $"hallmarks-{partnershipId}-{submittedAt.UtcTicks}", QuestionnaireIds.Hallmarks, definition.Version, Hcs, "Hana", partnershipId, null,
            DraftStatus.Submitted, QuestionnaireEngine.ReviewStepId, answers, [], 1, submittedAt, submittedAt, submittedAt);
        if (beforeSummaries)
        {
            Assert.True(await Harness.Get<IDraftStore>().SaveAsync(draft, open: false, CancellationToken.None));
            return;
        }

        // Stored as the journey stores a submitted assessment: the draft and its score summary in one write.
        var submitter = Harness.Get<IEnumerable<IDraftSubmitter>>().Single(s => s.QuestionnaireId == QuestionnaireIds.Hallmarks);
        Assert.True(await submitter.SaveSubmittedAsync(draft, CancellationToken.None));
    }

    /// <summary>
    /// Records a completed annual return of a partnership for a cycle, with its submitted questionnaire answered
    /// "Answer for {field} {cycle}" everywhere, as the review journey leaves it.
    /// </summary>
    public async Task ReviewAsync(string partnershipId, int cycle, string byId = Hcs, string byName = "Hana")
    {
        var definition = Harness.Get<QuestionnaireCatalog>().Get(QuestionnaireIds.AnnualReturn);
        var at = new DateTimeOffset(cycle, 3, 20, 10, 0, 0, TimeSpan.Zero);
        var by = new Actor(byId, byName);
        var answers = definition.Steps.ToDictionary(
            s => s.Id,
            s => new StepAnswer(s.Fields.ToDictionary(f => f.Id, f => f.Choices.Count > 0 ? f.Choices[0] : $"Answer for {f.Id} {cycle}"), [], false, definition.Version, by, at));
        var draft = new Draft(
            $"review-{partnershipId}-{cycle}", QuestionnaireIds.AnnualReturn, definition.Version, byId, byName, partnershipId, null,
            DraftStatus.Submitted, QuestionnaireEngine.ReviewStepId, answers, [], 1, at, at, at);
        Assert.True(await Harness.Get<IDraftStore>().SaveAsync(draft, open: false, CancellationToken.None));
        var outcome = new ReviewOutcome(cycle, ReviewKind.AnnualReturn, DateOnly.FromDateTime(at.Date), byId, byName,
            Recommendation.ReaffirmCommitment, $"Still needed in {cycle}.", "", draft.Id);
        Assert.NotNull(await Register.RecordReviewAsync(partnershipId, outcome, CancellationToken.None));
    }

    public ValueTask DisposeAsync() => Harness.DisposeAsync();
}
