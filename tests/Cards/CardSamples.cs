using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;

namespace PartnershipBot.Tests.Cards;

/// <summary>The templates and sample data in cards/, and views that switch on every conditional part of them.</summary>
internal static class CardSamples
{
    public static IEnumerable<string> Names => CardRenderer.TemplateNames.Values;

    public static TheoryData<string> NameData => [.. Names];

    public static CardRenderer Renderer { get; } = new(RepoPaths.Cards, NullLogger<CardRenderer>.Instance);

    public static JsonNode Template(string name) => ReadJson($"{name}.json");

    public static JsonNode Data(string name) => ReadJson($"{name}.data.json");

    public static Type ViewType(string name) => CardRenderer.TemplateNames.Single(p => p.Value == name).Key;

    public static object View(string name) =>
        Data(name).Deserialize(ViewType(name), CardRenderer.ViewJsonOptions)!;

    public static T View<T>() => (T)View(CardRenderer.TemplateNames[typeof(T)]);

    /// <summary>Renders any view through the typed generic Render method.</summary>
    public static JsonObject Render(object view) =>
        (JsonObject)typeof(CardRenderer).GetMethod(nameof(CardRenderer.Render))!
            .MakeGenericMethod(view.GetType()).Invoke(Renderer, [view])!;

    /// <summary>The view serialized as the template sees it.</summary>
    public static JsonNode ToData(object view) => JsonSerializer.SerializeToNode(view, view.GetType(), CardRenderer.ViewJsonOptions)!;

    /// <summary>Every sample, plus variants that take the other side of each $when in the templates.</summary>
    public static IReadOnlyList<(string Label, object View)> Variants()
    {
        var step = View<QuestionStepView>();
        var review = View<ReviewView>();
        var approval = View<ApprovalRequestView>();
        var hallmarks = View<HallmarkResultsView>();
        var detail = View<PartnershipDetailView>();
        var register = View<RegisterListView>();
        var list = Names.Select(n => ($"{n} sample", View(n))).ToList();
        list.AddRange(
        [
            ("question-step plain", step with
            {
                GroupProgressText = null, Guidance = null, ValidationMessage = null, Items = [],
                CanGoBack = false, CanSkip = true, CanSkipGroup = false, IsRepeatable = false,
            }),
            ("review complete", review with { Items = review.Items.Where(i => !i.IsMissing).ToList(), Missing = [], CanSubmit = true }),
            ("review ungrouped", review with { Groups = [] }),
            ("approval status only", approval with { CanAct = false }),
            ("approval referred", approval with { IsReferredToExecutive = true, StatusText = "Referred to the Executive." }),
            ("approval cannot refer", approval with { CanRefer = false }),
            ("decision no comment", View<DecisionOutcomeView>() with { Comment = null, DecisionText = "Rejected" }),
            ("hallmarks no chart", hallmarks with { ChartImageUrl = null, Improvements = [], HasMorePlan = false }),
            ("hallmark-plan single page", View<HallmarkPlanView>() with { HasPreviousPage = false, HasNextPage = false }),
            ("hallmark-choice all shown", View<HallmarkChoiceView>() with { MoreText = null }),
            ("hallmark-start idle", View<HallmarkStartView>() with
            {
                Kind = HallmarkStartView.IdleKind, Title = "Assessment left idle", Hallmarks = [], Notes = [], DraftId = "d-91c2", Revision = 14, Shown = "",
                Message = "Alice Officer started assessing this partnership on 2 March 2026, 09:00 and has not answered since 3 March 2026, 10:15 (12 of 67 questions answered).",
            }),
            ("hallmark-start notice", View<HallmarkStartView>() with
            {
                Kind = HallmarkStartView.NoticeKind, Title = "Assessment not started", PartnershipName = "", Hallmarks = [], Notes = [],
                Message = "Nothing was started and nothing is saved.",
            }),
            ("welcome no drafts", View<WelcomeView>() with { Drafts = [] }),
            ("register empty", register with { Rows = [], MoreText = null }),
            ("detail read-only", detail with { CanEdit = false, CanChangeStage = false, CanEnd = false }),
            ("confirm skip group", ConfirmView.SkipGroup("d-91c2", 14, "leadership-4", "The remaining questions of this hallmark will be marked as skipped.")),
            ("confirm end partnership", ConfirmView.EndPartnership("p-0003", "The partnership will be marked as ended in the register.")),
            ("partnership-edit no message", View<PartnershipEditView>() with { ValidationMessage = null }),
            ("audit-report no flags", View<AuditReportView>() with { Rows = View<AuditReportView>().Rows.Select(r => r with { FlagsText = "" }).ToList() }),
        ]);
        return list;
    }

    private static JsonNode ReadJson(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Cards, file)))!;
}
