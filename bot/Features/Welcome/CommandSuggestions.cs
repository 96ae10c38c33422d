namespace PartnershipBot.Features.Welcome;

/// <summary>"Did you mean …" for text that is no command: the closest command by edit distance, if close enough.</summary>
internal static class CommandSuggestions
{
    private const int MaxTextLength = 60;

    public static string? Closest(string text, IEnumerable<string> commands)
    {
        var typed = Turns.TurnRouter.Normalize(text);
        if (typed.Length is 0 or > MaxTextLength)
        {
            return null;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var command in commands)
        {
            // A command with arguments typed after it ("registr role HCS") is compared on as many words.
            var words = command.Split(' ').Length;
            var head = string.Join(' ', typed.Split(' ').Take(words));
            var distance = Distance(head, command);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (command, distance);
            }
        }

        // About one slip in three letters: "registr", "my partnership", "audit reprot"; not "hello".
        return best is not null && bestDistance > 0 && bestDistance <= Math.Max(1, best.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    // Two letters swapped ("hlep") is one slip, not two.
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }
            }

            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }

        return previous[b.Length];
    }
}
