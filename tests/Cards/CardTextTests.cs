using PartnershipBot.Cards;

namespace PartnershipBot.Tests.Cards;

/// <summary>Shortening user text for summaries.</summary>
public sealed class CardTextTests
{
    [Fact]
    public void Shorten_TextThatFits_ReturnedUnchanged()
    {
        Assert.Equal("short answer", CardText.Shorten("short answer", 12));
    }

    [Fact]
    public void Shorten_LongText_CutAtWordWithEllipsisWithinMax()
    {
        var result = CardText.Shorten("The partnership pools funding for after-school sport", 30);

        Assert.Equal("The partnership pools funding…", result);
        Assert.True(result.Length <= 30);
    }

    [Fact]
    public void Shorten_NoSpaceNearTheEnd_CutsMidWord()
    {
        var result = CardText.Shorten("Supercalifragilisticexpialidocious", 10);

        Assert.Equal("Supercali…", result);
    }

    [Fact]
    public void Shorten_CutWouldSplitSurrogatePair_KeepsPairWhole()
    {
        var text = "abcdefgh" + "\U0001F600" + "tail";

        var result = CardText.Shorten(text, 10); // the cut falls inside the emoji

        Assert.Equal("abcdefgh…", result);
        Assert.False(char.IsHighSurrogate(result[^2]));
    }

    [Fact]
    public void Shorten_MaxBelowTwo_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CardText.Shorten("abc", 1));
    }
}
