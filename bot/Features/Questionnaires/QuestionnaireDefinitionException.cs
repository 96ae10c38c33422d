namespace PartnershipBot.Features.Questionnaires;

/// <summary>Thrown at start-up when a questionnaire file (or the folder) is unusable; the message lists every problem.</summary>
internal sealed class QuestionnaireDefinitionException : Exception
{
    public QuestionnaireDefinitionException(string fileName, IReadOnlyList<string> problems)
        : base(Describe(fileName, problems))
    {
        FileName = fileName;
        Problems = problems;
    }

    /// <summary>The file name (or folder) the problems were found in.</summary>
    public string FileName { get; }

    /// <summary>Each problem, prefixed with the step and field it concerns.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(string fileName, IReadOnlyList<string> problems) =>
        $"Questionnaire definition '{fileName}' is invalid:{Environment.NewLine}"
        + string.Join(Environment.NewLine, problems.Select(p => $"  - {p}"));
}
