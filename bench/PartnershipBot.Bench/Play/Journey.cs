using System.Diagnostics;
using System.Text.Json;

namespace PartnershipBot.Bench.Play;

/// <summary>What a turn was, for latencies by kind: the turns that do more work (opening, submit) are a few in each journey.</summary>
internal enum TurnKind
{
    Opening,
    Click,
    Typed,
    Submit,
}

/// <summary>One turn of a journey as the user experienced it.</summary>
internal readonly record struct TurnRecord(bool Succeeded, long ElapsedTicks, string? Error, TurnKind Kind = TurnKind.Click);

/// <summary>
/// One simulated user's new-partnership journey: the opening message, then one card button after another until
/// the card after Submit offers no way forward. Keeps the card the user has in front of them, so after a failed
/// turn (e.g. the bot was killed) the journey goes on from that card, as a person would click it again.
/// </summary>
internal sealed class Journey(IBotChannel channel, TeamsActivities user, CardPlayer player, bool typeAnswers = false)
{
    public const string OpeningText = "new partnership";
    private const int MaxRefusedInARow = 3;
    private const int MaxTurns = 200;

    /// <summary>The title of the bot's "a turn failed" card (Turns/TurnErrors).</summary>
    private const string ErrorCardText = "Something went wrong";
    private readonly List<string> _acknowledgedTokens = [];
    private int _refusedInARow;
    private Click? _unanswered;

    public TeamsActivities User => user;

    /// <summary>The card the user is looking at; null before the opening message was answered.</summary>
    public JsonElement? Card { get; private set; }

    public bool Completed { get; private set; }

    /// <summary>Why the journey cannot go on (a card with no way forward, too many refusals); null while it can.</summary>
    public string? Failure { get; private set; }

    public bool IsOver => Completed || Failure is not null;

    public int Turns { get; private set; }

    /// <summary>Turns that succeeded and moved the draft on (answers stored).</summary>
    public int Steps { get; private set; }

    /// <summary>Turns answered with the same draft revision: input refused or a stale card.</summary>
    public int Refused { get; private set; }

    /// <summary>Tokens of text answers the bot acknowledged by moving the draft on: each must be in the database.</summary>
    public IReadOnlyList<string> AcknowledgedTokens => _acknowledgedTokens;

    /// <summary>Every draft id this journey's cards carried (for ownership checks).</summary>
    public HashSet<string> DraftIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Plays one turn: the opening message, or the next click on the current card.</summary>
    public async Task<TurnRecord> StepAsync(CancellationToken cancellationToken)
    {
        if (IsOver)
        {
            throw new InvalidOperationException("The journey is over.");
        }

        if (++Turns > MaxTurns)
        {
            return Fail($"no end after {MaxTurns} turns");
        }

        if (Card is not { } card)
        {
            var start = Stopwatch.GetTimestamp();
            var opened = await channel.SayAsync(user, user.Message(OpeningText), cancellationToken);
            var elapsed = Stopwatch.GetTimestamp() - start;
            if (!opened.Succeeded || opened.Card is not { } first)
            {
                return new TurnRecord(false, elapsed, opened.Error ?? $"the opening message got no card (status {opened.Status}, text '{opened.Text}')", TurnKind.Opening);
            }

            Show(first);
            return new TurnRecord(true, elapsed, null, TurnKind.Opening);
        }

        if (typeAnswers && _unanswered is null && player.Typed(card) is { } typed)
        {
            return await TypeAsync(typed.Text, typed.Token, typed.State, cancellationToken);
        }

        // A click that got no answer is clicked again with the same inputs, as a person would on the card still shown.
        if ((_unanswered ?? player.Next(card)) is not { } click)
        {
            return Fail("the card offers no way forward: " + Describe(card));
        }

        var kind = player.Submitted ? TurnKind.Submit : TurnKind.Click;
        var began = Stopwatch.GetTimestamp();
        var outcome = await channel.InvokeAsync(user, user.Invoke(click.Verb, click.Data.DeepClone().AsObject()), cancellationToken);
        var took = Stopwatch.GetTimestamp() - began;
        if (!outcome.Succeeded || outcome.Card is not { } next)
        {
            _unanswered = click;
            return new TurnRecord(false, took, outcome.Error ?? $"'{click.Title}' got status {outcome.Status} and no card", kind);
        }

        if (next.GetRawText().Contains(ErrorCardText, StringComparison.Ordinal))
        {
            _unanswered = click;
            return new TurnRecord(false, took, $"'{click.Title}' got the error card", kind);
        }

        _unanswered = null;

        var after = CardPlayer.StateOf(next);
        Show(next);
        if (player.Submitted && !player.OffersWayForward(next))
        {
            Completed = true;
            Steps++;
            return new TurnRecord(true, took, null, kind);
        }

        if (click.State.MovedOnTo(after))
        {
            Steps++;
            _refusedInARow = 0;
            _acknowledgedTokens.AddRange(click.Tokens);
        }
        else
        {
            Refused++;
            if (++_refusedInARow >= MaxRefusedInARow)
            {
                Failure = $"'{click.Title}' was refused {MaxRefusedInARow} times in a row: " + Describe(next);
            }
        }

        return new TurnRecord(true, took, null, kind);
    }

    private async Task<TurnRecord> TypeAsync(string text, string token, CardState before, CancellationToken cancellationToken)
    {
        var began = Stopwatch.GetTimestamp();
        var outcome = await channel.SayAsync(user, user.Message(text), cancellationToken);
        var took = Stopwatch.GetTimestamp() - began;
        if (!outcome.Succeeded || outcome.Card is not { } next)
        {
            return new TurnRecord(false, took, outcome.Error ?? $"a typed answer got no card (status {outcome.Status}, text '{outcome.Text}')", TurnKind.Typed);
        }

        Show(next);
        if (before.MovedOnTo(CardPlayer.StateOf(next)))
        {
            Steps++;
            _acknowledgedTokens.Add(token);
        }
        else
        {
            Refused++;
        }

        return new TurnRecord(true, took, null, TurnKind.Typed);
    }

    /// <summary>Plays turns until the journey is over or a turn fails; returns the failed turn's error, if any.</summary>
    public async Task<string?> RunAsync(Action<TurnRecord>? record, CancellationToken cancellationToken)
    {
        while (!IsOver)
        {
            var turn = await StepAsync(cancellationToken);
            record?.Invoke(turn);
            if (!turn.Succeeded)
            {
                return turn.Error;
            }
        }

        return Failure;
    }

    private void Show(JsonElement card)
    {
        Card = card;
        if (CardPlayer.StateOf(card).DraftId is { } draftId)
        {
            DraftIds.Add(draftId);
        }
    }

    private TurnRecord Fail(string why)
    {
        Failure = why;
        return new TurnRecord(false, 0, why);
    }

    /// <summary>A short text of the card for error messages (never the whole card).</summary>
    private static string Describe(JsonElement card)
    {
        var text = card.GetRawText();
        return text.Length <= 400 ? text : text[..400] + "…";
    }
}
