using System.Text.Json.Nodes;
using PartnershipBot.Features.Audit;
using PartnershipBot.Features.Register;
using PartnershipBot.Features.Reviews;
using PartnershipBot.Notifications;
using PartnershipBot.Tests.Documents;
using PartnershipBot.Tests.Features.Audit;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Reviews;

/// <summary>
/// Issue 17's acceptance test: three simulated years on a fake clock with the register of 16. Every partnership is
/// asked for its annual review every March in one digest per person; each gets the three-yearly points exactly once,
/// spread over the cycles; last year's answers pre-fill; SMT get each review completed in Teams and record outcomes;
/// "agree disengagement" makes the partnership Disengaging and asks for the contingent liabilities; reminders and the
/// escalation reach what is still outstanding; in the second year the Audit &amp; Performance Management team audits
/// the coverage and content of the reviews, runs a specific review with the lead officer's input, records the Audit
/// Committee's recommendation (reminded to its owner) and produces the Audit Committee pack; restarts on prompt days
/// send nothing twice.
/// </summary>
public sealed class ThreeYearCycleAcceptanceTests
{
    private const string WithThreeYearly = "Annual review with the three-yearly points (section 3.7)";
    private const string Alex = "aad-alex";
    private static readonly ReviewCalendar March = ReviewCalendar.From(new ReviewOptions());

    // Hana (HCS) completes her five in Teams every year; the other eleven are recorded as done for speed.
    private static readonly string[] HanasFive = ["kp03", "kp07", "kp11", "kp12", "kp13"];

    [Fact]
    public async Task ThreeYears_RegisterOfSixteen_AskedEveryMarchThreeYearlyOnceEachPrefilledDecidedBySmtNothingSentTwice()
    {
        await using var bot = await CycleBot.StartAsync(new DateTimeOffset(2027, 2, 20, 12, 0, 0, TimeSpan.Zero),
            o => o.Settings["Register:RoleHolders:APM"] = Alex);
        var all = await bot.Register.AllAsync(default);
        Assert.Equal(16, all.Count);
        var hana = bot.Harness.User("Hana");
        var sam = bot.Harness.User("Sam");
        var threeYearly = new Dictionary<int, List<string>>();

        for (var cycle = 2027; cycle <= 2029; cycle++)
        {
            var prompt = March.PromptAt(cycle);

            // Nothing before the prompt time; at it, one digest per person; a restart that day sends nothing again.
            bot.Clock.SetUtcNow(prompt.AddMinutes(-1));
            await bot.RunSchedulerAsync();
            Assert.DoesNotContain(bot.Outbox.Messages, m => m.IdempotencyKey.EndsWith($":{cycle}:chat", StringComparison.Ordinal));
            bot.Clock.SetUtcNow(prompt);
            await bot.RunSchedulerAsync();
            await bot.RestartAsync();
            await bot.RunSchedulerAsync();

            var digests = bot.Outbox.Messages.Where(m => m.Kind == OutboxKind.ChatCard && m.IdempotencyKey.StartsWith("annual-digest:", StringComparison.Ordinal)
                && m.IdempotencyKey.EndsWith($":{cycle}:chat", StringComparison.Ordinal)).ToList();
            Assert.Equal(["aad-chris", "aad-eve", "aad-hana", "aad-pat"], digests.Select(m => m.RecipientId).Order(StringComparer.Ordinal));
            var rows = digests.SelectMany(m => Digests.Rows(m.Payload!)).ToList();
            Assert.Equal(all.Select(p => p.Id).Order(StringComparer.Ordinal), rows.Select(r => r.Key).Order(StringComparer.Ordinal));
            threeYearly[cycle] = rows.Where(r => r.Value.Contains(WithThreeYearly, StringComparison.Ordinal)).Select(r => r.Key).ToList();

            // Hana completes her five from her digest, on the second day.
            bot.Clock.SetUtcNow(prompt.AddDays(1));
            var digest = Digests.Prompt(bot.Outbox, CycleBot.Hcs, cycle);
            Assert.Equal(HanasFive, Digests.PartnershipIds(digest));
            foreach (var id in HanasFive)
            {
                var disengage = id == CycleBot.CommunitySafety && cycle == 2029;
                await CompleteAsync(hana, await Digests.ClickForAsync(hana, digest, id), cycle, disengage, expectPrefill: cycle > 2027);
            }

            // The other eleven are done on the fifth day, except the PPM's Vine HR in the first year, left to be chased.
            foreach (var p in all.Where(p => !HanasFive.Contains(p.Id) && !(cycle == 2027 && p.Id == "kp16")))
            {
                await RecordAsync(bot, p, cycle, threeYearly[cycle].Contains(p.Id), prompt.AddDays(5));
            }

            // SMT receive each of Hana's reviews in Teams and record their outcome on Community Safety's.
            var stored = (await bot.Register.AllAsync(default)).ToDictionary(p => p.Id);
            foreach (var id in HanasFive)
            {
                var draftId = stored[id].ReviewFor(cycle)!.DraftId;
                Assert.Equal(["aad-sam", "aad-sue"], SmtCards(bot, draftId).Select(m => m.RecipientId).Order(StringComparer.Ordinal));
            }

            var safetyDraft = stored[CycleBot.CommunitySafety].ReviewFor(cycle)!.DraftId;
            var samsCard = SmtCards(bot, safetyDraft).Single(m => m.RecipientId == "aad-sam").Payload!;
            var decision = cycle switch { 2027 => "Noted", 2028 => "Reaffirm commitment", _ => "Agree disengagement" };
            await sam.ClickAsync(samsCard, decision, new Dictionary<string, string> { ["comment"] = $"SMT {cycle}" });
            Assert.Equal($"SMT {cycle}", (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!.ReviewFor(cycle)!.Decision!.Comment);

            if (cycle == 2028)
            {
                await AuditTheCycleAsync(bot, cycle, prompt);
            }

            if (cycle == 2027)
            {
                // What is still outstanding is chased: the PPM is reminded at 14 and 28 days and, as the register's keeper,
                // gets the overdue list at 28; then Vine HR is done.
                await bot.RunDaysUntilAsync(prompt.AddDays(28));
                var reminders = bot.Outbox.Messages.Where(m => m.IdempotencyKey.StartsWith("annual-reminder-digest:aad-pat:2027:", StringComparison.Ordinal)).ToList();
                Assert.Equal(["annual-reminder-digest:aad-pat:2027:20270315:chat", "annual-reminder-digest:aad-pat:2027:20270329:chat"], reminders.Select(m => m.IdempotencyKey));
                Assert.All(reminders, m => Assert.Equal(["kp16"], Digests.PartnershipIds(m.Payload)));
                var overdue = Assert.Single(bot.Outbox.Messages, m => m.IdempotencyKey.StartsWith("annual-escalation-digest:", StringComparison.Ordinal));
                Assert.Equal(["kp16"], Digests.PartnershipIds(overdue.Payload, "Open partnership"));
                await RecordAsync(bot, all.Single(p => p.Id == "kp16"), cycle, threeYearly[cycle].Contains("kp16"), prompt.AddDays(29));
                Assert.DoesNotContain(bot.Outbox.Messages, m => m.IdempotencyKey.StartsWith("annual-reminder-digest:aad-hana:", StringComparison.Ordinal));
            }
        }

        // Each partnership had its three-yearly points exactly once in the three years, a third of the register each cycle.
        Assert.Equal(all.Select(p => p.Id).Order(StringComparer.Ordinal), threeYearly.Values.SelectMany(v => v).Order(StringComparer.Ordinal));
        Assert.Equal([6, 5, 5], threeYearly.OrderBy(kv => kv.Key).Select(kv => kv.Value.Count));

        // SMT agreed disengagement in 2029: Disengaging, and Hana is asked for the contingent liabilities, which she records.
        var safety = (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        Assert.Equal(PartnershipStatus.Disengaging, safety.Status);
        Assert.Equal([ReviewDecisionKind.Noted, ReviewDecisionKind.ReaffirmCommitment, ReviewDecisionKind.AgreeDisengagement], safety.Reviews.Select(r => r.Decision!.Kind));
        var ask = bot.Outbox.Messages.Single(m => m.IdempotencyKey == $"smt-review:{safety.ReviewFor(2029)!.DraftId}:1:{CycleBot.Hcs}:chat").Payload!;
        var step = await hana.ClickAsync(ask, "Record contingent liabilities");
        step = await hana.ClickAsync(step, "Next", new Dictionary<string, string> { ["details"] = "Share of the joint analyst post to March 2030." });
        step = await hana.ClickAsync(step, "Next", new Dictionary<string, string> { ["details"] = "Six months' notice." });
        await hana.ClickAsync(step, "Submit");
        Assert.Equal("Share of the joint analyst post to March 2030.", Assert.Single((await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!.ContingentLiabilityRecords).Details);

        // The next March a Disengaging partnership is not asked; the rest are.
        bot.Clock.SetUtcNow(March.PromptAt(2030));
        await bot.RunSchedulerAsync();
        var rows2030 = bot.Outbox.Messages.Where(m => m.IdempotencyKey.StartsWith("annual-digest:", StringComparison.Ordinal) && m.IdempotencyKey.EndsWith(":2030:chat", StringComparison.Ordinal))
            .SelectMany(m => Digests.Rows(m.Payload!).Keys).ToList();
        Assert.Equal(15, rows2030.Count);
        Assert.DoesNotContain(CycleBot.CommunitySafety, rows2030);

        // Nothing was sent twice across the restarts and the three years.
        var keys = bot.Outbox.Messages.Select(m => m.IdempotencyKey).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    /// <summary>
    /// The A&amp;PM team's year (4.4-4.6), in April once every review is in: coverage is computed and the content of
    /// Community Safety's review assessed; a specific review of it gets the division's input from Hana and A&amp;PM's
    /// report, and Hana's recommendation goes to SMT; the Audit Committee's recommendation gets an owner and a due date
    /// and is reminded to her once (across a restart); the Audit Committee pack holds all of it.
    /// </summary>
    private static async Task AuditTheCycleAsync(CycleBot bot, int cycle, DateTimeOffset prompt)
    {
        bot.Clock.SetUtcNow(prompt.AddDays(40));
        await bot.RunSchedulerAsync();
        var alex = bot.Harness.User("Alex", Alex);
        var hana = bot.Harness.User("Hana");

        // Coverage (4.4) is computed: every one of the sixteen reviews is done; no content is assessed yet.
        var list = (await alex.SayAsync($"audit reviews {cycle}")).Card!;
        var listText = CardInspector.AllText(list);
        Assert.Equal(16, CountOf(listText, "Coverage: Done · Content: not assessed"));
        var assessed = await AuditJourney.AnswerAndSubmitAsync(alex,
            await alex.ClickAsync(list, "Assess this partnership's review", new Dictionary<string, string> { ["partnershipId"] = CycleBot.CommunitySafety }),
            (step, a) =>
            {
                a["rating"] = step == "targets" ? "Partly adequate" : "Adequate";
                a["notes"] = step == "targets" ? $"Targets for {cycle} are not measurable" : step == ContentAudit.OverallStep ? $"A sound review for {cycle}" : "";
            });
        Assert.Contains($"Your assessment (Adequate) is recorded for the {cycle} cycle", CardInspector.AllText(assessed));
        var assessment = (await bot.Harness.Get<IAuditRecordStore>().FindAssessmentAsync(cycle, CycleBot.CommunitySafety, default))!.Current!;
        Assert.Equal(("Adequate", "Partly adequate", Alex), (assessment.Overall, assessment.Ratings.Single(r => r.StepId == "targets").Rating, assessment.ById));
        listText = CardInspector.AllText((await alex.SayAsync($"audit reviews {cycle}")).Card);
        Assert.Equal(15, CountOf(listText, "Coverage: Done · Content: not assessed"));
        Assert.Equal(1, CountOf(listText, "Coverage: Done · Content: Adequate (Alex, "));

        // A specific review (4.5): A&PM opens it, Hana gives her division's input, A&PM writes the report, Hana recommends.
        var opened = await alex.ClickAsync((await alex.SayAsync("specific reviews")).Card!, "Open a specific review of this partnership",
            new Dictionary<string, string> { ["partnershipId"] = CycleBot.CommunitySafety });
        var ask = bot.Outbox.Messages.Last(m => m.RecipientId == CycleBot.Hcs && m.IdempotencyKey.StartsWith("specific-review:", StringComparison.Ordinal)).Payload!;
        await AuditJourney.AnswerAndSubmitAsync(hana, await hana.ClickAsync(ask, "Give your division's input"), (step, a) => a["details"] = $"Division's {step} {cycle}");
        Assert.Contains(bot.Outbox.Messages, m => m.RecipientId == Alex && CardInspector.AllText(m.Payload).Contains("has given the division's input", StringComparison.Ordinal));
        await AuditJourney.AnswerAndSubmitAsync(alex, await alex.ClickAsync(opened, "Write the report"), (step, a) => a["details"] = $"A&PM finding {step} {cycle}");
        var recommend = bot.Outbox.Messages.Last(m => m.RecipientId == CycleBot.Hcs && m.IdempotencyKey.StartsWith("specific-review:", StringComparison.Ordinal)).Payload!;
        await hana.ClickAsync(recommend, "Send my recommendation to SMT", new Dictionary<string, string> { ["recommendation"] = "ReaffirmCommitment", ["reasons"] = $"Value shown in {cycle}" });
        var review = Assert.Single(await bot.Harness.Get<IAuditRecordStore>().SpecificReviewsAsync(CycleBot.CommunitySafety, default));
        Assert.Equal((SpecificReviewStatus.Recommended, "Hana", Recommendation.ReaffirmCommitment), (review.Status, review.InputByName, review.Recommendation));
        Assert.NotNull(review.InputDraftId);
        // SMT decide on it with the card they use for annual reviews, the report readable in full; the status stays Active.
        var smtCards = SmtCards(bot, review.ReportDraftId!);
        Assert.Equal(["aad-sam", "aad-sue"], smtCards.Select(m => m.RecipientId).Order(StringComparer.Ordinal));
        var sams = smtCards.Single(m => m.RecipientId == "aad-sam").Payload!;
        Assert.Contains($"A&PM finding value {cycle}", CardInspector.AllText(sams));
        await bot.Harness.User("Sam").ClickAsync(sams, "Reaffirm commitment", new Dictionary<string, string> { ["comment"] = $"Reaffirmed after the audit {cycle}" });
        var afterAudit = (await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!;
        Assert.Equal((PartnershipStatus.Active, ReviewDecisionKind.ReaffirmCommitment),
            (afterAudit.Status, Assert.Single(afterAudit.SpecificReviewRecommendations).Decision!.Kind));

        // The Audit Committee's recommendation, owned by Hana and due at the end of June.
        var committee = await alex.ClickAsync((await alex.SayAsync("committee Community Safety")).Card!, "Save the committee's comments", new Dictionary<string, string>
        {
            ["committee"] = "AuditCommittee",
            ["meetingDate"] = $"{cycle}-04-06",
            ["comments"] = $"Asked how the {cycle} targets are measured.",
            ["recommendation"] = $"Set measurable targets for {cycle + 1}.",
            ["ownerId"] = CycleBot.Hcs,
            ["ownerAddress"] = "",
            ["dueDate"] = $"{cycle}-06-30",
        });
        Assert.Contains($"Saved: Audit Committee, 6 April {cycle}. Hana will be reminded on 30 June {cycle}", CardInspector.AllText(committee));

        // The Audit Committee pack for the cycle: coverage and content, the committee's recommendation, the specific review.
        var report = (await alex.SayAsync($"audit report {cycle}")).Card!;
        var pack = await ApmBot.PreparedPaperAsync(bot.Harness, bot.Outbox, await alex.ClickAsync(report, "Download as Word"));
        using (var word = await bot.Harness.Client.GetAsync(ApmBot.DownloadPath(pack)))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, word.StatusCode);
            using var docx = new Docx(await word.Content.ReadAsByteArrayAsync());
            Assert.Empty(docx.ValidationErrors());
            Assert.Superset(new HashSet<string> { "Content of the reviews (section 4.4)", "Committee comments and recommendations (sections 4.5-4.6)", "Specific partnership reviews (section 4.5)" },
                docx.Headings(1).ToHashSet());
            foreach (var text in new[] { $"A sound review for {cycle}", $"Set measurable targets for {cycle + 1}.", $"A&PM finding financial-issues {cycle}" })
            {
                Assert.Contains(text, docx.AllText, StringComparison.Ordinal);
            }
        }

        // 30 June, after 09:00 in London: Hana is reminded once, and not again after a restart; she marks it done.
        bot.Clock.SetUtcNow(new DateTimeOffset(cycle, 6, 30, 8, 30, 0, TimeSpan.Zero));
        await bot.RunSchedulerAsync();
        await bot.RestartAsync();
        await bot.RunSchedulerAsync();
        var reminder = Assert.Single(bot.Outbox.Messages, m => m.IdempotencyKey.StartsWith("committee-recommendation:", StringComparison.Ordinal));
        Assert.Equal(CycleBot.Hcs, reminder.RecipientId);
        Assert.Contains($"Set measurable targets for {cycle + 1}.", CardInspector.AllText(reminder.Payload));
        Assert.Contains("Marked done", CardInspector.AllText(await hana.ClickAsync(reminder.Payload!, "Mark done")));
        Assert.True(Assert.Single((await bot.Register.FindAsync(CycleBot.CommunitySafety, default))!.CommitteeRecords).Recommendation!.IsDone);
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static List<OutboxMessage> SmtCards(CycleBot bot, string draftId) =>
        bot.Outbox.Messages.Where(m => m.Kind == OutboxKind.ChatCard && m.IdempotencyKey == $"review-smt:{draftId}:{m.RecipientId}:chat").ToList();

    private static Task RecordAsync(CycleBot bot, Partnership p, int cycle, bool threeYearly, DateTimeOffset on) =>
        bot.Register.RecordReviewAsync(p.Id, new ReviewOutcome(cycle, threeYearly ? ReviewKind.ThreeYearReview : ReviewKind.AnnualReturn, March.Today(on),
            p.LeadOfficerId, "Lead", Recommendation.ReaffirmCommitment, "", "", $"d-{p.Id}-{cycle}"), default);

    /// <summary>Answers every question (after the first year, from last year's answers) and submits.</summary>
    private static async Task CompleteAsync(TeamsUser hana, JsonObject step, int cycle, bool disengage, bool expectPrefill)
    {
        // Last year's answers are carried: the review opens at the first question asked afresh each year (3.6).
        Assert.Equal(expectPrefill ? "roles-reminded" : "terms-of-reference", StepCard.StepId(step));
        for (var guard = 0; StepCard.IsQuestion(step); guard++)
        {
            Assert.True(guard < 60, "The review never reached its summary.");
            var answers = StepCard.ValidAnswers(step);
            if (StepCard.StepId(step) == "recommendation")
            {
                answers["recommendation"] = disengage ? "Recommend disengagement" : "Reaffirm commitment";
                answers["reasons"] = $"Reasons {cycle}";
                answers["contingentLiabilities"] = disengage ? "Share of the joint analyst post." : "";
            }

            step = await hana.ClickAsync(step, "Next", answers);
        }

        Assert.Equal(expectPrefill, CardInspector.AllText(step).Contains("Last year:", StringComparison.Ordinal));
        await hana.ClickAsync(step, "Submit");
    }
}
