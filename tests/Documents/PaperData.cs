using System.Globalization;
using PartnershipBot.Features.Approvals;
using PartnershipBot.Features.Questionnaires;
using PartnershipBot.Tests.Features.Questionnaires;

namespace PartnershipBot.Tests.Documents;

/// <summary>Fully answered drafts with a distinct, hostile text in every answer, so a test can look for each one.</summary>
internal static class PaperData
{
    /// <summary>Text that would be markup, a field, a formula or invalid XML if it were not written as plain text.</summary>
    public const string Hostile = "<w:fldSimple w:instr=\"DATE\"/> =HYPERLINK(\"http://x\") & { MERGEFIELD } \u0001";

    public static readonly DateTimeOffset SubmittedAt = new(2026, 11, 2, 10, 30, 0, TimeSpan.Zero);

    /// <summary>The text stored for one field: unique per step, field and item, with the hostile tail.</summary>
    public static string TextFor(string stepId, string fieldId, int item = 0) => $"Answer {stepId}/{fieldId}#{item} {Hostile}";

    /// <summary>What a reader sees of <see cref="TextFor"/> once invalid XML characters are dropped.</summary>
    public static string Visible(string text) => text.Replace("\u0001", "", StringComparison.Ordinal);

    public static Draft Answered(QuestionnaireDefinition definition, Func<StepDefinition, bool>? unanswered = null, int risks = 3, string suffix = "")
    {
        var answers = new Dictionary<string, StepAnswer>();
        foreach (var step in definition.Steps.Where(s => unanswered is null || !unanswered(s)))
        {
            if (step.Repeatable)
            {
                var items = Enumerable.Range(0, risks).Select(i => (IReadOnlyDictionary<string, string>)step.Fields.ToDictionary(f => f.Id, f => Value(step, f, i, suffix))).ToList();
                answers[step.Id] = new StepAnswer(new Dictionary<string, string>(), items, false, definition.Version, TestQuestionnaires.Alice, SubmittedAt);
            }
            else
            {
                answers[step.Id] = new StepAnswer(step.Fields.ToDictionary(f => f.Id, f => Value(step, f, 0, suffix)), [], false, definition.Version, TestQuestionnaires.Alice, SubmittedAt);
            }
        }

        return new Draft("draft-" + definition.Id + suffix, definition.Id, definition.Version, TestQuestionnaires.Alice.Id, TestQuestionnaires.Alice.Name,
            null, "Safer Streets <Partnership>", DraftStatus.Submitted, QuestionnaireEngine.ReviewStepId, answers, [], 10, SubmittedAt, SubmittedAt, SubmittedAt);
    }

    private static string Value(StepDefinition step, FieldDefinition field, int item, string suffix) => field.Kind switch
    {
        FieldKind.Choice => field.Choices[item % field.Choices.Count],
        FieldKind.Number => ((field.Min ?? 1) + item % 5).ToString(CultureInfo.InvariantCulture),
        FieldKind.Date => "2027-04-01",
        _ => TextFor(step.Id, field.Id, item) + suffix,
    };

    public static Submission Submission(Draft draft, int version = 1, IReadOnlyList<DecisionRecord>? decisions = null) => new(
        draft.Id, draft.Id, version, TestQuestionnaires.Alice, draft.Title!, SubmissionStatus.UnderReview, "aad-dh", ["aad-sam"],
        decisions ?? [], [new GuidanceComment(new Actor("aad-pat", "Pat PPM"), "Guidance " + Hostile, SubmittedAt.AddHours(1), null)],
        [], version > 1 ? ["draft-previous"] : [], SubmittedAt, 3);
}
