using SoundGraph.Ingest.Text;

namespace SoundGraph.Ingest.Tests.Text;

// Titles and descriptions are written the way SoundCloud and Spotify show them; the descriptions are synthetic.
public class CreditParserTests
{
    /// <summary>Expected credits as "Kind:Name|Kind:Name", in output order; "" for none.</summary>
    [Theory]
    // Featured
    [InlineData("Calvin Harris - Feels (feat. Pharrell Williams, Katy Perry & Big Sean)", null, "Featured:Pharrell Williams|Featured:Katy Perry|Featured:Big Sean")]
    [InlineData("Lean On (feat. MØ & DJ Snake)", null, "Featured:MØ|Featured:DJ Snake")]
    [InlineData("Kanye West - Monster (feat. Jay-Z, Rick Ross, Nicki Minaj & Bon Iver)", null, "Featured:Jay-Z|Featured:Rick Ross|Featured:Nicki Minaj|Featured:Bon Iver")]
    [InlineData("Flume - Never Be Like You feat. Kai", null, "Featured:Kai")]
    [InlineData("Drake - Jumpman ft Future", null, "Featured:Future")]
    [InlineData("Calvin Harris feat. Rihanna - This Is What You Came For", null, "Featured:Rihanna")]
    [InlineData("Hoppípolla (featuring Sigur Rós)", null, "Featured:Sigur Rós")]
    [InlineData("First Love [feat. 宇多田ヒカル]", null, "Featured:宇多田ヒカル")]
    [InlineData("Владивосток 2000 ft. Мумий Тролль", null, "Featured:Мумий Тролль")]
    [InlineData("Still D.R.E. (feat. Snoop Dogg) (prod. Dr. Dre)", null, "Featured:Snoop Dogg|Producer:Dr. Dre")]
    [InlineData("The Next Episode (Feat. Dr. Dre & Nate Dogg)", null, "Featured:Dr. Dre|Featured:Nate Dogg")]
    [InlineData("Tyler, The Creator - See You Again (feat. Kali Uchis)", null, "Featured:Kali Uchis")]
    [InlineData("Tokyo Drift (Remix) [feat. Teriyaki Boyz]", null, "Featured:Teriyaki Boyz")]
    [InlineData("Song ft.", null, "")]
    [InlineData("Nobody (feat. Sarah Connor, Skrillex, and Four Tet)", null, "Featured:Sarah Connor|Featured:Skrillex|Featured:Four Tet")]
    [InlineData("Song", "A great feat of engineering by the crew.", "")]
    // With
    [InlineData("Skrillex & Diplo - Where Are Ü Now (with Justin Bieber)", null, "Collaborator:Skrillex|Collaborator:Diplo|With:Justin Bieber")]
    [InlineData("Track w/ Sigur Rós", null, "With:Sigur Rós")]
    [InlineData("Dancing with a Stranger (with Normani)", null, "With:Normani")]
    [InlineData("Where Are Ü Now (with Justin Bieber) [Marshmello Remix]", null, "With:Justin Bieber|Remixer:Marshmello")]
    [InlineData("late night session w/ @flume", null, "With:flume|Mention:flume")]
    // Collaborator and Versus (artist part)
    [InlineData("A x B - Song", null, "Collaborator:A|Collaborator:B")]
    [InlineData("Mura Masa x Charli XCX - 1 Night", null, "Collaborator:Mura Masa|Collaborator:Charli XCX")]
    [InlineData("ODESZA X RÜFÜS DU SOL - Innerbloom", null, "Collaborator:ODESZA|Collaborator:RÜFÜS DU SOL")]
    [InlineData("Kendrick Lamar, SZA - All The Stars", null, "Collaborator:Kendrick Lamar|Collaborator:SZA")]
    [InlineData("Jay-Z & Kanye West - Otis (feat. Otis Redding)", null, "Collaborator:Jay-Z|Collaborator:Kanye West|Featured:Otis Redding")]
    [InlineData("Chase & Status x Stormzy - Tribe", null, "Collaborator:Chase & Status|Collaborator:Stormzy")]
    [InlineData("Lil Nas X & Billy Ray Cyrus - Old Town Road", null, "Collaborator:Lil Nas X|Collaborator:Billy Ray Cyrus")]
    [InlineData("Earth, Wind & Fire - September", null, "")]
    [InlineData("Simon & Garfunkel - The Boxer", null, "")]
    [InlineData("Jay-Z vs. Linkin Park - Numb/Encore", null, "Versus:Jay-Z|Versus:Linkin Park")]
    [InlineData("Skrillex vs Habstrakt - Chicken Soup", null, "Versus:Skrillex|Versus:Habstrakt")]
    // Remixer
    [InlineData("Strobe (Deadmau5 Remix)", null, "Remixer:Deadmau5")]
    [InlineData("Song [Flume Remix]", null, "Remixer:Flume")]
    [InlineData("Titanium (feat. Sia) [Alesso Remix]", null, "Featured:Sia|Remixer:Alesso")]
    [InlineData("Major Lazer - Lean On (feat. MØ & DJ Snake) [Dirty Audio Remix]", null, "Featured:MØ|Featured:DJ Snake|Remixer:Dirty Audio")]
    [InlineData("Lean On - Dirty Audio Remix", null, "Remixer:Dirty Audio")]
    [InlineData("Florence + The Machine - Dog Days Are Over (Breakbot Remix)", null, "Remixer:Breakbot")]
    [InlineData("Red Lights (Tiësto's Big Room Remix)", null, "Remixer:Tiësto")]
    [InlineData("Titanium (Kaskade Extended Club Mix)", null, "Remixer:Kaskade")]
    [InlineData("Midnight City (Eric Prydz Private Remix)", null, "Remixer:Eric Prydz")]
    [InlineData("Song (Skrillex & Diplo Remix)", null, "Remixer:Skrillex|Remixer:Diplo")]
    [InlineData("Stole the Show (Kygo Edit)", null, "Remixer:Kygo")]
    [InlineData("Opus (remixed by Four Tet)", null, "Remixer:Four Tet")]
    [InlineData("Opus", "Remixed by Four Tet for his 2020 EP.", "Remixer:Four Tet")]
    // Producer
    [InlineData("Beat (prod. by Metro Boomin)", null, "Producer:Metro Boomin")]
    [InlineData("Mask Off (prod. Metro Boomin)", null, "Producer:Metro Boomin")]
    [InlineData("XO Tour Llif3 [Prod. By TM88]", null, "Producer:TM88")]
    [InlineData("Bad and Boujee (feat. Lil Uzi Vert) [Prod. by Metro Boomin]", null, "Featured:Lil Uzi Vert|Producer:Metro Boomin")]
    [InlineData("Bangarang", "Produced by Skrillex and mixed by Joe Example.\nFollow @owsla and @skrillex", "Producer:Skrillex|Mention:owsla|Mention:skrillex")]
    [InlineData("Mix 042", "Tracklist:\n01. Bicep - Glue (feat. Someone)\n[00:00] Fred again.. - Delilah (prod. by Skrillex)\nRecorded live, thanks @boilerroom", "Mention:boilerroom")]
    // Mentions
    [InlineData("@skrillex's new one", null, "Mention:skrillex")]
    [InlineData("New one", "mail me at dj@example.com", "")]
    [InlineData("Sunday mix", "Bookings: agent@example.com | big up (@four-tet) and @kieran_hebden!", "Mention:four-tet|Mention:kieran_hebden")]
    [InlineData("Sunday mix", "tracklist on @example.com soon", "")]
    // No names
    [InlineData("Original Mix", null, "")]
    [InlineData("Cola (Original Mix)", null, "")]
    [InlineData("Cola (Extended Mix) [Radio Edit]", null, "")]
    [InlineData("Never Be Like You (Remix)", null, "")]
    [InlineData("Ragga Bomb (VIP) [Official Video]", null, "")]
    [InlineData("Yesterday - Remastered 2009", null, "")]
    [InlineData("Dancing with a Stranger", null, "")]
    [InlineData(null, null, "")]
    // Title and description together: repeats with the same kind are reported once
    [InlineData("Strobe (Deadmau5 Remix)", "remixed by deadmau5. Big up @deadmau5", "Remixer:Deadmau5|Mention:deadmau5")]
    public void Parse_RealWorldTitle_ReturnsCreditsInOrder(string? title, string? description, string expected)
    {
        var actual = string.Join('|', CreditParser.Parse(title, description).Select(e => $"{e.Kind}:{e.Name}"));

        Assert.Equal(expected, actual);
    }

    /// <summary>Expected artists joined with "|", then the title.</summary>
    [Theory]
    [InlineData("Calvin Harris - Feels (feat. Pharrell Williams, Katy Perry & Big Sean)", "Calvin Harris", "Feels (feat. Pharrell Williams, Katy Perry & Big Sean)")]
    [InlineData("A x B - Song", "A|B", "Song")]
    [InlineData("Calvin Harris feat. Rihanna - This Is What You Came For", "Calvin Harris|Rihanna", "This Is What You Came For")]
    [InlineData("Jay-Z vs. Linkin Park - Numb/Encore", "Jay-Z|Linkin Park", "Numb/Encore")]
    [InlineData("Earth, Wind & Fire – September", "Earth, Wind & Fire", "September")]
    [InlineData("  Bonobo — Kerala  ", "Bonobo", "Kerala")]
    [InlineData("Madeon - Finale - Radio Edit", "Madeon", "Finale - Radio Edit")]
    [InlineData("Lean On - Dirty Audio Remix", "", "Lean On - Dirty Audio Remix")]
    [InlineData("Strobe (Deadmau5 Remix)", "", "Strobe (Deadmau5 Remix)")]
    [InlineData("Numb (Jay-Z - Live)", "", "Numb (Jay-Z - Live)")]
    public void SplitArtistTitle_Upload_ReturnsArtistsAndTitle(string title, string artists, string rest)
    {
        var (actualArtists, actualTitle) = CreditParser.SplitArtistTitle(title);

        Assert.Equal(artists, string.Join('|', actualArtists));
        Assert.Equal(rest, actualTitle);
    }

    [Fact]
    public void SplitArtistTitle_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => CreditParser.SplitArtistTitle(null!));
    }
}
