using System.Globalization;
using System.Text.Json.Nodes;
using PartnershipBot.Cards;
using PartnershipBot.Cards.Views;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Features.Journeys;

/// <summary>Turns a draft and its questionnaire into the question-step, review and menu cards.</summary>
internal sealed class JourneyCards(CardRenderer renderer, QuestionnaireCatalog catalog)
{
    private const int SummaryLength = 300;

    // A group's review page has up to 16 answers with an Edit each; at this length even answers in a script that JSON
    // escapes (6 bytes a character) keep the page under the 40 KB card limit.
    private const int GroupAnswerLength = 180;
    private const int MaxDraftsListed = 10;
    private static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>();

    /// <summary>The card for where the draft is now: its open question, or the review screen.</summary>
    public JsonObject Current(Draft draft, string? message = null, IReadOnlyDictionary<string, string>? typed = null, string? defaultLeadOfficer = null)
    {
        var definition = catalog.Get(draft.QuestionnaireId);
        return QuestionnaireEngine.OpenStep(draft, definition) is { } step
            ? renderer.Render(Step(draft, definition, step, message, typed ?? NoValues, defaultLeadOfficer))
            : renderer.Render(Review(draft, definition, null));
    }

    /// <summary>The review screen; for a grouped questionnaire, with the answers of <paramref name="groupId"/> shown.</summary>
    public JsonObject Review(Draft draft, string? groupId) => renderer.Render(Review(draft, catalog.Get(draft.QuestionnaireId), groupId));

    public JsonObject Error(string title, string message) => renderer.Render(new ErrorView(title, message));

    public JsonObject Confirm(ConfirmView view) => renderer.Render(view);

    public JsonObject Welcome(string userName, IEnumerable<Draft> drafts) =>
        // The newest drafts only: an officer with scores of drafts would otherwise get a card over the 40 KB limit.
        renderer.Render(new WelcomeView(userName, drafts.Where(d => d.Status == DraftStatus.InProgress)
            .OrderByDescending(d => d.UpdatedAt).Take(MaxDraftsListed).Select(Summary).ToList()));

    public DraftSummaryView Summary(Draft draft)
    {
        var definition = catalog.Get(draft.QuestionnaireId);
        var progress = QuestionnaireEngine.Progress(draft, definition);
        var position = draft.IsOnReview ? "Ready to review" : $"Question {progress.Overall.Number} of {progress.Overall.Total}";
        return new DraftSummaryView(draft.Id, draft.Revision, CardText.Shorten(draft.Title ?? "Untitled draft", 80), definition.Title,
            position, "Last saved " + draft.UpdatedAt.ToString("d MMM yyyy HH:mm", CultureInfo.GetCultureInfo("en-GB")));
    }

    private static QuestionStepView Step(Draft draft, QuestionnaireDefinition definition, StepDefinition step, string? message,
        IReadOnlyDictionary<string, string> typed, string? defaultLeadOfficer)
    {
        var saved = draft.AnswerTo(step.Id);
        var progress = QuestionnaireEngine.Progress(draft, definition);
        var group = step.Group is { } groupId ? definition.FindGroup(groupId) : null;
        var groupText = group is not null && progress.WithinGroup is { } within
            ? $"{group.Title}: question {within.Number} of {within.Total}"
            : null;
        var fields = step.Fields.Select(f => Field(f, step, saved, typed, defaultLeadOfficer)).ToList();
        var items = saved?.Items.Select(i => new ItemView(CardText.Shorten(ItemSummary(step, i), SummaryLength))).ToList() ?? [];
        var index = definition.IndexOf(step.Id);
        return new QuestionStepView(
            definition.Title,
            step.Section,
            $"Question {progress.Overall.Number} of {progress.Overall.Total}",
            groupText,
            step.Text,
            step.Guidance,
            message,
            draft.Id,
            draft.Revision,
            step.Id,
            fields,
            items,
            CanGoBack: index > 0,
            CanSkip: step.Optional,
            CanSkipGroup: group is not null,
            IsRepeatable: step.Repeatable,
            ItemsLeftText: step.Repeatable ? ItemsLeftText(QuestionnaireEngine.ItemsLeft(draft, step), step.MaxItems) : null);
    }

    /// <summary>Said on every repeatable step, so an officer knows the limit before reaching it.</summary>
    internal static string ItemsLeftText(int left, int maxItems) => left switch
    {
        0 => "No more entries fit here: finish this question (or remove an entry to make room).",
        1 => $"1 more entry can be added (at most {maxItems}).",
        _ => $"{left} more entries can be added (at most {maxItems}).",
    };

    private static FieldView Field(FieldDefinition field, StepDefinition step, StepAnswer? saved, IReadOnlyDictionary<string, string> typed, string? defaultLeadOfficer)
    {
        // What the officer just typed wins (nothing typed is lost on a validation error), then the saved answer.
        // A typed message can be any length: beyond twice the limit it is shown cut, so the card stays under 40 KB.
        var value = typed.TryGetValue(field.Id, out var t) ? CardText.Shorten(t, Math.Max(2, 2 * field.MaxLength))
            : step.Repeatable ? ""
            : saved?.Fields.GetValueOrDefault(field.Id) ?? (field.Id == "leadOfficer" ? defaultLeadOfficer ?? "" : "");
        var kind = field.Kind switch
        {
            FieldKind.Text => FieldView.Text,
            FieldKind.LongText => FieldView.LongText,
            FieldKind.Choice => FieldView.Choice,
            FieldKind.Number => FieldView.Number,
            _ => FieldView.Date,
        };
        var error = field.Kind switch
        {
            FieldKind.Number when field.Min is { } min && field.Max is { } max => $"Enter a whole number from {min} to {max}.",
            FieldKind.Date => "Enter a date.",
            FieldKind.Choice => "Choose one.",
            _ => $"{field.Label} is required.",
        };
        return new FieldView(field.Id, field.Label, kind, 
            // Only unconditional answers are required in the client; conditional ones and a repeatable step's blank
            // "next item" form are checked by the engine, which explains what is missing.
            field.Required && field.RequiredWhen is null && !step.Repeatable,
            error, field.Kind is FieldKind.Text or FieldKind.LongText ? field.MaxLength : null, value,
            field.Choices.Select(c => new ChoiceView(c, c)).ToList(), field.Min, field.Max, null);
    }

    /// <summary>"Last year: " before an answer carried from an earlier review (given before this draft began), not re-given since.</summary>
    private static string CarriedPrefix(Draft draft, StepDefinition step) =>
        draft.AnswerTo(step.Id) is { } answer && answer.AnsweredAt < draft.CreatedAt ? "Last year: " : "";

    private static string ItemSummary(StepDefinition step, IReadOnlyDictionary<string, string> item) =>
        string.Join(" · ", step.Fields.Select(f => item.GetValueOrDefault(f.Id, "")).Where(v => v.Length > 0));

    private static ReviewView Review(Draft draft, QuestionnaireDefinition definition, string? groupId)
    {
        var missing = QuestionnaireEngine.Missing(draft, definition);
        var shown = definition.Groups.Count == 0 ? null : ShownGroup(draft, definition, missing, groupId);
        var steps = shown is null ? definition.Steps : definition.StepsIn(shown.Id);
        var items = steps.Select((step, i) =>
        {
            var section = shown is null ? step.Section : $"Question {i + 1} of {steps.Count}";
            return new ReviewItemView(step.Id, section, CardText.Shorten(step.Text, 200),
                CardText.Shorten(CarriedPrefix(draft, step) + AnswerText(step, draft.AnswerTo(step.Id)), shown is null ? SummaryLength : GroupAnswerLength), missing.Contains(step));
        }).ToList();
        var groups = shown is null ? [] : definition.Groups.Select(g => GroupSummary(draft, definition, g, g.Id == shown.Id, missing)).ToList();
        return new ReviewView(definition.Title, draft.Id, draft.Revision, items, missing.Select(s => CardText.Shorten(s.Text, 120)).ToList(),
            missing.Count == 0, groups);
    }

    // A grouped questionnaire (67 hallmark questions) is too long for one card, so its review shows one group's
    // answers, each with its own Edit, and a line per group to switch. Unless asked for one, it shows the group
    // with the first missing answer, else the one last changed (so an edit returns to its own group).
    private static GroupDefinition ShownGroup(Draft draft, QuestionnaireDefinition definition, IReadOnlyList<StepDefinition> missing, string? groupId) =>
        (groupId is null ? null : definition.FindGroup(groupId))
        ?? (missing.FirstOrDefault(s => s.Group is not null)?.Group is { } m ? definition.FindGroup(m) : null)
        ?? (draft.History.LastOrDefault() is { } last && definition.FindStep(last.StepId)?.Group is { } g ? definition.FindGroup(g) : null)
        ?? definition.Groups[0];

    private static ReviewGroupView GroupSummary(Draft draft, QuestionnaireDefinition definition, GroupDefinition group, bool isShown,
        IReadOnlyList<StepDefinition> missing)
    {
        var steps = definition.StepsIn(group.Id);
        var counts = steps
            .Select(s => draft.AnswerTo(s.Id) is { Skipped: false } a ? a.Value(s.Primary.Id) : null)
            .Where(v => !string.IsNullOrEmpty(v))
            .GroupBy(v => v!)
            .Select(g => $"{g.Key} {g.Count()}");
        var answered = steps.Count(s => draft.AnswerTo(s.Id) is not null);
        var summary = $"{answered} of {steps.Count} answered" + (answered > 0 ? ": " + string.Join(" · ", counts) : "")
            + (steps.Any(missing.Contains) ? " · some still to answer" : "");
        return new ReviewGroupView(group.Id, group.Title, summary, isShown);
    }

    /// <summary>An answer as one line of text for summaries (review card, e-mails).</summary>
    public static string AnswerText(StepDefinition step, StepAnswer? answer) => answer switch
    {
        null => "Not answered yet",
        { Skipped: true } => "Skipped",
        _ when step.Repeatable => answer.Items.Count == 0 ? "None" : string.Join("; ", answer.Items.Select(i => ItemSummary(step, i))),
        _ => string.Join(" · ", step.Fields.Select(f => answer.Value(f.Id)).Where(v => v.Length > 0)),
    };
}
