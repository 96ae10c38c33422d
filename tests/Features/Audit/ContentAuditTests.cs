using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Features.Audit;
using PartnershipBot.Tests.Documents;
using PartnershipBot.Tests.Harness;

namespace PartnershipBot.Tests.Features.Audit;

/// <summary>
/// Issue 17.5 (s.4.4): for a cycle, an A&amp;PM officer records per partnership an assessment of the review's content
/// (adequate / partly adequate / inadequate with notes per s.4.3 element) on the one questionnaire engine; coverage is
/// computed by the year-scoped audit report; every assessment is kept, and both reach the Audit Committee pack.
/// </summary>
public sealed class ContentAuditTests
{
    private const string Assess = "Assess this partnership's review";
    private const string TargetsNotes = "No targets for 2027 =HYPERLINK(\"http://x\") **bold**";
    private static readonly DateTimeOffset Now = new(2027, 4, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AuditReviews_ApmAssessesContent_CoverageComputed_HistoryKept_InTheFilesAndTheWordSummary()
    {
        await using var bot = await ApmBot.StartAsync(Now);
        var alex = bot.User("Alex", ApmBot.Alex);

        var list = (await alex.SayAsync("audit reviews 2027")).Card!;
        var listText = CardInspector.AllText(list);
        Assert.Contains("Audit of the 2027 annual reviews", listText);
        // Seeded partnerships owe the 2027 review and nothing has come in by 20 April: the report's coverage says overdue.
        Assert.Contains("Coverage: Overdue: ", listText);
        Assert.Contains("· Content: not assessed", listText);

        var first = await alex.ClickAsync(list, Assess, new Dictionary<string, string> { ["partnershipId"] = ApmBot.CommunitySafety });
        Assert.True(StepCard.IsQuestion(first));
        var receipt = await AuditJourney.AnswerAndSubmitAsync(alex, first, (step, a) =>
        {
            a["rating"] = step switch { "targets" => "Inadequate", "overall" => "Partly adequate", _ => "Adequate" };
            a["notes"] = step == "targets" ? TargetsNotes : step == "overall" ? "Summary for the committee" : "";
        });
        Assert.Contains("Your assessment (Partly adequate) is recorded for the 2027 cycle", CardInspector.AllText(receipt));

        var stored = (await bot.Harness.Get<IAuditRecordStore>().FindAssessmentAsync(2027, ApmBot.CommunitySafety, default))!;
        var entry = Assert.Single(stored.Entries);
        Assert.Equal(8, entry.Ratings.Count);
        Assert.Equal(("Inadequate", TargetsNotes), (entry.Ratings.Single(r => r.Element == "Targets").Rating, entry.Ratings.Single(r => r.Element == "Targets").Notes));
        Assert.Equal(("Partly adequate", ApmBot.Alex), (entry.Overall, entry.ById));

        // A second assessment of the same review adds to the record; the first is kept.
        var again = await alex.ClickAsync((await alex.SayAsync("audit reviews 2027")).Card!, Assess, new Dictionary<string, string> { ["partnershipId"] = ApmBot.CommunitySafety });
        await AuditJourney.AnswerAndSubmitAsync(alex, again, (step, a) => { a["rating"] = "Adequate"; a["notes"] = step == "overall" ? "Better on a second look" : ""; });
        var history = (await bot.Harness.Get<IAuditRecordStore>().FindAssessmentAsync(2027, ApmBot.CommunitySafety, default))!;
        Assert.Equal(["Partly adequate", "Adequate"], history.Entries.Select(e => e.Overall));
        Assert.Contains("Content: Adequate (Alex, 20 April 2027)", CardInspector.AllText((await alex.SayAsync("audit reviews 2027")).Card));

        // The Audit Committee pack: the CSV has the column, the Word summary the notes of the current assessment.
        var report = (await alex.SayAsync("audit report 2027")).Card!;
        using (var csv = await bot.Harness.Client.GetAsync(ApmBot.DownloadPath(await alex.ClickAsync(report, "Download as CSV"))))
        {
            var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
            Assert.Contains("Content of the review (A&PM assessment)", text, StringComparison.Ordinal);
            Assert.Contains("Adequate (Alex, 20 April 2027)", text, StringComparison.Ordinal);
        }

        using var word = await bot.Harness.Client.GetAsync(ApmBot.DownloadPath(await bot.PreparedPaperAsync(await alex.ClickAsync(report, "Download as Word"))));
        Assert.Equal(HttpStatusCode.OK, word.StatusCode);
        using var docx = new Docx(await word.Content.ReadAsByteArrayAsync());
        Assert.Empty(docx.ValidationErrors());
        Assert.Contains("Content of the reviews (section 4.4)", docx.Headings(1));
        Assert.Contains("Better on a second look", docx.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditReviews_OfficerOrPpm_RefusedEvenWithAForgedAssessClick_NothingStarted()
    {
        await using var bot = await ApmBot.StartAsync(Now);

        foreach (var (name, id) in new[] { ("Hana", ApmBot.Hcs), ("Pat", ApmBot.Ppm) })
        {
            var user = bot.User(name, id);
            Assert.Contains(ContentAudit.NotAllowedText, CardInspector.AllText((await user.SayAsync("audit reviews")).Card));
            var forged = await user.InvokeAsync(CardVerbs.AuditAssess, new JsonObject { ["verb"] = CardVerbs.AuditAssess, ["year"] = 2027, ["partnershipId"] = ApmBot.CommunitySafety });
            Assert.Contains("Not allowed", CardInspector.AllText(forged));
        }

        Assert.Empty(await bot.Harness.Get<PartnershipBot.Features.Journeys.IDraftStore>().ListBySubjectAsync(ContentAudit.Subject(2027, ApmBot.CommunitySafety), default));

        // A stale or made-up year or partnership gets a clear answer.
        var alex = bot.User("Alex", ApmBot.Alex);
        Assert.Contains("Which year?", CardInspector.AllText(await alex.InvokeAsync(CardVerbs.AuditAssess, new JsonObject { ["verb"] = CardVerbs.AuditAssess, ["year"] = 2031, ["partnershipId"] = ApmBot.CommunitySafety })));
        Assert.Contains("Choose a partnership", CardInspector.AllText(await alex.InvokeAsync(CardVerbs.AuditAssess, new JsonObject { ["verb"] = CardVerbs.AuditAssess, ["year"] = 2027, ["partnershipId"] = "kp99" })));
        Assert.Contains("Which year?", CardInspector.AllText((await alex.SayAsync("audit reviews 1999")).Card));
    }
}
