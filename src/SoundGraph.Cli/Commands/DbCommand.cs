using System.CommandLine;
using System.Globalization;
using SoundGraph.Cli.Rendering;
using SoundGraph.Storage.Postgres;
using SoundGraph.Storage.Resolution;
using Spectre.Console;

namespace SoundGraph.Cli.Commands;

/// <summary><c>sgr db info</c>: where the store is, its schema version and its row counts (migrations apply on open);
/// <c>sgr db cooccurrence</c>: the PostgreSQL <c>track_cooccurrence</c> materialized view; <c>sgr db unlink-artists</c>:
/// undo the name links between artists (<see cref="ArtistLinker"/>); <c>sgr db unlink</c>: undo name matches of track
/// identifiers (<see cref="TrackIdentifierStore.UnlinkNameMatchesAsync"/>).</summary>
public static class DbCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var info = new Command("info", "Print the store's schema version, row counts and saved models (applying pending migrations; a missing SQLite file is an error).");
        info.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            var counts = await store.CountRowsAsync(ct).ConfigureAwait(false);
            var version = await Dapper.SqlMapper.ExecuteScalarAsync<long>(store.Connection, new Dapper.CommandDefinition("SELECT MAX(version) FROM schema_version", cancellationToken: ct)).ConfigureAwait(false);
            var models = (await Dapper.SqlMapper.QueryAsync<(string Name, string Kind, string TrainedAt)>(
                store.Connection, new Dapper.CommandDefinition("SELECT name, kind, trained_at FROM models ORDER BY name", cancellationToken: ct)).ConfigureAwait(false)).ToList();
            if (parse.GetValue(CliContext.JsonOption))
            {
                context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new
                {
                    store = store.Location.ToString(),
                    schemaVersion = version,
                    tables = counts,
                    models = models.Select(m => new { m.Name, m.Kind, m.TrainedAt }),
                }));
                return 0;
            }

            var table = new Table().Title(Markup.Escape($"{store.Location} · schema version {version}")).AddColumn("table").AddColumn(new TableColumn("rows").RightAligned());
            foreach (var (name, n) in counts)
            {
                table.AddRow(name, n.ToString("N0", CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            foreach (var m in models)
            {
                context.Console.MarkupLine($"model [bold]{Markup.Escape(m.Name)}[/] ({Markup.Escape(m.Kind)}), trained {Markup.Escape(m.TrainedAt)}");
            }

            foreach (var m in store.AppliedMigrations)
            {
                context.Console.MarkupLine($"[grey]applied migration {Markup.Escape(m.Name)}[/]");
            }

            return 0;
        });
        return new Command("db", "Store maintenance.") { info, Cooccurrence(context), UnlinkArtists(context), Unlink(context) };
    }

    private static Command UnlinkArtists(CliContext context)
    {
        var restore = new Option<bool>("--restore") { Description = "Restore the links removed before instead." };
        var command = new Command(
            "unlink-artists",
            "Remove every name link from a name-keyed artist (HetRec, charts, exports) to the Spotify artist of the same name. The artists stay; relations computed afterwards keep them apart, and later imports do not link them again.")
        {
            restore,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            var back = parse.GetValue(restore);
            var n = back
                ? await ArtistLinker.RestoreAllAsync(store.Connection, ct).ConfigureAwait(false)
                : await ArtistLinker.UnlinkAllAsync(store.Connection, ct).ConfigureAwait(false);
            if (parse.GetValue(CliContext.JsonOption))
            {
                context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(back ? new { restored = n } : (object)new { unlinked = n }));
            }
            else
            {
                context.Console.MarkupLine($"{(back ? "restored" : "removed")} {n.ToString("N0", CultureInfo.InvariantCulture)} artist links; run `sgr relate` to recompute artist relations");
            }

            return 0;
        });
        return command;
    }

    private static Command Unlink(CliContext context)
    {
        var track = new Option<string?>("--track") { Description = "Only this track (a key, an id or \"artist - title\"); default: every track." };
        var restore = new Option<bool>("--restore") { Description = "Make the unlinked identifiers name matches again instead." };
        var command = new Command(
            "unlink",
            "Undo name matches of track identifiers: every identifier recorded by a name match (sgr resolve musicbrainz by search, a listen matched by artist and title) stops merging imports and stays out of reports; sgr resolve does not match the track by name again. --restore undoes this.")
        {
            track,
            restore,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            long? trackId = null;
            if (parse.GetValue(track) is { } query)
            {
                var resolution = await store.Resolver.ResolveAsync(query, "track", ct).ConfigureAwait(false);
                if (resolution.Match is null)
                {
                    UnveilRenderer.RenderUnresolved(context.Console, query, resolution, parse.GetValue(CliContext.JsonOption));
                    return CliApp.NeedsChoice;
                }

                trackId = resolution.Match.Id;
            }

            var back = parse.GetValue(restore);
            var n = await store.Identifiers.UnlinkNameMatchesAsync(trackId, back, ct).ConfigureAwait(false);
            if (parse.GetValue(CliContext.JsonOption))
            {
                context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(back ? new { restored = n } : (object)new { unlinked = n }));
            }
            else
            {
                context.Console.Profile.Out.Writer.WriteLine(
                    $"{(back ? "restored" : "unlinked")} {n.ToString("N0", CultureInfo.InvariantCulture)} name-matched track identifiers" + (trackId is null ? string.Empty : " of that track"));
            }

            return 0;
        });
        return command;
    }

    private static Command Cooccurrence(CliContext context)
    {
        var create = new Option<bool>("--create") { Description = "Create (or re-create) and populate the view and its unique index." };
        var refresh = new Option<bool>("--refresh") { Description = "REFRESH MATERIALIZED VIEW CONCURRENTLY (readers are not blocked)." };
        var command = new Command(
            "cooccurrence",
            "PostgreSQL only: the track_cooccurrence materialized view (track_id_a, track_id_b, together, weight = Σ 1/|p|), the SQL twin of the track_co_playlist relation before top-K.")
        {
            create, refresh,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(create) == parse.GetValue(refresh))
            {
                throw new ArgumentException("Pass exactly one of --create or --refresh.");
            }

            await using var store = await CliContext.OpenStoreAsync(parse, ct, mustExist: true).ConfigureAwait(false);
            var view = store.CooccurrenceView();
            context.Console.MarkupLine($"[grey]{(parse.GetValue(create) ? "creating" : "refreshing")} track_cooccurrence on {Markup.Escape(store.Location.ToString())}…[/]");
            var result = parse.GetValue(create) ? await view.CreateAsync(ct).ConfigureAwait(false) : await view.RefreshAsync(ct).ConfigureAwait(false);
            var verb = parse.GetValue(create) ? "created" : "refreshed concurrently";
            if (parse.GetValue(CliContext.JsonOption))
            {
                context.Console.Profile.Out.Writer.WriteLine(ReportJson.Serialize(new { view = TrackCooccurrenceView.Name, action = verb, rows = result.Rows, seconds = result.Seconds }));
            }
            else
            {
                context.Console.MarkupLine($"track_cooccurrence {verb}: {result.Rows.ToString("N0", CultureInfo.InvariantCulture)} track pairs in {result.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
            }

            return 0;
        });
        return command;
    }
}
