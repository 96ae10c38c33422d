namespace PartnershipBot.Cards.Views;

/// <summary>
/// One questionnaire step; a single template renders every step of every journey. Subject names the partnership a
/// journey is about (a hallmark assessment, a review), so every question card says which one.
/// </summary>
internal sealed record QuestionStepView(
    string JourneyTitle,
    string? Section,
    string ProgressText,
    string? GroupProgressText,
    string QuestionText,
    string? Guidance,
    string? ValidationMessage,
    string DraftId,
    int Revision,
    string StepId,
    IReadOnlyList<FieldView> Fields,
    IReadOnlyList<ItemView> Items,
    bool CanGoBack,
    bool CanSkip,
    bool CanSkipGroup,
    bool IsRepeatable,
    [property: UserText] string? Subject = null,
    string? ItemsLeftText = null);

/// <summary>An input of a step. Kind is one of the constants below; Value is the saved answer, prefilled.</summary>
internal sealed record FieldView(
    string Id,
    string Label,
    string Kind,
    bool IsRequired,
    string ErrorMessage,
    int? MaxLength,
    [property: UserText] string Value,
    IReadOnlyList<ChoiceView> Choices,
    double? Min,
    double? Max,
    string? Placeholder)
{
    public const string Text = "text";
    public const string LongText = "longText";
    public const string Choice = "choice";
    public const string Number = "number";
    public const string Date = "date";

    /// <summary>Value as a number for Input.Number, which takes a number, not text; null when empty or not numeric.</summary>
    public double? NumberValue =>
        double.TryParse(Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;
}

/// <summary>A choice of a choice input (Yes / Partly / No / Not applicable, Met / Partly / Not met, ...).</summary>
internal sealed record ChoiceView(string Title, string Value);

/// <summary>An entry already added to a repeatable step (e.g. one risk), shown by its summary.</summary>
internal sealed record ItemView([property: UserText] string Summary);
