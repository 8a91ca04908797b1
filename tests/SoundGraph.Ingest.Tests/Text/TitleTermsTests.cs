using SoundGraph.Ingest.Text;

namespace SoundGraph.Ingest.Tests.Text;

public class TitleTermsTests
{
    [Theory]
    [InlineData("Calvin Harris - Feels (feat. Pharrell Williams, Katy Perry & Big Sean)", "feels")]
    [InlineData("Where Are Ü Now (with Justin Bieber)", "where|ü|now")]
    [InlineData("Björk - Jóga (Official Video)", "jóga")]
    [InlineData("Мумий Тролль - Владивосток 2000", "владивосток|2000")]
    [InlineData("宇多田ヒカル - First Love (Remastered 2014)", "first|love")]
    [InlineData("तुम ही हो (Official Video)", "तुम|ही|हो")]
    [InlineData("봄날 (Spring Day) [Official Audio]", "봄날|spring|day")]
    [InlineData("The Sound of Silence (Original Mix)", "sound|silence")]
    [InlineData("Don't Stop Me Now ft. Queen", "dont|stop|me|now")]
    [InlineData("Strobe (Deadmau5 Remix)", "strobe")]
    [InlineData("Lean On - Dirty Audio Remix", "lean")]
    [InlineData("Song (Part 2)", "song|part|2")]
    [InlineData("Hello - Adele Cover (Slowed + Reverb)", "hello")]
    [InlineData("Love, Love, LOVE (prod. by Metro Boomin) @someone", "love")]
    [InlineData("one two three four five six seven", "one|two|three|four|five")]
    [InlineData(null, "")]
    public void KeyTerms_Title_ReturnsTermsInOrder(string? title, string expected)
    {
        Assert.Equal(expected, string.Join('|', TitleTerms.KeyTerms(title)));
    }

    [Fact]
    public void KeyTerms_MaxTermsThree_StopsAtThree()
    {
        Assert.Equal(["sigur", "ros", "hoppipolla"], TitleTerms.KeyTerms("Sigur Ros Hoppipolla Takk 2005", maxTerms: 3));
    }

    [Fact]
    public void KeyTerms_MaxTermsZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TitleTerms.KeyTerms("Song", 0));
    }

    [Fact]
    public void Query_Title_JoinsTermsWithSpaces()
    {
        Assert.Equal("никто не знает", TitleTerms.Query("Кино - Никто Не Знает (feat. Виктор Цой) [Remix]"));
    }
}
