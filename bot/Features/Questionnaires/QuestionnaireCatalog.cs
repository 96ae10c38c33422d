using System.Diagnostics.CodeAnalysis;

namespace PartnershipBot.Features.Questionnaires;

/// <summary>Every questionnaire definition shipped with the bot, loaded and validated once at start-up.</summary>
internal sealed class QuestionnaireCatalog
{
    private readonly Dictionary<string, QuestionnaireDefinition> _byId;

    public QuestionnaireCatalog(IEnumerable<QuestionnaireDefinition> definitions)
    {
        _byId = new Dictionary<string, QuestionnaireDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in definitions)
        {
            if (!_byId.TryAdd(definition.Id, definition))
            {
                throw new QuestionnaireDefinitionException($"{definition.Id}.json", ["another file defines the same questionnaire id"]);
            }
        }
    }

    /// <summary>All definitions, ordered by id.</summary>
    public IReadOnlyList<QuestionnaireDefinition> All => _byId.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

    /// <summary>Reads and validates every *.json file in <paramref name="directory"/>.</summary>
    /// <exception cref="QuestionnaireDefinitionException">A file is invalid or the folder is missing or empty.</exception>
    public static QuestionnaireCatalog Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new QuestionnaireDefinitionException(directory, ["the questionnaire folder does not exist"]);
        }

        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new QuestionnaireDefinitionException(directory, ["the questionnaire folder holds no *.json files"]);
        }

        return new QuestionnaireCatalog(files.Select(f => QuestionnaireParser.Parse(Path.GetFileName(f), File.ReadAllText(f))));
    }

    /// <summary>The definition with this id; a missing id is a programming error.</summary>
    public QuestionnaireDefinition Get(string id) =>
        _byId.TryGetValue(id, out var definition)
            ? definition
            : throw new KeyNotFoundException($"No questionnaire has the id '{id}'.");

    /// <summary>The definition with this id, if there is one.</summary>
    public bool TryGet(string id, [NotNullWhen(true)] out QuestionnaireDefinition? definition) =>
        _byId.TryGetValue(id, out definition);

    /// <summary>Fails when any of the questionnaires the journeys rely on is absent.</summary>
    /// <exception cref="QuestionnaireDefinitionException">One or more ids are missing.</exception>
    public void Require(IEnumerable<string> ids)
    {
        var missing = ids.Where(id => !_byId.ContainsKey(id)).Select(id => $"questionnaire '{id}' ({id}.json) is missing").ToList();
        if (missing.Count > 0)
        {
            throw new QuestionnaireDefinitionException("Questionnaires", missing);
        }
    }
}
