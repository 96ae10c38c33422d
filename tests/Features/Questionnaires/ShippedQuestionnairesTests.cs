using PartnershipBot.Features.Questionnaires;
using static PartnershipBot.Tests.Features.Questionnaires.TestQuestionnaires;

namespace PartnershipBot.Tests.Features.Questionnaires;

/// <summary>The four data files shipped with the bot: they load, and their questions are the source's, verbatim.</summary>
public sealed class ShippedQuestionnairesTests
{
    private const string AppendixThreeSection = "Questions for New Partnerships (Appendix 3)";

    [Fact]
    public void Load_ShippedFolder_HoldsTheFourJourneysAtVersionOneOrMore()
    {
        var catalog = Shipped;

        catalog.Require(QuestionnaireIds.All);
        Assert.Equal(QuestionnaireIds.All.Order(), catalog.All.Select(d => d.Id));
        Assert.All(catalog.All, d => Assert.True(d.Version >= 1));
    }

    [Fact]
    public void NewPartnership_AppendixThreeSteps_AreThe18SourceQuestionsVerbatimInOrder()
    {
        var steps = Shipped.Get(QuestionnaireIds.NewPartnership).Steps.Where(s => s.Section == AppendixThreeSection).ToList();

        var source = GuidanceSource.Appendix3Questions();
        Assert.Equal(18, source.Count);
        Assert.Equal(source, steps.Select(s => s.Text));
        Assert.Equal("Why the partnership is required?", steps[0].Text);
        Assert.Equal("What arrangements have been made for partnership employed staff?", steps[^1].Text);
    }

    [Fact]
    public void NewPartnership_Order_DetailsThenQuestionsThenSelfCheckThenRisks()
    {
        var definition = Shipped.Get(QuestionnaireIds.NewPartnership);

        var sections = definition.Steps.Select(s => s.Section).Distinct().ToList();
        Assert.Equal(["About the partnership", AppendixThreeSection, "Self-check (section 3.1)", "Risk assessment (section 3.3)"], sections);
        Assert.Equal(
            ["partnership-name", "lead-officer", "start-date", "background"],
            definition.Steps.TakeWhile(s => s.Section == "About the partnership").Select(s => s.Id));
        Assert.Equal(FieldKind.Date, definition.FindStep("start-date")!.Primary.Kind);
        Assert.True(definition.FindStep("start-date")!.Primary.ConfirmIfPast);
        Assert.Equal("partnership-name", definition.TitleStep);
    }

    /// <summary>
    /// Issue 18.14: the partners and the Council's inputs are asked once, in the guidance's Appendix 3 wording; the
    /// details part asks nothing that Appendix 3 asks again.
    /// </summary>
    [Fact]
    public void NewPartnership_PartnersAndCouncilInputs_AreAskedOnceInTheAppendix3Wording()
    {
        var definition = Shipped.Get(QuestionnaireIds.NewPartnership);

        Assert.Null(definition.FindStep("proposed-partners"));
        Assert.Null(definition.FindStep("council-inputs"));
        Assert.Single(definition.Steps, s => s.Text.Contains("partners?", StringComparison.Ordinal) && s.Text.StartsWith("Who", StringComparison.Ordinal));
        Assert.Single(definition.Steps, s => s.Text.Contains("inputs", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Who are the main potential partners?", definition.FindStep("main-partners")!.Text);
        Assert.Equal(2, definition.Version);
    }

    [Fact]
    public void NewPartnership_Parts_AreTheGuidancesFourWithEighteenAppendix3Questions()
    {
        var parts = Shipped.Get(QuestionnaireIds.NewPartnership).Parts();

        Assert.Equal(["About the partnership", AppendixThreeSection, "Self-check (section 3.1)", "Risk assessment (section 3.3)"], parts.Select(p => p.Title));
        Assert.Equal([4, 18, 6, 1], parts.Select(p => p.Steps.Count));
        Assert.All(parts, p => Assert.False(p.IsGroup));
        Assert.Equal(6, Shipped.Get(QuestionnaireIds.Hallmarks).Parts().Count);
    }

    [Theory]
    [InlineData("public-communications", "Where the partnership will be serving the public")]
    [InlineData("employed-staff", "What arrangements have been made for partnership employed staff?")]
    public void NewPartnership_ConditionalQuestion_TakesNotApplicableOnlyWithAReason(string stepId, string textStart)
    {
        var definition = Shipped.Get(QuestionnaireIds.NewPartnership);
        var step = definition.FindStep(stepId)!;
        Assert.StartsWith(textStart, step.Text, StringComparison.Ordinal);
        var draft = QuestionnaireEngine.Start(definition, Alice.Id, Alice.Name, null, T0, "d") with { CurrentStepId = stepId };

        var withoutReason = QuestionnaireEngine.Answer(draft, definition, stepId, Values(("applicability", "not applicable")), 1, Alice, T0);
        var withReason = QuestionnaireEngine.Answer(
            draft, definition, stepId, Values(("applicability", "Not applicable"), ("reason", "Internal only")), 1, Alice, T0);
        var neither = QuestionnaireEngine.Answer(draft, definition, stepId, Values(), 1, Alice, T0);

        Assert.Equal(["reason"], Assert.IsType<StepResult.Invalid>(withoutReason).Errors.Select(e => e.FieldId));
        Assert.Equal("Internal only", Saved(withReason).AnswerTo(stepId)!.Value("reason"));
        Assert.Equal(["answer"], Assert.IsType<StepResult.Invalid>(neither).Errors.Select(e => e.FieldId));
    }

    [Theory]
    [InlineData("public-communications", "Not applicable: the partnership does not serve the public", "the partnership does not serve the public")]
    [InlineData("employed-staff", "not applicable - no staff are employed", "no staff are employed")]
    public void NewPartnership_ConditionalQuestion_TypedNotApplicableWithReason_RecordsTheChoiceAndReason(string stepId, string typed, string reason)
    {
        var definition = Shipped.Get(QuestionnaireIds.NewPartnership);
        var draft = QuestionnaireEngine.Start(definition, Alice.Id, Alice.Name, null, T0, "d") with { CurrentStepId = stepId };

        var answer = Saved(QuestionnaireEngine.TypedAnswer(draft, definition, typed, Alice, T0)).AnswerTo(stepId)!;

        Assert.Equal("Not applicable", answer.Value("applicability"));
        Assert.Equal(reason, answer.Value("reason"));
        Assert.Equal("", answer.Value("answer"));
    }

    [Fact]
    public void NewPartnership_ConditionalQuestion_TypedNotApplicableAlone_AsksForTheReason()
    {
        var definition = Shipped.Get(QuestionnaireIds.NewPartnership);
        var draft = QuestionnaireEngine.Start(definition, Alice.Id, Alice.Name, null, T0, "d") with { CurrentStepId = "employed-staff" };

        var invalid = Assert.IsType<StepResult.Invalid>(QuestionnaireEngine.TypedAnswer(draft, definition, "Not applicable", Alice, T0));

        Assert.Equal(["reason"], invalid.Errors.Select(e => e.FieldId));
        Assert.Equal("Not applicable", invalid.Values["applicability"]);
    }

    [Fact]
    public void NewPartnership_ConditionalQuestion_TypedAnswer_IsTheAnswerText()
    {
        var definition = Shipped.Get(QuestionnaireIds.NewPartnership);
        var draft = QuestionnaireEngine.Start(definition, Alice.Id, Alice.Name, null, T0, "d") with { CurrentStepId = "employed-staff" };

        var answer = Saved(QuestionnaireEngine.TypedAnswer(draft, definition, "Staff stay employed by their own organisations", Alice, T0)).AnswerTo("employed-staff")!;

        Assert.Equal("Staff stay employed by their own organisations", answer.Value("answer"));
        Assert.Equal("", answer.Value("applicability"));
    }

    [Fact]
    public void NewPartnership_SelfCheck_IsTheSixSection31ChecksRatedWithCommentUnlessMet()
    {
        var steps = Shipped.Get(QuestionnaireIds.NewPartnership).Steps.Where(s => s.Section == "Self-check (section 3.1)").ToList();

        Assert.Equal(6, steps.Count);
        Assert.Equal("There is a clear rationale for the partnership", steps[0].Text);
        Assert.Equal("Termination arrangements are understood", steps[4].Text);
        Assert.All(steps, s =>
        {
            Assert.Equal(["Met", "Partly", "Not met"], s.Primary.Choices);
            Assert.Equal(["Partly", "Not met"], s.Fields.Single(f => f.Id == "comment").RequiredWhen!.In);
        });
    }

    [Fact]
    public void NewPartnership_RiskStep_IsLastAndRepeatableWithOneToFiveScales()
    {
        var step = Shipped.Get(QuestionnaireIds.NewPartnership).Steps[^1];

        Assert.Equal("risks", step.Id);
        Assert.True(step.Repeatable);
        Assert.Equal(1, step.MinimumItems);
        Assert.Equal(["description", RiskRating.LikelihoodField, RiskRating.ImpactField, "mitigation", "owner"], step.Fields.Select(f => f.Id));
        Assert.All(step.Fields.Where(f => f.Kind == FieldKind.Number), f => Assert.Equal((1, 5), (f.Min, f.Max)));
        Assert.All(step.Fields, f => Assert.True(f.Required));
    }

    [Fact]
    public void Hallmarks_Groups_HoldTheAppendix2QuestionsVerbatimWithTheDocumentedCounts()
    {
        var definition = Shipped.Get(QuestionnaireIds.Hallmarks);
        var source = GuidanceSource.Appendix2Items();

        // Per the seed README: item 17 under Intelligence-led Business Processes is the sixth hallmark's title.
        var item17 = source.Single(i => i.Heading == "Intelligence-led Business Processes" && i.Number == 17);
        var expected = new (string Title, IEnumerable<string> Questions)[]
        {
            ("Empowered and Effective Leadership", Under("Empowered and Effective Leadership")),
            ("Intelligence-led Business Processes", Under("Intelligence-led Business Processes").Take(16)),
            (item17.Text, Under("Intelligence-led Business Processes").Skip(17)),
            ("Engaged Communities", Under("Engaged Communities")),
            ("Visible and Constructive Accountability", Under("Visible and Constructive Accountability")),
            ("Appropriate Skills and Knowledge", Under("Appropriate Skills and Knowledge")),
        };

        Assert.Equal(expected.Select(e => e.Title), definition.Groups.Select(g => g.Title));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Questions, definition.StepsIn(definition.Groups[i].Id).Select(s => s.Text));
        }

        Assert.Equal([14, 16, 6, 6, 9, 16], definition.Groups.Select(g => definition.StepsIn(g.Id).Count));
        Assert.Equal(67, definition.Steps.Count);
        Assert.All(definition.Steps, s => Assert.NotNull(s.Group));

        IEnumerable<string> Under(string heading) => source.Where(i => i.Heading == heading).Select(i => i.Text);
    }

    [Fact]
    public void Hallmarks_Item17_IsAGroupTitleNotAQuestion()
    {
        var definition = Shipped.Get(QuestionnaireIds.Hallmarks);

        Assert.DoesNotContain(definition.Steps, s => s.Text.Contains("Effective and Responsive Delivery Systems", StringComparison.OrdinalIgnoreCase));
        var delivery = definition.StepsIn("delivery");
        Assert.Equal("Effective and Responsive Delivery Systems", definition.FindGroup("delivery")!.Title);
        Assert.Equal("Have you considered how you will resource the delivery of your priorities?", delivery[0].Text);
        Assert.Equal("Are you able to respond flexibly to emerging issues within the community?", delivery[^1].Text);
    }

    [Fact]
    public void Hallmarks_EachQuestion_RatedYesPartlyNoNotApplicableWithOptionalEvidenceAndAction()
    {
        var definition = Shipped.Get(QuestionnaireIds.Hallmarks);

        Assert.All(definition.Steps, s =>
        {
            Assert.Equal(["Yes", "Partly", "No", "Not applicable"], s.Primary.Choices);
            Assert.True(s.Primary.Required);
            Assert.Equal(["evidence", "actionWhat", "actionOwner", "actionDue"], s.Fields.Skip(1).Select(f => f.Id));
            Assert.All(s.Fields.Skip(1), f => Assert.False(f.Required));
            Assert.Equal(FieldKind.Date, s.Fields[^1].Kind);
        });
    }

    [Fact]
    public void AnnualReturn_Steps_CoverSections35Then36Then43EndingWithARecommendation()
    {
        var definition = Shipped.Get(QuestionnaireIds.AnnualReturn);

        Assert.Equal(
            ["terms-of-reference", "governance", "funding", "performance-management", "roles-reminded", "commitment-reconfirmed",
             "outcomes", "targets-measures", "risk-management", "financial-controls", "value-to-council", "recommendation"],
            definition.Steps.Select(s => s.Id));
        Assert.Equal("Terms of reference", definition.Steps[0].Text);
        Assert.Contains(definition.FindStep("performance-management")!.Fields, f => f.Id == "links" && !f.Required);
        AssertDisengagementNeeds(definition, "reasons", "contingentLiabilities");
    }

    [Fact]
    public void ThreeYearReview_Steps_AreTheWholeAnnualReturnThenTheSection37MattersThenTheSameRecommendation()
    {
        // In the three-yearly year the annual review is asked too (4.3 "at minimum, an annual review"), in one journey.
        var annual = Shipped.Get(QuestionnaireIds.AnnualReturn);
        var definition = Shipped.Get(QuestionnaireIds.ThreeYearReview);

        var annualSteps = annual.Steps.Take(annual.Steps.Count - 1).ToList();
        Assert.Equal(annualSteps, definition.Steps.Take(annualSteps.Count), StepComparer.Instance);
        Assert.Equal(annual.Steps[^1], definition.Steps[^1], StepComparer.Instance);
        var section37 = definition.Steps.Skip(annualSteps.Count).SkipLast(1).ToList();
        Assert.Equal("The need for the partnership to continue", section37[0].Text);
        Assert.Equal("Any contingent liabilities which may result from disengagement with the Partnership.", section37[^1].Text);
        Assert.All(section37, s => Assert.Equal("Three-yearly review (section 3.7)", s.Section));
        // Appendix 3 questions are asked of the partnership as it is now (3.8).
        Assert.Contains(section37.SelectMany(s => s.Fields), f => f.Label.StartsWith("Who are the main partners now?", StringComparison.Ordinal));
        Assert.Contains(section37.SelectMany(s => s.Fields), f => f.Label.StartsWith("What are the termination arrangements", StringComparison.Ordinal));
        AssertDisengagementNeeds(definition, "reasons", "contingentLiabilities");
    }

    /// <summary>Steps compared by what an officer sees and must answer (records hold lists, so default equality is by reference).</summary>
    private sealed class StepComparer : IEqualityComparer<StepDefinition>
    {
        public static readonly StepComparer Instance = new();

        public bool Equals(StepDefinition? x, StepDefinition? y) =>
            x is not null && y is not null && Key(x) == Key(y);

        public int GetHashCode(StepDefinition obj) => Key(obj).GetHashCode(StringComparison.Ordinal);

        private static string Key(StepDefinition s) => System.Text.Json.JsonSerializer.Serialize(s);
    }

    [Fact]
    public void ShippedQuestionnaires_WalkedWithValidAnswers_CanBeSubmitted()
    {
        foreach (var definition in Shipped.All)
        {
            var draft = QuestionnaireEngine.Start(definition, Alice.Id, Alice.Name, "partnership-1", T0, definition.Id);
            while (!draft.IsOnReview)
            {
                var step = QuestionnaireEngine.OpenStep(draft, definition)!;
                draft = draft.Answered(definition, step.Fields.Select(f => (f.Id, ValidValue(f))).ToArray());
            }

            var submitted = Saved(QuestionnaireEngine.Submit(draft, definition, draft.Revision, T0.AddDays(1)));
            Assert.Equal(DraftStatus.Submitted, submitted.Status);
            Assert.Equal(definition.Steps.Count, submitted.Answers.Count);
        }
    }

    private static void AssertDisengagementNeeds(QuestionnaireDefinition definition, params string[] fieldIds)
    {
        var step = definition.Steps[^1];
        var draft = QuestionnaireEngine.Start(definition, Alice.Id, Alice.Name, "p", T0, "d") with { CurrentStepId = step.Id };

        var disengage = QuestionnaireEngine.Answer(draft, definition, step.Id, Values(("recommendation", "recommend disengagement")), 1, Alice, T0);
        var reaffirm = QuestionnaireEngine.Answer(draft, definition, step.Id, Values(("recommendation", "Reaffirm commitment")), 1, Alice, T0);

        Assert.Equal(fieldIds, Assert.IsType<StepResult.Invalid>(disengage).Errors.Select(e => e.FieldId));
        Assert.Equal("Reaffirm commitment", Saved(reaffirm).AnswerTo(step.Id)!.Value("recommendation"));
    }
}
