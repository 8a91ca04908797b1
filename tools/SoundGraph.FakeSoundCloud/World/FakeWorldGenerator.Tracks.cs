namespace SoundGraph.FakeSoundCloud.World;

internal sealed partial class FakeWorldGenerator
{
    private int trackSequence;

    private TrackDraft NewTrack(int userIndex, DateTimeOffset createdAt)
    {
        var user = users[userIndex];
        var song = SongTitle();
        var other = users[rng.Next(users.Count)];
        var third = users[rng.Next(users.Count)];
        var credited = new List<string>();
        string title, role = "";
        var u = rng.NextDouble();
        if (u < 0.45)
        {
            title = song;
        }
        else if (u < 0.55)
        {
            (title, role) = ($"{song} (feat. {other.Username})", "Vocals");
            credited.Add(other.Permalink);
        }
        else if (u < 0.62)
        {
            (title, role) = ($"{song} ft. {other.Username} & {third.Username}", "Vocals");
            credited.AddRange([other.Permalink, third.Permalink]);
        }
        else if (u < 0.70)
        {
            (title, role) = ($"{song} ({other.Username} Remix)", "Remix");
            credited.Add(other.Permalink);
        }
        else if (u < 0.76)
        {
            (title, role) = ($"{user.Username} x {other.Username} - {song}", "Collab");
            credited.Add(other.Permalink);
        }
        else if (u < 0.81)
        {
            (title, role) = ($"{song} w/ {other.Username}", "Collab");
            credited.Add(other.Permalink);
        }
        else if (u < 0.86)
        {
            (title, role) = ($"{song} (prod. by {other.Username})", "Production");
            credited.Add(other.Permalink);
        }
        else
        {
            title = $"{user.Username} - {song}";
        }

        if (rng.NextDouble() < 0.03)
        {
            title += " [Free Download]";
        }

        var genre = rng.NextDouble() < 0.05 ? "" : rng.NextDouble() < 0.7 ? user.MainGenre : Pick(WorldText.Genres);
        var label = user.HomeLabel is not null && rng.NextDouble() < 0.8 ? user.HomeLabel
            : rng.NextDouble() < 0.04 ? Pick(WorldText.Labels) : null;
        var isMix = rng.NextDouble() < 0.05;
        var draft = new TrackDraft
        {
            UserIndex = userIndex,
            Sequence = trackSequence++,
            Title = title,
            CreatedAt = createdAt,
            DurationMs = isMix ? rng.Next(30 * 60_000, 90 * 60_000) : rng.Next(90_000, 420_000),
            Genre = genre,
            TagList = Tags(genre, user),
            LabelName = label,
            HasPublisherMetadata = label is not null ? rng.NextDouble() < 0.6 : rng.NextDouble() < 0.05,
            Bpm = rng.NextDouble() < 0.4 ? rng.Next(70, 176) : null,
            KeySignature = rng.NextDouble() < 0.3 ? Pick(WorldText.Keys) : "",
            IsPrivate = rng.NextDouble() < 0.03,
            Downloadable = rng.NextDouble() < 0.1,
            HasArtwork = rng.NextDouble() < 0.75,
            CreditRole = role,
        };
        draft.CreditedPermalinks.AddRange(credited);
        return draft;
    }

    private string SongTitle()
    {
        var u = rng.NextDouble();
        return u switch
        {
            < 0.08 => Pick(WorldText.ForeignTitles),
            < 0.53 => $"{Pick(WorldText.Adjectives)} {Pick(WorldText.Nouns)}",
            < 0.68 => Pick(WorldText.Nouns),
            < 0.78 => $"The {Pick(WorldText.Adjectives)} {Pick(WorldText.Nouns)}",
            < 0.86 => $"{Pick(WorldText.Adjectives)} {Pick(WorldText.Nouns)} Pt. {rng.Next(2, 4)}",
            < 0.94 => $"{Pick(WorldText.Nouns)} in {Pick(WorldText.Places).City}",
            _ => $"{Pick(WorldText.Nouns)} & {Pick(WorldText.Nouns)}",
        };
    }

    private string Tags(string genre, UserDraft user)
    {
        var tags = new List<string>();
        if (genre.Length > 0 && rng.NextDouble() < 0.5)
        {
            tags.Add(genre.ToLowerInvariant());
        }

        var count = rng.Next(0, 5);
        for (var i = 0; i < count; i++)
        {
            var tag = rng.NextDouble() < 0.35 ? Pick(WorldText.MultiWordTags) : Pick(WorldText.SingleTags);
            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        if (user.City is not null && rng.NextDouble() < 0.1)
        {
            var city = user.City.ToLowerInvariant();
            if (!tags.Contains(city))
            {
                tags.Add(city);
            }
        }

        return WorldText.TagList(tags);
    }

    private string? TrackDescription(TrackDraft t)
    {
        var lines = new List<string>();
        var user = users[t.UserIndex];
        if (t.LabelName is not null && rng.NextDouble() < 0.7)
        {
            lines.Add($"Out now on {t.LabelName}");
        }

        if (t.CreditedPermalinks.Count > 0 && rng.NextDouble() < 0.6)
        {
            lines.Add($"{t.CreditRole} by {string.Join(" & ", t.CreditedPermalinks.Select(p => "@" + p))}");
        }

        if (rng.NextDouble() < 0.15)
        {
            lines.Add($"Follow @{users[rng.Next(users.Count)].Permalink} for more");
        }

        if (rng.NextDouble() < 0.08)
        {
            lines.Add($"Bookings & promos: {user.Permalink.Replace('-', '.')}@example.org");
        }

        if (rng.NextDouble() < 0.1)
        {
            lines.Add($"Buy: https://example.com/{user.Permalink}/{t.Permalink}");
        }

        if (user.City is not null && rng.NextDouble() < 0.1)
        {
            lines.Add($"Recorded in {user.City}");
        }

        return lines.Count > 0 ? string.Join('\n', lines) : rng.NextDouble() < 0.5 ? "" : null;
    }

    private FakePublisherMetadata? PublisherMetadata(TrackDraft t, string? isrc)
    {
        if (!t.HasPublisherMetadata)
        {
            return null;
        }

        var user = users[t.UserIndex];
        var year = t.CreatedAt.Year;
        var owner = t.LabelName ?? user.Username;
        return new FakePublisherMetadata(
            Id: t.Id,
            Artist: user.Username,
            AlbumTitle: rng.NextDouble() < 0.4 ? $"{Pick(WorldText.Adjectives)} {Pick(WorldText.Nouns)}" : null,
            ContainsMusic: true,
            Isrc: isrc,
            Publisher: t.LabelName,
            PLine: $"℗ {year} {owner}",
            CLine: rng.NextDouble() < 0.5 ? $"© {year} {owner}" : null,
            ReleaseTitle: rng.NextDouble() < 0.5 ? t.Title : null,
            UpcOrEan: t.LabelName is null ? null : $"0{rng.NextInt64(10_000_000_000, 99_999_999_999)}",
            WriterComposer: rng.NextDouble() < 0.5 ? (user.FullName.Length > 0 ? user.FullName : user.Username) : null);
    }
}
