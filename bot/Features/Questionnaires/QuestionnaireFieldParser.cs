namespace PartnershipBot.Features.Questionnaires;

/// <summary>Parses and checks the fields of one step (the field half of <see cref="QuestionnaireParser"/>).</summary>
internal static class QuestionnaireFieldParser
{
    public static FieldDefinition Map(FieldFile? f, string stepWhere, int index, List<string> problems)
    {
        var where = QuestionnaireParser.IsId(f?.Id) ? $"{stepWhere}, field '{f!.Id}'" : $"{stepWhere}, field #{index + 1}";
        if (f is null)
        {
            problems.Add($"{where}: is empty");
            return new FieldDefinition("", "", FieldKind.Text, false, null, FieldDefinition.DefaultMaxLength, [], null, null);
        }

        if (!QuestionnaireParser.IsId(f.Id))
        {
            problems.Add(QuestionnaireParser.BadId(where, "id"));
        }

        if (string.IsNullOrWhiteSpace(f.Label))
        {
            problems.Add($"{where}: 'label' is missing");
        }

        var kind = ParseKind(f.Kind);
        if (kind is null)
        {
            problems.Add($"{where}: unknown kind '{f.Kind}' (expected {QuestionnaireParser.KindNames})");
        }

        if (f.MaxLength is < 1)
        {
            problems.Add($"{where}: 'maxLength' must be at least 1");
        }

        var choices = f.Choices?.Select(c => c?.Trim() ?? "").ToList() ?? [];
        if (kind == FieldKind.Choice)
        {
            if (choices.Count == 0)
            {
                problems.Add($"{where}: a choice field needs a non-empty 'choices' list");
            }
            else if (choices.Any(c => c.Length == 0))
            {
                problems.Add($"{where}: 'choices' contains an empty choice");
            }
            else if (choices.Distinct(StringComparer.OrdinalIgnoreCase).Count() != choices.Count)
            {
                problems.Add($"{where}: 'choices' lists the same choice twice");
            }
        }
        else if (f.Choices is not null && kind is not null)
        {
            problems.Add($"{where}: 'choices' applies only to choice fields");
        }

        if ((f.Min is not null || f.Max is not null) && kind is not null && kind != FieldKind.Number)
        {
            problems.Add($"{where}: 'min' and 'max' apply only to number fields");
        }
        else if (f.Min > f.Max)
        {
            problems.Add($"{where}: 'min' ({f.Min}) is greater than 'max' ({f.Max})");
        }

        if (f.ConfirmIfPast is true && kind is not null && kind != FieldKind.Date)
        {
            problems.Add($"{where}: 'confirmIfPast' applies only to date fields");
        }

        var requiredWhen = f.RequiredWhen is null
            ? null
            : new RequiredWhen(f.RequiredWhen.Field ?? "", Trimmed(f.RequiredWhen.In), Trimmed(f.RequiredWhen.NotIn));

        return new FieldDefinition(
            f.Id ?? "",
            f.Label?.Trim() ?? "",
            kind ?? FieldKind.Text,
            f.Required ?? false,
            requiredWhen,
            f.MaxLength ?? FieldDefinition.DefaultMaxLength,
            choices,
            f.Min,
            f.Max,
            f.ConfirmIfPast ?? false);
    }

    /// <summary>Checks what needs the whole step: unique field ids and requiredWhen targets.</summary>
    public static void CheckSiblings(List<FieldDefinition> fields, string stepWhere, List<string> problems)
    {
        foreach (var duplicate in fields.GroupBy(f => f.Id).Where(g => g.Key.Length > 0 && g.Count() > 1))
        {
            problems.Add($"{stepWhere}, field '{duplicate.Key}': the id is used by {duplicate.Count()} fields");
        }

        foreach (var field in fields.Where(f => f.RequiredWhen is not null))
        {
            var where = $"{stepWhere}, field '{field.Id}'";
            var condition = field.RequiredWhen!;
            var target = fields.FirstOrDefault(f => f.Id == condition.Field);
            if (target is null || target == field)
            {
                problems.Add($"{where}: 'requiredWhen' refers to '{condition.Field}', which is not another field of this step");
                continue;
            }

            if ((condition.In.Count > 0) == (condition.NotIn.Count > 0))
            {
                problems.Add($"{where}: 'requiredWhen' needs exactly one of 'in' or 'notIn' with at least one value");
                continue;
            }

            var values = condition.In.Count > 0 ? condition.In : condition.NotIn;
            if (values.Any(v => v.Length == 0))
            {
                problems.Add($"{where}: 'requiredWhen' lists an empty value");
            }
            else if (target.Kind == FieldKind.Choice
                && values.FirstOrDefault(v => !target.Choices.Contains(v, StringComparer.OrdinalIgnoreCase)) is { } unknown)
            {
                problems.Add($"{where}: 'requiredWhen' value '{unknown}' is not one of the choices of '{target.Id}'");
            }
        }
    }

    private static FieldKind? ParseKind(string? kind) =>
        Enum.GetValues<FieldKind>().Cast<FieldKind?>()
            .FirstOrDefault(k => string.Equals(k.ToString(), kind, StringComparison.OrdinalIgnoreCase));

    private static List<string> Trimmed(List<string?>? values) => values?.Select(v => v?.Trim() ?? "").ToList() ?? [];
}
