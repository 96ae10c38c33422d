using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Hallmarks;
using PartnershipBot.Features.Journeys;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Features.Register;
using PartnershipBot.Storage;

namespace PartnershipBot.Bench.Tab;

/// <summary>What was seeded, for the results.</summary>
internal sealed record TabSeedSummary(int Partnerships, int Reviews, int Assessments, int WaitingProposals, long DatabaseBytes, TimeSpan Took);

/// <summary>
/// A whole council's register in a LiteDB file, written through the bot's own stores (the same classes and format the
/// bot reads): partnerships led by 40 officers, each with ten years of reviews (annual returns, every third a
/// three-yearly review, each with its submitted questionnaire) and a hallmark self-assessment each year, plus
/// proposals waiting for SMT. Deterministic (fixed seed), dated from today so the current cycle is partly overdue.
/// </summary>
internal static class TabSeed
{
    public const string Ppm = "bench-ppm";
    public const string Smt = "bench-smt";
    public const int LeadOfficers = 40;

    public static string LeadOfficer(int i) => $"bench-lead-{i % LeadOfficers:00}";

    private static readonly string[] Roles = ["CEX", "PPM", "HCS", "HPT", "HLEMS", "HES", "HICS"];
    private static readonly string[] Places = ["Castle Point", "Rochford", "Thames Gateway", "South Essex", "Canvey", "Hadleigh", "Benfleet", "Rayleigh"];
    private static readonly string[] Subjects = ["Community Safety", "Housing Strategy", "Health and Wellbeing", "Waste", "Children's Services", "Economic Development", "Transport", "Leisure"];

    public static async Task<TabSeedSummary> SeedAsync(string databasePath, string questionnaireFolder, int partnerships, int years, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DatabasePath"] = databasePath })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new SeedEnvironment(Path.GetDirectoryName(databasePath)!))
            .AddSingleton(TimeProvider.System)
            .AddLogging();
        services.AddStorage(configuration);
        await using var provider = services.BuildServiceProvider();
        provider.OpenStorage();
        var repository = provider.GetRequiredService<IPartnershipRepository>();
        var drafts = provider.GetRequiredService<IDraftStore>();
        var summaries = provider.GetRequiredService<IAssessmentSummaryStore>();
        var submissions = provider.GetRequiredService<ISubmissionStore>();
        var catalog = QuestionnaireCatalog.Load(questionnaireFolder);
        var random = new Random(20);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // The cycle whose March prompt is the latest one: reviews up to the year before are done, this one partly.
        var current = today.Month >= 3 ? today.Year : today.Year - 1;
        int reviews = 0, assessments = 0;
        for (var i = 0; i < partnerships; i++)
        {
            var id = $"bp{i:000}";
            var lead = LeadOfficer(i);
            var leadName = $"Lead Officer {i % LeadOfficers:00}";
            var outcomes = new List<ReviewOutcome>();
            var firstCycle = current - years;
            // Two in three have done this cycle's review; the rest owe it (overdue on the due page).
            var lastCycle = i % 3 == 0 ? current - 1 : current;
            for (var cycle = firstCycle; cycle <= lastCycle; cycle++)
            {
                var threeYearly = (cycle + i) % 3 == 0;
                var questionnaire = catalog.Get(threeYearly ? QuestionnaireIds.ThreeYearReview : QuestionnaireIds.AnnualReturn);
                var at = new DateTimeOffset(cycle, 4, 1 + random.Next(28), 10, 0, 0, TimeSpan.Zero);
                var draft = Submitted($"{id}-review-{cycle}", questionnaire, lead, leadName, id, at, random, rating: null);
                await drafts.SaveAsync(draft, open: false, cancellationToken);
                outcomes.Add(new ReviewOutcome(cycle, threeYearly ? ReviewKind.ThreeYearReview : ReviewKind.AnnualReturn, DateOnly.FromDateTime(at.Date), lead, leadName,
                    Recommendation.ReaffirmCommitment, $"Still needed in {cycle}: the partners meet monthly and the action plan is on track.", "", draft.Id));
                reviews++;

                var hallmarks = catalog.Get(QuestionnaireIds.Hallmarks);
                // As the journey stores a submitted assessment: the draft with its score summary.
                var assessment = Submitted($"{id}-hallmarks-{cycle}", hallmarks, lead, leadName, id, at.AddDays(20), random, rating: true);
                await summaries.SubmitAsync(assessment, AssessmentSummary.Of(hallmarks, assessment), cancellationToken);
                assessments++;
            }

            var last = outcomes[^1];
            var partnership = new Partnership
            {
                Id = id,
                Name = $"{Places[i % Places.Length]} {Subjects[i / Places.Length % Subjects.Length]} Partnership {i / (Places.Length * Subjects.Length) + 1}",
                LeadOfficerId = lead,
                LeadOfficerName = leadName,
                LeadRole = Roles[i % Roles.Length],
                Partners = ["Essex County Council", "Essex Police", $"Voluntary sector forum {i % 7}"],
                Purpose = "Joint working on shared priorities for residents, with a pooled budget and a shared action plan.",
                Status = i % 25 == 24 ? PartnershipStatus.Disengaging : PartnershipStatus.Active,
                Stage = (LifeCycleStage)(1 + (i % 5)),
                StartDate = new DateOnly(firstCycle - 1, 1 + (i % 12), 1),
                RegisteredOn = new DateOnly(firstCycle - 1, 1 + (i % 12), 1),
                LastAnnualReturn = last.CompletedOn,
                LastEffectivenessReview = last.CompletedOn,
                LastThreeYearReview = outcomes.LastOrDefault(o => o.Kind == ReviewKind.ThreeYearReview)?.CompletedOn,
                Reviews = outcomes,
                History = outcomes.Select(o => new PartnershipChange(lead, leadName, new DateTimeOffset(o.CompletedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), $"Annual return for {o.CycleYear} completed")).ToList(),
            };
            if (!await repository.TrySaveAsync(partnership, 0, cancellationToken))
            {
                throw new InvalidOperationException($"{id} was already in {databasePath}: seed a fresh file.");
            }
        }

        const int waiting = 40;
        for (var s = 0; s < waiting; s++)
        {
            var at = DateTimeOffset.UtcNow.AddDays(-s);
            var submitter = new Actor($"bench-officer-{s:00}", $"Officer {s:00}");
            var submission = new Submission($"bs{s:000}", $"bs{s:000}-draft", 1, submitter, $"Proposed partnership {s:00}", SubmissionStatus.UnderReview, null, [Smt], [], [],
                [new AuditEntry(submitter.Id, at, null, SubmissionStatus.UnderReview, "Submitted", null)], [], at, 0);
            await submissions.TrySaveAsync(submission, [], [], cancellationToken);
        }

        return new TabSeedSummary(partnerships, reviews, assessments, waiting, new FileInfo(databasePath).Length, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    /// <summary>A submitted questionnaire answered everywhere: choices picked (hallmark ratings at random), texts a few sentences long.</summary>
    private static Draft Submitted(string id, QuestionnaireDefinition definition, string ownerId, string ownerName, string subject, DateTimeOffset at, Random random, bool? rating)
    {
        var by = new Actor(ownerId, ownerName);
        var answers = definition.Steps.ToDictionary(s => s.Id, s => new StepAnswer(
            s.Fields.ToDictionary(f => f.Id, f => f.Id switch
            {
                "rating" when rating is true => random.Next(10) switch { < 6 => "Yes", < 9 => "Partly", _ => "No" },
                "actionDue" => at.AddMonths(6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                _ when f.Kind == FieldKind.Date => at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                _ when f.Kind == FieldKind.Number => "3",
                _ when f.Choices.Count > 0 => f.Choices[0],
                _ => $"{f.Label}: answered for {subject} on {at:d MMMM yyyy}. The partnership reviewed this at its board meeting and agreed the actions.",
            }),
            [],
            false,
            definition.Version,
            by,
            at));
        return new Draft(id, definition.Id, definition.Version, ownerId, ownerName, subject, null, DraftStatus.Submitted, QuestionnaireEngine.ReviewStepId,
            answers, [], 1, at, at, at);
    }

    private sealed class SeedEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "PartnershipBot.Bench";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
