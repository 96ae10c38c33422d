namespace PartnershipBot.Features.Questionnaires;

/// <summary>A validated questionnaire loaded from a data file: its steps in the order they are asked.</summary>
internal sealed record QuestionnaireDefinition(
    string Id,
    int Version,
    string Title,
    string? TitleStep,
    IReadOnlyList<GroupDefinition> Groups,
    IReadOnlyList<StepDefinition> Steps,
    bool PartsBySection = false)
{
    /// <summary>The step with this id, or null when the questionnaire has none.</summary>
    public StepDefinition? FindStep(string stepId) => Steps.FirstOrDefault(s => s.Id == stepId);

    /// <summary>The zero-based position of a step, or -1 when it is not part of this questionnaire.</summary>
    public int IndexOf(string stepId)
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            if (Steps[i].Id == stepId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The group with this id, or null.</summary>
    public GroupDefinition? FindGroup(string groupId) => Groups.FirstOrDefault(g => g.Id == groupId);

    /// <summary>The steps of one group, in order (groups are contiguous, the loader checks it).</summary>
    public IReadOnlyList<StepDefinition> StepsIn(string groupId) => Steps.Where(s => s.Group == groupId).ToList();

    /// <summary>
    /// The parts a long questionnaire is shown in, for progress and the review: its groups when it declares any (the
    /// six hallmarks), else its sections when it asks for that ("partsBySection": the new partnership's four parts of
    /// the guidance, "Part 2 of 4"), else none. Section parts are numbered "part-1", "part-2"… in the order the sections first appear.
    /// </summary>
    public IReadOnlyList<QuestionnairePart> Parts()
    {
        if (Groups.Count > 0)
        {
            return Groups.Select(g => new QuestionnairePart(g.Id, g.Title, StepsIn(g.Id), IsGroup: true)).ToList();
        }

        var sections = Steps.Select(s => s.Section).Distinct(StringComparer.Ordinal).ToList();
        return !PartsBySection || sections.Count < 2
            ? []
            : sections.Select((title, i) => new QuestionnairePart(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"part-{i + 1}"), title,
                Steps.Where(s => s.Section == title).ToList(), IsGroup: false)).ToList();
    }
}

/// <summary>A run of steps shown together: a declared group (a hallmark) or a section (a part of the guidance).</summary>
internal sealed record QuestionnairePart(string Id, string Title, IReadOnlyList<StepDefinition> Steps, bool IsGroup);

/// <summary>A named run of steps (a hallmark) so progress can be shown per group.</summary>
internal sealed record GroupDefinition(string Id, string Title);

/// <summary>One question card: its text and the fields that answer it. The first field is the primary one.</summary>
internal sealed record StepDefinition(
    string Id,
    string Section,
    string? Group,
    string Text,
    string? Guidance,
    bool Optional,
    bool Repeatable,
    int MinItems,
    IReadOnlyList<FieldDefinition> Fields,
    int MaxItems = StepDefinition.DefaultMaxItems)
{
    /// <summary>Items a repeatable step holds when its definition does not say ("maxItems").</summary>
    public const int DefaultMaxItems = 30;

    /// <summary>The largest "maxItems" a definition may set.</summary>
    public const int MaxItemsLimit = 100;

    /// <summary>Characters one item can take at most (every field at its limit).</summary>
    public int MaxItemCharacters => Fields.Sum(f => f.MaxLength);

    /// <summary>The field a plain typed message answers.</summary>
    public FieldDefinition Primary => Fields[0];

    /// <summary>How many items a repeatable step needs before it counts as answered.</summary>
    public int MinimumItems => Optional ? MinItems : Math.Max(1, MinItems);
}

/// <summary>
/// One input on a step, with the rules its value must meet. <see cref="ConfirmIfPast"/> (dates only): a date before
/// today is asked about ("Is that date right?") before it is saved, e.g. a proposed start date.
/// </summary>
internal sealed record FieldDefinition(
    string Id,
    string Label,
    FieldKind Kind,
    bool Required,
    RequiredWhen? RequiredWhen,
    int MaxLength,
    IReadOnlyList<string> Choices,
    int? Min,
    int? Max,
    bool ConfirmIfPast = false)
{
    /// <summary>The length limit when a field does not set one.</summary>
    public const int DefaultMaxLength = 4000;
}

/// <summary>
/// Makes a field required depending on another field of the same step:
/// when that field's value is one of <see cref="In"/>, or is not one of <see cref="NotIn"/> (empty counts as "not in").
/// Exactly one of the two lists is non-empty.
/// </summary>
internal sealed record RequiredWhen(string Field, IReadOnlyList<string> In, IReadOnlyList<string> NotIn)
{
    /// <summary>Whether the condition holds for the other field's (trimmed) value.</summary>
    public bool IsMet(string otherValue) =>
        In.Count > 0
            ? In.Contains(otherValue, StringComparer.OrdinalIgnoreCase)
            : !NotIn.Contains(otherValue, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The input kinds a field can have; <see cref="Number"/> is a whole number, <see cref="Date"/> is yyyy-MM-dd.</summary>
internal enum FieldKind
{
    Text,
    LongText,
    Choice,
    Number,
    Date,
}
