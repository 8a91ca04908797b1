using SoundGraph.Ingest.Text;

namespace SoundGraph.Ingest.Tests.Text;

// Field values are written the way SoundCloud returns them; the descriptions are synthetic.
public class LabelExtractorTests
{
    [Theory]
    [InlineData(null, null, "℗ 2019 Ninja Tune Ltd.", null, "Ninja Tune")]
    [InlineData("Ninja Tune", "NINJA TUNE Records", "℗ 2019 Ninja Tune", null, "Ninja Tune")]
    [InlineData(null, null, "(P) 2017 Columbia Records, a division of Sony Music Entertainment", null, "Columbia Records")]
    [InlineData(null, null, "℗ 2018 Some Artist under exclusive licence to Warp Records Limited", null, "Warp Records")]
    [InlineData(null, null, "2016 Mad Decent", null, "Mad Decent")]
    [InlineData(null, null, "(P) 2019 Big Beat Records Inc. for the United States and WEA International Inc. for the world outside of the United States.", null, "Big Beat Records")]
    [InlineData(null, null, "℗ 2019 The copyright in this sound recording is owned by Ninja Tune", null, "Ninja Tune")]
    [InlineData(null, "Anjunadeep", null, "Out now on Hospital Records! [NHS123]", "Anjunadeep|Hospital Records")]
    [InlineData(null, null, null, "OUT NOW ON SPOTIFY\nReleased via Anjunadeep.", "Anjunadeep")]
    [InlineData(null, null, null, "Label: Monstercat\nCat: MCS123", "Monstercat")]
    [InlineData(null, null, null, "[NINJA123] out now on all platforms", "")]
    [InlineData("Independent", null, "© 2020 Self-Released", "Stream it on Apple Music", "")]
    [InlineData("Spinnin' Records", null, null, "Out now on @spinninrecords and Musical Freedom Records", "Spinnin' Records|Musical Freedom Records")]
    [InlineData(null, "Ninja Tune", null, "Released on Friday on Ninja Tune", "Ninja Tune")]
    [InlineData(null, null, null, "Out now on Drumcode - buy on Beatport: https://example.com/x", "Drumcode")]
    [InlineData(null, null, null, null, "")]
    public void Extract_Fields_ReturnsDistinctLabelsMostReliableFirst(string? labelName, string? publisher, string? pLine, string? description, string expected)
    {
        Assert.Equal(expected, string.Join('|', LabelExtractor.Extract(labelName, publisher, pLine, description)));
    }

    [Theory]
    [InlineData("Ninja Tune Records", "ninja tune", true)]
    [InlineData("Spinnin' Records", "SPINNIN RECORDINGS", true)]
    [InlineData("ninjatune", "Ninja Tune", true)]
    [InlineData("spinninrecords", "Spinnin' Records", true)]
    [InlineData("Drum & Bass Arena", "Drum and Bass Arena", true)]
    [InlineData("Warp", "Ninja Tune", false)]
    [InlineData("", "", false)]
    public void Matches_TwoNames_ComparesIgnoringSuffixAndPunctuation(string candidate, string label, bool expected)
    {
        Assert.Equal(expected, LabelExtractor.Matches(candidate, label));
    }
}
