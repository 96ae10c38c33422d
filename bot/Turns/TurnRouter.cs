using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PartnershipBot.Turns;

/// <summary>Handles a typed command; <c>arguments</c> is the text after the command words.</summary>
internal delegate Task CommandHandler(TurnContext turn, string arguments, CancellationToken cancellationToken);

/// <summary>Handles a card button; returns the card that replaces the clicked one.</summary>
internal delegate Task<JsonObject> CardActionHandler(TurnContext turn, CardAction action, CancellationToken cancellationToken);

/// <summary>Offered any message that is not a command (e.g. a typed answer); returns false to pass.</summary>
internal delegate Task<bool> TextHandler(TurnContext turn, string text, CancellationToken cancellationToken);

/// <summary>Handles a turn that needs no input, e.g. the welcome on install.</summary>
internal delegate Task EventHandler(TurnContext turn, CancellationToken cancellationToken);

/// <summary>
/// Routes by command text and by card verb. Registration throws on duplicates so two features cannot
/// silently claim the same command or verb.
/// </summary>
internal sealed partial class TurnRouter
{
    private readonly List<(string Command, string Description, CommandHandler Handler)> _commands = [];
    private readonly Dictionary<string, CardActionHandler> _verbs = new(StringComparer.Ordinal);
    private readonly List<TextHandler> _textHandlers = [];

    /// <summary>The typed commands the bot understands, as the Teams manifest's command list must show them.</summary>
    public IReadOnlyList<(string Command, string Description)> Commands => _commands.Select(c => (c.Command, c.Description)).ToList();

    public IReadOnlyCollection<string> Verbs => _verbs.Keys;

    public EventHandler? OnWelcome { get; private set; }

    public CommandHandler? OnUnknownText { get; private set; }

    public TurnRouter Command(string command, string description, CommandHandler handler)
    {
        var normalized = Normalize(command);
        if (_commands.Any(c => c.Command == normalized))
        {
            throw new InvalidOperationException($"The command '{normalized}' is routed twice.");
        }

        _commands.Add((normalized, description, handler));
        // Longest first, so "my partnerships" wins over a shorter command that prefixes it.
        _commands.Sort((a, b) => b.Command.Length.CompareTo(a.Command.Length));
        return this;
    }

    public TurnRouter Verb(string verb, CardActionHandler handler)
    {
        if (!_verbs.TryAdd(verb, handler))
        {
            throw new InvalidOperationException($"The card verb '{verb}' is routed twice.");
        }

        return this;
    }

    public TurnRouter Text(TextHandler handler)
    {
        _textHandlers.Add(handler);
        return this;
    }

    public TurnRouter Welcome(EventHandler handler)
    {
        OnWelcome = handler;
        return this;
    }

    public TurnRouter Unknown(CommandHandler handler)
    {
        OnUnknownText = handler;
        return this;
    }

    public CardActionHandler? FindVerb(string verb) => _verbs.GetValueOrDefault(verb);

    public IReadOnlyList<TextHandler> TextHandlers => _textHandlers;

    /// <summary>Finds the command a message starts with; the rest of the text is its arguments.</summary>
    public (CommandHandler Handler, string Arguments)? FindCommand(string? text)
    {
        var cleaned = Clean(text ?? "");
        var normalized = cleaned.ToLowerInvariant();
        foreach (var (command, _, handler) in _commands)
        {
            if (normalized == command)
            {
                return (handler, "");
            }

            // Arguments keep the user's casing (e.g. a partnership name).
            if (normalized.StartsWith(command + " ", StringComparison.Ordinal))
            {
                return (handler, cleaned[(command.Length + 1)..].Trim());
            }
        }

        return null;
    }

    /// <summary>Lower-case, mentions of the bot removed, whitespace collapsed.</summary>
    public static string Normalize(string text) => Clean(text).ToLowerInvariant();

    private static string Clean(string text) =>
        Whitespace().Replace(MentionTag().Replace(text, " "), " ").Trim().TrimEnd('.', '!', '?').Trim();

    [GeneratedRegex("<at>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex MentionTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
