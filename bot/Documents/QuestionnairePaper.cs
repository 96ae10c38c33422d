using System.Globalization;
using PartnershipBot.Features.Questionnaires;

namespace PartnershipBot.Documents;

/// <summary>
/// Writes a questionnaire's answers into a paper, as the questionnaire is laid out (one Heading 1 per section, every
/// question in order, "Not answered" said plainly). Sections of rated checks (a choice then a comment, like the six
/// s.3.1 checks) become one table; repeatable steps (risks) become a table with one row per item, risks rated on the
/// council's 5×5 matrix. With an earlier version, changed answers are marked and keep their previous value.
/// </summary>
internal static class QuestionnairePaper
{
    public const string NotAnswered = "Not answered";
    public const string ChangedMark = "Changed since the last version";

    public static void Write(WordDocument paper, QuestionnaireDefinition definition, Draft draft, Draft? previous = null)
    {
        foreach (var section in definition.Steps.GroupBy(s => s.Section))
        {
            paper.Heading(1, section.Key);
            var steps = section.ToList();
            if (steps.All(IsRatedCheck))
            {
                WriteChecks(paper, steps, draft, previous);
                continue;
            }

            foreach (var step in steps)
            {
                WriteStep(paper, step, draft, previous);
            }
        }
    }

    /// <summary>Whether a step is a rating with a comment (a choice, then a long text).</summary>
    private static bool IsRatedCheck(StepDefinition step) =>
        !step.Repeatable && step.Fields.Count == 2 && step.Fields[0].Kind == FieldKind.Choice && step.Fields[1].Kind == FieldKind.LongText;

    private static void WriteChecks(WordDocument paper, IReadOnlyList<StepDefinition> steps, Draft draft, Draft? previous)
    {
        var first = steps[0];
        var headers = new List<string> { "Check", first.Fields[0].Label, first.Fields[1].Label };
        var marks = previous is not null;
        if (marks)
        {
            headers.Add("Changes");
        }

        paper.Table(headers, steps.Select(step =>
        {
            var answer = draft.AnswerTo(step.Id);
            var row = new List<string>
            {
                step.Text,
                FieldText(answer, step.Fields[0]),
                answer is null ? "" : answer.Value(step.Fields[1].Id),
            };
            if (marks)
            {
                row.Add(Change(step, answer, previous!.AnswerTo(step.Id)) ?? "");
            }

            return (IReadOnlyList<string>)row;
        }));
    }

    private static void WriteStep(WordDocument paper, StepDefinition step, Draft draft, Draft? previous)
    {
        paper.Heading(2, step.Text);
        var answer = draft.AnswerTo(step.Id);
        if (step.Repeatable)
        {
            WriteItems(paper, step, answer);
        }
        else if (answer is null || answer.Skipped)
        {
            paper.Paragraph(answer is null ? NotAnswered : "Skipped");
        }
        else if (step.Fields.Count == 1)
        {
            paper.Paragraph(FieldText(answer, step.Primary));
        }
        else
        {
            foreach (var field in step.Fields.Where(f => answer.Value(f.Id).Length > 0 || f.Required))
            {
                paper.Labelled(field.Label, FieldText(answer, field));
            }
        }

        if (previous is not null && Change(step, answer, previous.AnswerTo(step.Id)) is { } change)
        {
            paper.Labelled(ChangedMark, change);
        }
    }

    private static void WriteItems(WordDocument paper, StepDefinition step, StepAnswer? answer)
    {
        if (answer is null || answer.Items.Count == 0)
        {
            paper.Paragraph(answer?.Skipped == true ? "Skipped" : NotAnswered);
            return;
        }

        var rated = step.Fields.Any(f => f.Id == RiskRating.LikelihoodField) && step.Fields.Any(f => f.Id == RiskRating.ImpactField);
        var headers = step.Fields.Select(f => f.Label).ToList();
        if (rated)
        {
            headers.Add("Rating");
        }

        paper.Table(headers, answer.Items.Select(item =>
        {
            var row = step.Fields.Select(f => item.GetValueOrDefault(f.Id, "")).ToList();
            if (rated)
            {
                row.Add(Rating(item));
            }

            return (IReadOnlyList<string>)row;
        }));
        if (rated && Overall(answer.Items) is { } overall)
        {
            paper.Labelled("Overall risk rating", overall.ToString());
        }
    }

    /// <summary>"12 (Medium)" from a risk item, or "" when its likelihood or impact is not a number from 1 to 5.</summary>
    public static string Rating(IReadOnlyDictionary<string, string> item) =>
        Score(item) is { } score ? $"{score} ({RiskRating.Band(score)})" : "";

    /// <summary>The highest band among the rated items.</summary>
    public static RiskBand? Overall(IEnumerable<IReadOnlyDictionary<string, string>> items) =>
        RiskRating.Overall(items.Select(Score).OfType<int>().Select(RiskRating.Band));

    private static int? Score(IReadOnlyDictionary<string, string> item) =>
        LeadingNumber(item.GetValueOrDefault(RiskRating.LikelihoodField, "")) is { } l and >= 1 and <= 5
        && LeadingNumber(item.GetValueOrDefault(RiskRating.ImpactField, "")) is { } i and >= 1 and <= 5
            ? RiskRating.Score(l, i)
            : null;

    /// <summary>The number a value starts with ("4" or "4 – Likely"), so labelled choices rate as plain numbers do.</summary>
    private static int? LeadingNumber(string value)
    {
        var digits = new string(value.TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static string FieldText(StepAnswer? answer, FieldDefinition field)
    {
        if (answer is null)
        {
            return NotAnswered;
        }

        var value = answer.Value(field.Id);
        if (value.Length == 0)
        {
            return answer.Skipped ? "Skipped" : NotAnswered;
        }

        return field.Kind == FieldKind.Date && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? UkDate.Day(date)
            : value;
    }

    /// <summary>"Previously: …" when the answer differs from the earlier version's, else null.</summary>
    private static string? Change(StepDefinition step, StepAnswer? now, StepAnswer? before)
    {
        var nowText = Flatten(step, now);
        var beforeText = Flatten(step, before);
        return string.Equals(nowText, beforeText, StringComparison.Ordinal)
            ? null
            : "Previously: " + (beforeText.Length == 0 ? NotAnswered : beforeText);
    }

    private static string Flatten(StepDefinition step, StepAnswer? answer)
    {
        if (answer is null || answer.Skipped)
        {
            return "";
        }

        if (step.Repeatable)
        {
            return string.Join("\n", answer.Items.Select(item => string.Join(" · ", step.Fields.Select(f => item.GetValueOrDefault(f.Id, "")))));
        }

        return string.Join("\n", step.Fields.Select(f => answer.Value(f.Id)).Where(v => v.Length > 0));
    }
}
