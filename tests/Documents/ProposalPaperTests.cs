using DocumentFormat.OpenXml.Wordprocessing;
using PartnershipBot.Documents;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Tests.Features.Questionnaires;

namespace PartnershipBot.Tests.Documents;

public sealed class ProposalPaperTests
{
    private static readonly PaperTemplates Templates = PaperTemplates.Load(PaperTemplates.DefaultPath);
    private static QuestionnaireDefinition NewPartnership => TestQuestionnaires.Shipped.Get(QuestionnaireIds.NewPartnership);

    [Fact]
    public void Build_FullyAnsweredProposal_ValidatesWithNoErrorsAndHoldsEveryAnswerAsText()
    {
        var draft = PaperData.Answered(NewPartnership);
        var decisions = new[]
        {
            new DecisionRecord(new Actor("aad-dh", "Dana Head"), ApproverRole.DivisionalHead, DecisionKind.Endorse, "Endorsed " + PaperData.Hostile, PaperData.SubmittedAt.AddDays(1), null, 1,
                Assessment: new DivisionalHeadAssessment(AimsFit.Complements, "Reasoning " + PaperData.Hostile, "Conclusions " + PaperData.Hostile, true)),
        };
        using var docx = new Docx(ProposalPaper.Build(Templates, NewPartnership, PaperData.Submission(draft, decisions: decisions), draft, null));

        Assert.Empty(docx.ValidationErrors());
        var text = docx.AllText;
        foreach (var step in NewPartnership.Steps)
        {
            Assert.Contains(step.Text, text, StringComparison.Ordinal);
            var items = step.Repeatable ? 3 : 1;
            foreach (var field in step.Fields.Where(f => f.Kind is FieldKind.Text or FieldKind.LongText))
            {
                for (var i = 0; i < items; i++)
                {
                    Assert.Contains(PaperData.Visible(PaperData.TextFor(step.Id, field.Id, i)), text, StringComparison.Ordinal);
                }
            }
        }

        Assert.Contains("Endorsed by the Divisional Head", text, StringComparison.Ordinal);
        Assert.Contains(PaperData.Visible("Endorsed " + PaperData.Hostile), text, StringComparison.Ordinal);
        Assert.Contains(PaperData.Visible("Guidance " + PaperData.Hostile), text, StringComparison.Ordinal);
        Assert.Contains("Divisional Head's assessment (section 4.1)", docx.Headings(2));
        Assert.Contains(DivisionalHeadAssessment.FitText(AimsFit.Complements), text, StringComparison.Ordinal);
        Assert.Contains(PaperData.Visible("Reasoning " + PaperData.Hostile), text, StringComparison.Ordinal);
        Assert.Contains(PaperData.Visible("Conclusions " + PaperData.Hostile), text, StringComparison.Ordinal);
        Assert.Contains("Report to the Executive: Recommended", docx.Paragraphs);
        Assert.Contains(ApprovalCards.Reference(draft.Id), text, StringComparison.Ordinal);
        // Officers' text stays text: no field, hyperlink or embedded markup came out of it.
        Assert.Empty(docx.Body.Descendants<SimpleField>());
        Assert.Empty(docx.Body.Descendants<FieldCode>());
        Assert.Empty(docx.Body.Descendants<Hyperlink>());
    }

    [Fact]
    public void Build_Proposal_UsesTitleAndHeadingStylesWithLanguageAndTitleSet()
    {
        var draft = PaperData.Answered(NewPartnership);
        using var docx = new Docx(ProposalPaper.Build(Templates, NewPartnership, PaperData.Submission(draft), draft, null));

        Assert.Equal("Proposal for a new partnership: Safer Streets <Partnership>", docx.Document.PackageProperties.Title);
        Assert.Equal("en-GB", docx.Document.PackageProperties.Language);
        var defaults = docx.Document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.Languages!;
        Assert.Equal("en-GB", defaults.Val!.Value);
        Assert.Equal(["Proposal for a new partnership: Safer Streets <Partnership>"], docx.Styled.Where(s => s.Style == "Title").Select(s => s.Text));
        var sections = NewPartnership.Steps.Select(s => s.Section).Distinct().ToList();
        Assert.Equal(["Summary", .. sections, "Assessment, decisions and comments"], docx.Headings(1));
        Assert.Contains("What are the risks of the partnership?", docx.Headings(2));
        // Every heading style Word's navigation pane needs is defined with its outline level.
        var styles = docx.Document.MainDocumentPart.StyleDefinitionsPart.Styles.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
        Assert.Equal(0, styles["Heading1"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Equal(2, styles["Heading3"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
    }

    [Fact]
    public void Build_Proposal_ChecksAndRisksAreTablesWithHeaderRowsAndRatings()
    {
        var draft = PaperData.Answered(NewPartnership);
        using var docx = new Docx(ProposalPaper.Build(Templates, NewPartnership, PaperData.Submission(draft), draft, null));

        var tables = docx.Body.Elements<Table>().ToList();
        Assert.All(tables, t => Assert.NotNull(t.Elements<TableRow>().First().TableRowProperties?.GetFirstChild<TableHeader>()));
        var checks = tables.Single(t => RowText(t, 0).StartsWith("Check|Assessment|Comment", StringComparison.Ordinal));
        var checkSteps = NewPartnership.Steps.Where(s => s.Section == "Self-check (section 3.1)").ToList();
        Assert.Equal(6, checkSteps.Count);
        Assert.Equal(7, checks.Elements<TableRow>().Count());
        Assert.Equal($"{checkSteps[0].Text}|Met|{PaperData.Visible(PaperData.TextFor(checkSteps[0].Id, "comment"))}", RowText(checks, 1));

        var risks = tables.Single(t => RowText(t, 0).StartsWith("Risk|", StringComparison.Ordinal));
        Assert.EndsWith("|Rating", RowText(risks, 0), StringComparison.Ordinal);
        // Item i has likelihood and impact 1+i: 1×1 = 1 Low, 2×2 = 4 Low, 3×3 = 9 Medium.
        Assert.Equal(["1 (Low)", "4 (Low)", "9 (Medium)"], risks.Elements<TableRow>().Skip(1).Select(r => r.Elements<TableCell>().Last().InnerText));
        Assert.Contains("Overall risk rating: Medium", docx.Paragraphs);
    }

    [Fact]
    public void Build_UnansweredQuestion_SaysNotAnsweredPlainly()
    {
        var draft = PaperData.Answered(NewPartnership, unanswered: s => s.Id is "background" or "why-required");
        using var docx = new Docx(ProposalPaper.Build(Templates, NewPartnership, PaperData.Submission(draft), draft, null));

        var paragraphs = docx.Paragraphs.ToList();
        var why = paragraphs.IndexOf(NewPartnership.FindStep("why-required")!.Text);
        Assert.Equal(QuestionnairePaper.NotAnswered, paragraphs[why + 1]);
        Assert.Empty(docx.ValidationErrors());
    }

    [Fact]
    public void Build_SecondVersion_MarksOnlyTheChangedAnswersWithTheirPreviousValue()
    {
        var before = PaperData.Answered(NewPartnership);
        var answers = before.Answers.ToDictionary(a => a.Key, a => a.Value);
        answers["why-required"] = answers["why-required"] with { Fields = new Dictionary<string, string> { ["answer"] = "A clearer reason" } };
        var after = before with { Id = "draft-v2", Answers = answers };
        using var docx = new Docx(ProposalPaper.Build(Templates, NewPartnership, PaperData.Submission(after, version: 2), after, before));

        var marks = docx.Paragraphs.Where(p => p.StartsWith(QuestionnairePaper.ChangedMark, StringComparison.Ordinal)).ToList();
        var mark = Assert.Single(marks);
        Assert.Equal($"{QuestionnairePaper.ChangedMark}: Previously: {PaperData.Visible(PaperData.TextFor("why-required", "answer"))}", mark);
        Assert.Contains("A clearer reason", docx.Paragraphs);
        Assert.Contains(docx.Paragraphs, p => p.StartsWith("Version: 2 (answers changed since version 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_LongestAllowedAnswersWithoutSpaces_StillValidate()
    {
        var draft = PaperData.Answered(NewPartnership, suffix: new string('x', FieldDefinition.DefaultMaxLength));
        var bytes = ProposalPaper.Build(Templates, NewPartnership, PaperData.Submission(draft), draft, null);
        using var docx = new Docx(bytes);

        Assert.Empty(docx.ValidationErrors());
        Assert.Contains(new string('x', FieldDefinition.DefaultMaxLength), docx.AllText, StringComparison.Ordinal);
    }

    private static string RowText(Table table, int row) =>
        string.Join("|", table.Elements<TableRow>().ElementAt(row).Elements<TableCell>().Select(c => c.InnerText));
}
