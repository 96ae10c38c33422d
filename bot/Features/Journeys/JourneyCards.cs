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

    /// <summary>A question card once its answer came as a typed message.</summary>
    public JsonObject Answered(string journeyTitle, string question, string answer) =>
        renderer.Render(new AnsweredView(journeyTitle, CardText.Shorten(question, 500), CardText.Shorten(answer, 2000)));

    public JsonObject Welcome(string userName, IEnumerable<Draft> drafts) => Welcome(new WelcomeView(userName, []), drafts);

    /// <summary>The menu as <paramref name="view"/> says (role, waiting, notice), with the person's drafts.</summary>
    public JsonObject Welcome(WelcomeView view, IEnumerable<Draft> drafts) =>
        // The newest drafts only: an officer with scores of drafts would otherwise get a card over the 40 KB limit.
        renderer.Render(view with
        {
            Drafts = drafts.Where(d => d.Status == DraftStatus.InProgress)
                .OrderByDescending(d => d.UpdatedAt).Take(MaxDraftsListed).Select(Summary).ToList(),
        });

    public DraftSummaryView Summary(Draft draft)
    {
        var definition = catalog.Get(draft.QuestionnaireId);
        var progress = QuestionnaireEngine.Progress(draft, definition);
        var open = QuestionnaireEngine.OpenStep(draft, definition);
        var position = draft.IsOnReview || open is null ? "Ready to review"
            : SectionPart(definition, open) is { } part ? $"Part {part.Number} of {part.Count}, question {part.Within} of {part.Of}"
            : $"Question {progress.Overall.Number} of {progress.Overall.Total}";
        return new DraftSummaryView(draft.Id, draft.Revision, CardText.Shorten(draft.Title ?? "Untitled draft", 80), definition.Title,
            position, "Last saved " + UkDate.Format(draft.UpdatedAt));
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
        // A questionnaire in several parts (the guidance's four) says where the question is by part, as the guidance
        // numbers them: "Part 2 of 4 · Questions for New Partnerships (Appendix 3) · 3 of 18".
        var part = SectionPart(definition, step);
        return new QuestionStepView(
            definition.Title,
            part is null ? step.Section : null,
            part is { } p ? $"Part {p.Number} of {p.Count} · {step.Section} · {p.Within} of {p.Of}" : $"Question {progress.Overall.Number} of {progress.Overall.Total}",
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
            Subject: draft.SubjectId is not null && draft.Title is { Length: > 0 } subject ? CardText.Shorten(subject, 200) : null,
            ItemsLeftText: step.Repeatable ? ItemsLeftText(QuestionnaireEngine.ItemsLeft(draft, step), step.MaxItems) : null);
    }

    /// <summary>Where a step is among the sections of a questionnaire in several parts; null for one-part or grouped ones.</summary>
    private static (int Number, int Count, int Within, int Of)? SectionPart(QuestionnaireDefinition definition, StepDefinition step)
    {
        var parts = definition.Parts();
        for (var i = 0; i < parts.Count; i++)
        {
            var at = parts[i].Steps.TakeWhile(s => s.Id != step.Id).Count();
            if (!parts[i].IsGroup && at < parts[i].Steps.Count)
            {
                return (i + 1, parts.Count, at + 1, parts[i].Steps.Count);
            }
        }

        return null;
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
        var riskScale = RiskRating.Scale(field.Id);
        var kind = riskScale is not null ? FieldView.Choice : field.Kind switch
        {
            FieldKind.Text => FieldView.Text,
            FieldKind.LongText => FieldView.LongText,
            FieldKind.Choice => FieldView.Choice,
            FieldKind.Number => FieldView.Number,
            _ => FieldView.Date,
        };
        var error = field.Kind switch
        {
            _ when riskScale is not null => "Choose from 1 to 5.",
            FieldKind.Number when field.Min is { } min && field.Max is { } max => $"Enter a whole number from {min} to {max}.",
            FieldKind.Date => "Enter a date.",
            FieldKind.Choice => "Choose one.",
            _ => $"{field.Label} is required.",
        };
        var isText = field.Kind is FieldKind.Text or FieldKind.LongText;
        // The limit is said on the input, and enforced by the client only while the text fits: a longer answer
        // (typed as a message) is shown whole, with the refusal, so it can be edited down rather than cut.
        var label = isText ? string.Create(CultureInfo.InvariantCulture, $"{field.Label} (up to {field.MaxLength:N0} characters)") : field.Label;
        label += RequiredNote(field, step);
        var choices = riskScale?.Select((name, i) => new ChoiceView($"{i + 1} – {name}", (i + 1).ToString(CultureInfo.InvariantCulture))).ToList()
            ?? field.Choices.Select(c => new ChoiceView(c, c)).ToList();
        return new FieldView(field.Id, label, kind,
            // Only unconditional answers are required in the client; conditional ones and a repeatable step's blank
            // "next item" form are checked by the engine, which explains what is missing.
            IsMarkedRequired(field, step),
            error, isText && value.Length <= field.MaxLength ? field.MaxLength : null, value,
            choices, riskScale is null ? field.Min : null, riskScale is null ? field.Max : null, null);
    }

    /// <summary>"Last year: " before an answer carried from an earlier review (given before this draft began), not re-given since.</summary>
    private static string CarriedPrefix(Draft draft, StepDefinition step) =>
        draft.AnswerTo(step.Id) is { } answer && answer.AnsweredAt < draft.CreatedAt ? "Last year: " : "";

    /// <summary>
    /// Whether the card marks a field required (Teams shows an asterisk and refuses it empty). A repeatable step's
    /// form is blank on Next once items are added, so the engine checks its fields instead, and says so.
    /// </summary>
    public static bool IsMarkedRequired(FieldDefinition field, StepDefinition step) =>
        field.Required && field.RequiredWhen is null && !step.Repeatable;

    /// <summary>
    /// What the label says when the engine requires a field the client cannot mark with its asterisk: a conditional
    /// answer, or a field of a repeatable step (its blank "next item" form may be left empty on Next).
    /// </summary>
    public static string RequiredNote(FieldDefinition field, StepDefinition step) =>
        field.RequiredWhen is { } when
            ? when.In.Count > 0
                ? $" (needed if {LabelOf(step, when.Field)} is {string.Join(" or ", when.In)})"
                : $" (needed unless {LabelOf(step, when.Field)} is {string.Join(" or ", when.NotIn)})"
            : field.Required && step.Repeatable ? " (needed for each one you add)" : "";

    private static string LabelOf(StepDefinition step, string fieldId) => step.Fields.FirstOrDefault(f => f.Id == fieldId)?.Label ?? fieldId;

    private static string ItemSummary(StepDefinition step, IReadOnlyDictionary<string, string> item)
    {
        var text = string.Join(" · ", step.Fields.Select(f => Display(f, item.GetValueOrDefault(f.Id, ""))).Where(v => v.Length > 0));
        // A risk shows its rating on the 5×5 matrix as soon as it is added.
        return RiskRating.Describe(item) is { } rating ? $"{text} · {rating}" : text;
    }

    private static string Display(FieldDefinition field, string value) =>
        field.Kind == FieldKind.Date ? UkDate.Display(value)
        : RiskRating.Scale(field.Id) is { } scale && int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5
            ? $"{field.Label.Split(' ')[0]} {n} ({scale[n - 1]})"
            : value;

    private static ReviewView Review(Draft draft, QuestionnaireDefinition definition, string? groupId)
    {
        var missing = QuestionnaireEngine.Missing(draft, definition);
        var parts = definition.Parts();
        var shown = parts.Count == 0 ? null : ShownPart(draft, parts, missing, groupId);
        var steps = shown?.Steps ?? definition.Steps;
        var items = steps.Select((step, i) =>
        {
            var section = shown is null ? step.Section : $"Question {i + 1} of {steps.Count}";
            return new ReviewItemView(step.Id, section, CardText.Shorten(step.Text, 200),
                CardText.Shorten(CarriedPrefix(draft, step) + AnswerText(step, draft.AnswerTo(step.Id)), shown is null ? SummaryLength : GroupAnswerLength), missing.Contains(step),
                EditTitle(step));
        }).ToList();
        var groups = shown is null ? [] : parts.Select(p => PartSummary(draft, p, p.Id == shown.Id, missing)).ToList();
        return new ReviewView(definition.Title, draft.Id, draft.Revision, items, missing.Select(s => CardText.Shorten(s.Text, 120)).ToList(),
            missing.Count == 0, groups);
    }

    // A long questionnaire (31 questions of a new partnership, 67 hallmark questions) is too tall for one card, so its
    // review shows one part's answers, each with its own Edit, and a line per part to switch. Unless asked for one,
    // it shows the part with the first missing answer, else the one last changed (so an edit returns to its part).
    private static QuestionnairePart ShownPart(Draft draft, IReadOnlyList<QuestionnairePart> parts, IReadOnlyList<StepDefinition> missing, string? partId) =>
        parts.FirstOrDefault(p => p.Id == partId)
        ?? (missing.Count > 0 ? parts.FirstOrDefault(p => p.Steps.Contains(missing[0])) : null)
        ?? (draft.History.LastOrDefault() is { } last ? parts.FirstOrDefault(p => p.Steps.Any(s => s.Id == last.StepId)) : null)
        ?? parts[0];

    private static ReviewGroupView PartSummary(Draft draft, QuestionnairePart part, bool isShown, IReadOnlyList<StepDefinition> missing)
    {
        // A hallmark's answers are choices, so their counts say how it went ("Yes 9 · Partly 3"); free text does not count.
        var counts = part.IsGroup
            ? part.Steps
                .Select(s => draft.AnswerTo(s.Id) is { Skipped: false } a ? a.Value(s.Primary.Id) : null)
                .Where(v => !string.IsNullOrEmpty(v))
                .GroupBy(v => v!)
                .Select(g => $"{g.Key} {g.Count()}")
                .ToList()
            : [];
        if (part.IsGroup && part.Steps.Count(s => draft.AnswerTo(s.Id) is { Skipped: true }) is > 0 and var skipped)
        {
            counts.Add($"Skipped {skipped}");
        }

        var answered = part.Steps.Count(s => draft.AnswerTo(s.Id) is not null);
        var summary = $"{answered} of {part.Steps.Count} answered" + (counts.Count > 0 ? ": " + string.Join(" · ", counts) : "")
            + (part.Steps.Any(missing.Contains) ? " · some still to answer" : "");
        return new ReviewGroupView(part.Id, part.Title, summary, isShown);
    }

    // Each Edit button names its question, so a screen reader's list of buttons is not 31 times "Edit".
    private static string EditTitle(StepDefinition step) =>
        "Edit: " + CardText.Shorten(step.Fields is [{ Label: not "Answer" } only] && !step.Repeatable ? only.Label : step.Text, 60);

    /// <summary>An answer as one line of text for summaries (review card, e-mails).</summary>
    public static string AnswerText(StepDefinition step, StepAnswer? answer) => answer switch
    {
        null => "Not answered yet",
        { Skipped: true } => "Skipped",
        _ when step.Repeatable => answer.Items.Count == 0 ? "None" : string.Join("; ", answer.Items.Select(i => ItemSummary(step, i))),
        _ => string.Join(" · ", step.Fields.Select(f => Display(f, answer.Value(f.Id))).Where(v => v.Length > 0)),
    };
}
