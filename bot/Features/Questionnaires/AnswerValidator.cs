using System.Globalization;

namespace PartnershipBot.Features.Questionnaires;

/// <summary>Checks submitted values against a step's fields: trims them, spells choices as defined, and names every problem.</summary>
internal static class AnswerValidator
{
    /// <summary>The format dates are stored in (what Input.Date sends); typed dates are read by <see cref="UkDate"/>.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Validates the values for <paramref name="fields"/>; values for other keys are ignored.</summary>
    public static ValidatedValues Validate(IReadOnlyList<FieldDefinition> fields, IReadOnlyDictionary<string, string> submitted)
    {
        var trimmed = new Dictionary<string, string>();
        foreach (var field in fields)
        {
            // Card payloads can carry JSON nulls even though the type says otherwise.
            var value = submitted.GetValueOrDefault(field.Id)?.Trim() ?? "";
            if (value.Length > 0)
            {
                trimmed[field.Id] = value;
            }
        }

        var values = new Dictionary<string, string>();
        var errors = new List<InputError>();
        foreach (var field in fields)
        {
            if (!trimmed.TryGetValue(field.Id, out var raw))
            {
                if (MissingMessage(field, fields, trimmed) is { } missing)
                {
                    errors.Add(new InputError(field.Id, missing));
                }

                continue;
            }

            var (value, error) = Check(field, raw);
            if (error is null)
            {
                values[field.Id] = value;
            }
            else
            {
                errors.Add(new InputError(field.Id, error));
            }
        }

        return new ValidatedValues(values, trimmed, errors);
    }

    /// <summary>Whether nothing at all was entered for these fields (e.g. the blank "add a risk" form on Next).</summary>
    public static bool IsBlank(IReadOnlyList<FieldDefinition> fields, IReadOnlyDictionary<string, string> submitted) =>
        fields.All(f => string.IsNullOrWhiteSpace(submitted.GetValueOrDefault(f.Id)));

    private static string? MissingMessage(FieldDefinition field, IReadOnlyList<FieldDefinition> fields, Dictionary<string, string> trimmed)
    {
        if (field.Required)
        {
            return $"{field.Label} is required.";
        }

        if (field.RequiredWhen is not { } condition)
        {
            return null;
        }

        var other = trimmed.GetValueOrDefault(condition.Field, "");
        if (!condition.IsMet(other))
        {
            return null;
        }

        var otherLabel = fields.FirstOrDefault(f => f.Id == condition.Field)?.Label ?? condition.Field;
        return condition.In.Count > 0
            ? $"Please fill in \"{field.Label}\": it is needed because {otherLabel} is \"{other}\"."
            : $"Please fill in \"{field.Label}\": it is needed unless {otherLabel} is {string.Join(" or ", condition.NotIn.Select(v => $"\"{v}\""))}.";
    }

    private static (string Value, string? Error) Check(FieldDefinition field, string raw)
    {
        if (raw.Length > field.MaxLength)
        {
            return (raw, string.Create(
                CultureInfo.InvariantCulture,
                $"{field.Label} is too long: {raw.Length:N0} characters, the limit is {field.MaxLength:N0}."));
        }

        switch (field.Kind)
        {
            case FieldKind.Number:
                if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    return (raw, $"{field.Label} must be a whole number.");
                }

                return field.Min > number || field.Max < number
                    ? (raw, $"{field.Label} must be {RangeText(field)}.")
                    : (number.ToString(CultureInfo.InvariantCulture), null);

            case FieldKind.Date:
                // Stored as ISO (what Input.Date shows); typed in any usual UK form.
                return UkDate.TryParse(raw, out var date)
                    ? (date.ToString(DateFormat, CultureInfo.InvariantCulture), null)
                    : (raw, $"{field.Label} must be a date, for example 31 March 2025 or 31/03/2025.");

            case FieldKind.Choice:
                var choice = field.Choices.FirstOrDefault(c => string.Equals(c, raw, StringComparison.OrdinalIgnoreCase));
                return choice is null
                    ? (raw, $"{field.Label} must be one of: {string.Join(", ", field.Choices)}.")
                    : (choice, null);

            default:
                return (raw, null);
        }
    }

    private static string RangeText(FieldDefinition field) => (field.Min, field.Max) switch
    {
        ({ } min, { } max) => string.Create(CultureInfo.InvariantCulture, $"between {min} and {max}"),
        ({ } min, null) => string.Create(CultureInfo.InvariantCulture, $"at least {min}"),
        (null, { } max) => string.Create(CultureInfo.InvariantCulture, $"at most {max}"),
        _ => "a whole number",
    };
}

/// <summary>
/// The outcome of validating a step's values: <see cref="Values"/> ready to save (non-empty, normalised),
/// <see cref="Submitted"/> as typed (trimmed, non-empty) for showing again, and any errors.
/// </summary>
internal sealed record ValidatedValues(
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> Submitted,
    IReadOnlyList<InputError> Errors)
{
    /// <summary>Whether the values can be saved.</summary>
    public bool IsValid => Errors.Count == 0;
}
