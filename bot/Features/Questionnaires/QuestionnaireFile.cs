namespace PartnershipBot.Features.Questionnaires;

// The shape of a questionnaire data file as written by people: everything optional, so the parser can
// report every missing or wrong value by name instead of failing on the first one.

/// <summary>A questionnaire data file as read from JSON, before validation.</summary>
internal sealed record QuestionnaireFile(
    string? Id,
    int? Version,
    string? Title,
    string? TitleStep,
    List<GroupFile?>? Groups,
    List<StepFile?>? Steps,
    bool? PartsBySection = null);

/// <summary>A group as read from JSON.</summary>
internal sealed record GroupFile(string? Id, string? Title);

/// <summary>A step as read from JSON.</summary>
internal sealed record StepFile(
    string? Id,
    string? Section,
    string? Group,
    string? Text,
    string? Guidance,
    bool? Optional,
    bool? Repeatable,
    int? MinItems,
    List<FieldFile?>? Fields,
    int? MaxItems = null);

/// <summary>A field as read from JSON.</summary>
internal sealed record FieldFile(
    string? Id,
    string? Label,
    string? Kind,
    bool? Required,
    RequiredWhenFile? RequiredWhen,
    int? MaxLength,
    List<string?>? Choices,
    int? Min,
    int? Max,
    bool? ConfirmIfPast = null);

/// <summary>A requiredWhen condition as read from JSON.</summary>
internal sealed record RequiredWhenFile(string? Field, List<string?>? In, List<string?>? NotIn);
