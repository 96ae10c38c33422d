using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace PartnershipBot.Features.Questionnaires;

/// <summary>Turns a questionnaire file's JSON into a validated definition, or fails with every problem named.</summary>
internal static partial class QuestionnaireParser
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // A misspelt property ("requird") would otherwise be ignored silently.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    internal const string KindNames = "text, longText, choice, number or date";

    /// <summary>Parses and validates one file; <paramref name="fileName"/> names it in errors and must match its id.</summary>
    public static QuestionnaireDefinition Parse(string fileName, string json)
    {
        QuestionnaireFile? file;
        try
        {
            file = JsonSerializer.Deserialize<QuestionnaireFile>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new QuestionnaireDefinitionException(fileName, [$"not valid JSON: {ex.Message}"]);
        }

        if (file is null)
        {
            throw new QuestionnaireDefinitionException(fileName, ["the file holds no questionnaire"]);
        }

        var problems = new List<string>();
        var definition = Map(file, Path.GetFileNameWithoutExtension(fileName), problems);
        return problems.Count == 0 ? definition : throw new QuestionnaireDefinitionException(fileName, problems);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex IdPattern();

    internal static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    internal static string BadId(string where, string what) =>
        $"{where}: '{what}' is missing or not a valid id (letters, digits, '-' or '_', starting with a letter)";

    private static QuestionnaireDefinition Map(QuestionnaireFile file, string expectedId, List<string> problems)
    {
        const string where = "questionnaire";
        if (!IsId(file.Id))
        {
            problems.Add(BadId(where, "id"));
        }
        else if (file.Id != expectedId)
        {
            problems.Add($"{where}: id '{file.Id}' must match the file name '{expectedId}'");
        }

        if (file.Version is not >= 1)
        {
            problems.Add($"{where}: 'version' must be a whole number of at least 1");
        }

        if (string.IsNullOrWhiteSpace(file.Title))
        {
            problems.Add($"{where}: 'title' is missing");
        }

        var groups = MapGroups(file.Groups, problems);
        var groupIds = groups.Select(g => g.Id).ToHashSet();
        var steps = new List<StepDefinition>();
        if (file.Steps is not { Count: > 0 })
        {
            problems.Add($"{where}: 'steps' must list at least one step");
        }
        else
        {
            for (var i = 0; i < file.Steps.Count; i++)
            {
                steps.Add(MapStep(file.Steps[i], i, groupIds, problems));
            }
        }

        foreach (var duplicate in steps.GroupBy(s => s.Id).Where(g => g.Key.Length > 0 && g.Count() > 1))
        {
            problems.Add($"step '{duplicate.Key}': the id is used by {duplicate.Count()} steps");
        }

        CheckGroupsAreContiguous(groups, steps, problems);

        if (file.TitleStep is not null && steps.FirstOrDefault(s => s.Id == file.TitleStep) is not { Repeatable: false })
        {
            problems.Add($"{where}: 'titleStep' '{file.TitleStep}' is not a (non-repeatable) step of this questionnaire");
        }

        if (file.PartsBySection is true && groups.Count > 0)
        {
            problems.Add($"{where}: 'partsBySection' and 'groups' cannot both be set (the groups are its parts)");
        }

        return new QuestionnaireDefinition(file.Id ?? "", file.Version ?? 0, file.Title?.Trim() ?? "", file.TitleStep, groups, steps,
            file.PartsBySection ?? false);
    }

    private static List<GroupDefinition> MapGroups(List<GroupFile?>? files, List<string> problems)
    {
        var groups = new List<GroupDefinition>();
        for (var i = 0; i < (files?.Count ?? 0); i++)
        {
            var g = files![i];
            var where = IsId(g?.Id) ? $"group '{g!.Id}'" : $"group #{i + 1}";
            if (!IsId(g?.Id))
            {
                problems.Add(BadId(where, "id"));
            }
            else if (groups.Any(x => x.Id == g!.Id))
            {
                problems.Add($"{where}: the id is declared twice");
            }

            if (string.IsNullOrWhiteSpace(g?.Title))
            {
                problems.Add($"{where}: 'title' is missing");
            }

            groups.Add(new GroupDefinition(g?.Id ?? "", g?.Title?.Trim() ?? ""));
        }

        return groups;
    }

    private static void CheckGroupsAreContiguous(List<GroupDefinition> groups, List<StepDefinition> steps, List<string> problems)
    {
        foreach (var group in groups.Where(g => g.Id.Length > 0))
        {
            var indexes = steps.Select((s, i) => (s, i)).Where(x => x.s.Group == group.Id).Select(x => x.i).ToList();
            if (indexes.Count == 0)
            {
                problems.Add($"group '{group.Id}': no step belongs to it");
            }
            else if (indexes[^1] - indexes[0] + 1 != indexes.Count)
            {
                // "Skip this group" moves past the group, so its steps must follow one another.
                problems.Add($"group '{group.Id}': its steps must follow one another, but other steps come between them");
            }
        }
    }

    private static StepDefinition MapStep(StepFile? s, int index, HashSet<string> groupIds, List<string> problems)
    {
        var where = IsId(s?.Id) ? $"step '{s!.Id}'" : $"step #{index + 1}";
        if (s is null)
        {
            problems.Add($"{where}: is empty");
            return new StepDefinition("", "", null, "", null, false, false, 0, []);
        }

        if (!IsId(s.Id))
        {
            problems.Add(BadId(where, "id"));
        }
        else if (s.Id == QuestionnaireEngine.ReviewStepId)
        {
            problems.Add($"{where}: the id '{QuestionnaireEngine.ReviewStepId}' is reserved for the review screen");
        }

        if (string.IsNullOrWhiteSpace(s.Section))
        {
            problems.Add($"{where}: 'section' is missing");
        }

        if (string.IsNullOrWhiteSpace(s.Text))
        {
            problems.Add($"{where}: 'text' is missing");
        }

        if (s.Group is not null && !groupIds.Contains(s.Group))
        {
            problems.Add($"{where}: group '{s.Group}' is not declared in 'groups'");
        }

        var repeatable = s.Repeatable ?? false;
        if (s.MinItems is < 0)
        {
            problems.Add($"{where}: 'minItems' cannot be negative");
        }
        else if (!repeatable && s.MinItems is > 0)
        {
            problems.Add($"{where}: 'minItems' applies only to repeatable steps");
        }

        if (s.MaxItems is { } maxItems)
        {
            if (!repeatable)
            {
                problems.Add($"{where}: 'maxItems' applies only to repeatable steps");
            }
            else if (maxItems < Math.Max(1, s.MinItems ?? 0) || maxItems > StepDefinition.MaxItemsLimit)
            {
                problems.Add($"{where}: 'maxItems' must be from {Math.Max(1, s.MinItems ?? 0)} ('minItems', at least 1) to {StepDefinition.MaxItemsLimit}");
            }
        }

        var fields = new List<FieldDefinition>();
        if (s.Fields is not { Count: > 0 })
        {
            problems.Add($"{where}: 'fields' must list at least one field");
        }
        else
        {
            for (var i = 0; i < s.Fields.Count; i++)
            {
                fields.Add(QuestionnaireFieldParser.Map(s.Fields[i], where, i, problems));
            }

            QuestionnaireFieldParser.CheckSiblings(fields, where, problems);
        }

        return new StepDefinition(
            s.Id ?? "",
            s.Section?.Trim() ?? "",
            s.Group,
            s.Text?.Trim() ?? "",
            string.IsNullOrWhiteSpace(s.Guidance) ? null : s.Guidance.Trim(),
            s.Optional ?? false,
            repeatable,
            s.MinItems ?? 0,
            fields,
            s.MaxItems ?? StepDefinition.DefaultMaxItems);
    }
}
