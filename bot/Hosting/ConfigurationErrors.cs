using Microsoft.Extensions.Options;

namespace PartnershipBot.Hosting;

/// <summary>
/// Turns a start-up failure caused by configuration into the list of what is wrong, one line per bad setting,
/// so the bot can say it once and exit with 1 instead of printing the same message in a long stack trace.
/// </summary>
internal static class ConfigurationErrors
{
    public const int ExitCode = 1;

    /// <summary>True when the bot is its own process (dotnet PartnershipBot.dll), not hosted by a test server.</summary>
    public static bool IsOwnProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(ConfigurationErrors).Assembly;

    /// <summary>Every configuration problem inside <paramref name="error"/>, without repeats; empty when it is not about configuration.</summary>
    public static IReadOnlyList<string> From(Exception error)
    {
        var found = new List<string>();
        Collect(error, found);
        return [.. found.Distinct(StringComparer.Ordinal)];
    }

    public static string Describe(IReadOnlyList<string> errors) =>
        $"PartnershipBot cannot start: the configuration is invalid ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}).{Environment.NewLine}"
        + string.Join(Environment.NewLine, errors.Select(e => "  - " + e))
        + $"{Environment.NewLine}Every setting is described in appsettings.sample.json.";

    private static void Collect(Exception? error, List<string> found)
    {
        switch (error)
        {
            case null:
                return;
            case OptionsValidationException validation:
                found.AddRange(validation.Failures.SelectMany(f => f.Split("; ", StringSplitOptions.RemoveEmptyEntries)));
                return;
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, found);
                }

                return;
            case InvalidOperationException binding when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                // The binder names the setting and the value; the type conversion detail is in the inner exception.
                found.Add(binding.Message);
                return;
            default:
                Collect(error.InnerException, found);
                return;
        }
    }
}
