using System.Globalization;
using System.Text;

namespace SoundGraph.FakeSoundCloud.World;

/// <summary>Word pools the generator draws names, titles and texts from. All made up; any likeness to a real
/// artist, label or account is a coincidence of common words.</summary>
internal static class WorldText
{
    public static readonly string[] FirstNames =
    [
        "Mara", "Jonas", "Theo", "Ines", "Kofi", "Lena", "Oskar", "Priya", "Mateo", "Yuki", "Amara", "Felix", "Noor", "Hugo",
        "Sanna", "Idris", "Clara", "Rafael", "Zara", "Elliot", "Nadia", "Tomas", "Aiko", "Leon", "Freya", "Omar", "Vera",
        "Kai", "Esme", "Ruben", "Lucia", "Arlo", "Mina", "Bastian", "Ife", "Juno", "Milo", "Sasha", "Tariq", "Wren",
    ];

    public static readonly string[] LastNames =
    [
        "Hale", "Okafor", "Lindqvist", "Moreau", "Vance", "Castell", "Brandt", "Iwata", "Novak", "Reyes", "Quinn", "Adeyemi",
        "Sorensen", "Marsh", "Kowal", "Bellamy", "Ferro", "Ashby", "Thorne", "Kaur", "Duval", "Petrov", "Ocampo", "Winter",
    ];

    public static readonly string[] HandleWords =
    [
        "Night", "Echo", "Lunar", "Velvet", "Static", "Cobalt", "Ember", "Drift", "Pulse", "Orbit", "Haze", "Prism",
        "Tidal", "Neon", "Hollow", "Kite", "Marble", "Sable", "Fable", "Quartz", "Moth", "Cinder", "Glacier", "Mango",
    ];

    public static readonly string[] HandleSuffixes = [" Beats", " Music", " Sound", " Official", " Collective", " Audio", "wave", " Club", ""];

    /// <summary>Made-up names with non-ASCII letters: Icelandic-, Nordic-, French-, Czech-, Polish-style Latin ones
    /// (their slugs fold to ASCII) and Japanese, Cyrillic, Greek, Korean ones (no Latin letters: slug user-ID).</summary>
    public static readonly string[] ExoticNames =
    [
        "Björk Hallvarðsdóttir", "Sölvi Guðrúnarson", "Hrönn Þórsdóttir", "Æsa Bjarkadóttir", "Sigur Vök", "Jónsi Ljósálfur",
        "Émilie Côté", "Zoë Nørgaard", "Mötley Fjörð", "Čeněk Dvořáček", "Łucja Wróbel", "Ñandú Sónico", "José Müller",
        "Ólöf Ísdóttir", "Þögn", "Straße der Träume", "Åsa Ekström", "Glóð Rós",
        "夜明けのサカナ", "ミドリ・カゼ", "山田トーン", "雨音レコード", "星野ミク",
        "Тихий Океан", "Ночные Поезда", "Аня Звёздная", "Дмитрий Волна", "Ελένη Κύμα", "달빛 소음",
    ];

    public static readonly (string City, string Country)[] Places =
    [
        ("Berlin", "Germany"), ("Reykjavík", "Iceland"), ("Tokyo", "Japan"), ("London", "United Kingdom"), ("Lagos", "Nigeria"),
        ("Montréal", "Canada"), ("São Paulo", "Brazil"), ("Kraków", "Poland"), ("Melbourne", "Australia"), ("Brooklyn", "United States"),
        ("Saint Petersburg", "Russia"), ("Osaka", "Japan"), ("Göteborg", "Sweden"), ("Lyon", "France"), ("Praha", "Czechia"),
        ("Seoul", "South Korea"), ("Mexico City", "Mexico"), ("Glasgow", "United Kingdom"), ("Detroit", "United States"),
    ];

    public static readonly string[] Genres =
    [
        "Electronic", "House", "Deep House", "Techno", "Hip-hop & Rap", "R&B & Soul", "Ambient", "Drum & Bass", "Indie", "Pop",
        "Dubstep", "Lo-fi", "Jazz & Blues", "Folk & Singer-Songwriter", "Trap", "Experimental", "Metal", "Classical",
        "Dancehall", "Afrobeats",
    ];

    public static readonly string[] SingleTags =
    [
        "chill", "bass", "vocal", "remix", "analog", "synth", "summer", "berlin", "london", "tokyo", "reykjavík", "dark", "dreamy",
        "club", "guitar", "piano", "breakbeat", "acid", "soul", "beats", "instrumental", "cover", "live", "demo", "edit",
    ];

    public static readonly string[] MultiWordTags =
    [
        "deep house", "lo fi", "chill out", "late night", "field recording", "bedroom pop", "uk garage", "free download",
        "vinyl only", "post rock", "future bass", "hip hop", "drum and bass", "night drive", "sunday morning",
    ];

    /// <summary>Made-up record labels in the style of independent electronic labels.</summary>
    public static readonly string[] Labels =
    [
        "Kettle Sound", "Warp Lantern", "Hollow Bough Records", "Night Ferry Audio", "Paper Moth", "Glasshouse Recordings",
        "Low Orbit", "Saltmarsh Music", "Ferric Tapes", "Blue Heron Records", "Copperline", "Stray Signal", "Tundra Tone",
        "Moss & Granite", "Lighthouse Keeper Records", "Velvet Static", "Northern Drift", "Half Moon Bay Records", "Rookery",
        "Static Garden", "Cinder Block Music", "Outer Rim Audio", "Cassette Club", "Loop Theory", "Fjara Records", "Kōen Label",
        "Driftwood Dub", "Sunday Bureau", "Brass Kite", "Polar Nights Recordings", "Emberglow", "Small Hours", "Tidal Archive",
        "Orchard Tapes", "Ninja Loom", "Hyperion Lane",
    ];

    public static readonly string[] Adjectives =
    [
        "Golden", "Midnight", "Electric", "Quiet", "Broken", "Neon", "Velvet", "Paper", "Silver", "Distant", "Falling",
        "Endless", "Hollow", "Burning", "Frozen", "Lonely", "Sweet", "Wild", "Blue", "Crimson", "Slow", "Secret",
    ];

    public static readonly string[] Nouns =
    [
        "Hearts", "City", "River", "Lights", "Dreams", "Summer", "Signal", "Tide", "Ghosts", "Horizon", "Echo", "Garden",
        "Satellites", "Rain", "Fire", "Mirror", "Shadows", "Waves", "Skyline", "Letters", "Orbit", "Heat", "Static", "Bloom",
    ];

    public static readonly string[] ForeignTitles = ["Ljósið", "Сон", "夜の海", "Été Éternel", "Søvn", "Größer als wir", "Nótt", "Звёзды", "さよなら東京"];

    public static readonly string[] Keys = ["C major", "A minor", "F# minor", "G major", "D minor", "E♭ major", "B minor", "F major"];

    public static readonly string[] CommentTemplates =
    [
        "🔥🔥🔥", "this is amazing", "tune!", "love the drop", "ID?", "on repeat all week", "Бомба!", "最高", "so good",
        "the bassline 😍", "need this on vinyl", "chills", "where can I buy this?", "perfect for late nights",
    ];

    public static readonly string[] PlaylistNames =
    [
        "Favourites", "Late Night", "Running Mix", "Sunday Morning", "Deep Cuts", "Summer 2019", "Chill", "Workout",
        "Road Trip", "Focus", "Party", "Rainy Days", "Best of the Year", "Discoveries", "Old Stuff",
    ];

    /// <summary>URL slug: NFKD, marks removed, Icelandic/Nordic letters spelled out, lower case, runs of other
    /// characters to one hyphen. Returns "" when nothing Latin is left.</summary>
    public static string Slug(string text)
    {
        var decomposed = Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var mapped = c switch
            {
                'ð' or 'Ð' => "d",
                'þ' or 'Þ' => "th",
                'æ' or 'Æ' => "ae",
                'ø' or 'Ø' => "o",
                'ß' => "ss",
                'ł' or 'Ł' => "l",
                _ => null,
            };
            if (mapped is null && !char.IsAsciiLetterOrDigit(c))
            {
                pendingHyphen = sb.Length > 0;
                continue;
            }

            if (pendingHyphen)
            {
                sb.Append('-');
                pendingHyphen = false;
            }

            if (mapped is null)
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(mapped);
            }
        }

        return sb.ToString();
    }

    /// <summary>Formats a tag list: multi-word tags in double quotes, separated by spaces.</summary>
    public static string TagList(IEnumerable<string> tags) =>
        string.Join(' ', tags.Select(t => t.Contains(' ', StringComparison.Ordinal) ? $"\"{t}\"" : t));
}
