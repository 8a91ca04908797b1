# Figure section "speed" for README.md (## Speed), sourced by scripts/figures.sh. Each benchmark measures SoundGraph and
# its comparison (the scipy.sparse peer, the SQL materialized view, one harvest worker) in the same run on this machine,
# then one Markdown table is rendered from their outputs. SYNTHETIC data throughout (the generators say so).
# Needs /usr/bin/python3 with python3-scipy + python3-numpy (the peer), PostgreSQL 15 binaries (scripts/pg-cluster.sh),
# wrk and sqlite3 (the HTTP run). About 25 minutes on 2 cores; SPEED_SCALE_WRITE=1 adds the 1M-playlist writes
# (SQLite and PostgreSQL, about 10 more minutes on a quiet machine and 14 GB of free disk, the store deleted after each).

# kv TEXT KEY: the value of KEY=… in a "bench …: k=v k=v" line.
kv() { sed -n "s/.*[ :]$2=\([^ ]*\).*/\1/p" <<<"$1" | head -1; }

# grp N: an integer with thousands separators (1,293,825), whatever the locale.
grp() { printf '%.0f' "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

figures_speed() {
  # SPEED_OUT keeps each step's output; a step whose output is already there is not run again (resume after a failure).
  # Each step that runs writes <output>.commit (the commit it measured); the footer names the outputs measured at
  # another commit, or of unknown origin, so a table with kept outputs says which rows are older.
  local page="$ROOT/README.md" out="${SPEED_OUT:-$WORK/speed}" head
  head="$(git -C "$ROOT" rev-parse --short HEAD)"
  mkdir -p "$out"
  stamp() { echo "$head" > "$out/$1.commit"; }

  say "speed 1/6: 20,000 playlists, SoundGraph vs the scipy.sparse peer (scripts/bench-peer.sh)"
  [[ -s "$out/peer.json" ]] || { PEERS="${PEERS:-$ROOT/../shared/bench/peers}" "$ROOT/scripts/bench-peer.sh" --playlists 20000 --json "$out/peer.json" > /dev/null && stamp peer.json; }

  say "speed 2/6: import + relate at 10,000 and 100,000 playlists into SQLite (sgr bench)"
  [[ -s "$out/bench.log" ]] || { sgr bench --playlists 10000 100000 > "$out/bench.log" && stamp bench.log; }
  local b10 b100
  b10="$(grep '^bench (synthetic): playlists=10000 ' "$out/bench.log")"
  b100="$(grep '^bench (synthetic): playlists=100000 ' "$out/bench.log")"

  say "speed 3/6: PostgreSQL, relate vs creating the materialized view at 10,000 and 50,000 playlists"
  # Its own folder: initdb runs as the postgres user, which cannot enter $WORK (mode 700).
  local pgdir pg
  pgdir="$(mktemp -d "${TMPDIR:-/tmp}/sg-figures-pg.XXXXXX")"
  pg="$("$ROOT/scripts/pg-cluster.sh" start "$pgdir" | tail -1)"
  [[ -s "$out/cooc.log" ]] || { sgr bench cooccurrence --db "$pg" --playlists 10000 50000 --no-refresh > "$out/cooc.log" && stamp cooc.log; }
  local c10 c50
  c10="$(grep '^bench cooccurrence (synthetic): playlists=10000 ' "$out/cooc.log")"
  c50="$(grep '^bench cooccurrence (synthetic): playlists=50000 ' "$out/cooc.log")"

  say "speed 4/6: uncached unveil over HTTP, 1,000 heaviest ids, 64 connections (scripts/bench-http.sh --only b)"
  demo_store
  local http
  [[ -s "$out/http.log" ]] || { (cd "$ROOT" && scripts/bench-http.sh --db "$WORK/plain-demo.db" --only b) > "$out/http.log" && stamp http.log; }
  http="$(grep '^(b)' "$out/http.log")"

  say "speed 5/6: 1,000,000 playlists, top-100 (sgr bench scale)"
  local scale scale_sqlite="" scale_pg=""
  [[ -s "$out/scale.log" ]] || { sgr bench scale --playlists 1000000 --top-k 100 > "$out/scale.log" && stamp scale.log; }
  scale="$(grep '^bench scale' "$out/scale.log")"
  # The 1M-playlist writes run only when asked; outputs already in SPEED_OUT (scale-sqlite.log, scale-pg.log, e.g. from
  # a separate run of the same commands) are shown either way.
  if [[ "${SPEED_SCALE_WRITE:-0}" == 1 ]]; then
    [[ -s "$out/scale-sqlite.log" ]] || { sgr bench scale --playlists 1000000 --top-k 100 --write "$WORK/scale.db" > "$out/scale-sqlite.log" && stamp scale-sqlite.log; }
    [[ -s "$out/scale-pg.log" ]] || { sgr bench scale --playlists 1000000 --top-k 100 --write "$pg" > "$out/scale-pg.log" && stamp scale-pg.log; }
  fi
  if [[ -s "$out/scale-sqlite.log" && -s "$out/scale-pg.log" ]]; then
    scale_sqlite="$(grep '^bench scale' "$out/scale-sqlite.log")"
    scale_pg="$(grep '^bench scale' "$out/scale-pg.log")"
  fi
  say "speed 6/6: shared harvest, 1 vs 3 workers on one PostgreSQL frontier (sgr bench harvest-distributed)"
  local h1 h3
  [[ -s "$out/harvest.log" ]] || { sgr bench harvest-distributed --db "$pg" --worker-counts 1,3 > "$out/harvest.log" && stamp harvest.log; }
  h1="$(grep '^bench harvest-distributed (synthetic): workers=1 ' "$out/harvest.log")"
  h3="$(grep '^bench harvest-distributed (synthetic): workers=3 ' "$out/harvest.log")"
  "$ROOT/scripts/pg-cluster.sh" stop "$pgdir" > /dev/null
  rm -rf "$pgdir"

  {
    echo "| what (SYNTHETIC data, this machine, one run) | SoundGraph | compared with | ratio | goal |"
    echo "|---|---:|---:|---:|---|"
    jq -r "$JQ_FMT"'
      "| relate track co-playlist, 20,000 playlists, top-50: load + compute + write \(.relate_rows | thousands) rows to SQLite vs the scipy.sparse peer computing only | \(.relate_s | f2) s | \(.peer_compute_s | f2) s | \(.ratio_relate_to_peer_compute | f2)× | ≤ 1.0× |",
      "| … of which writing (SQLite, one row per track) | \(.relate_write_s | f2) s | | | |"' "$out/peer.json"
    local line n
    for line in "$c10" "$c50"; do
      n="$(kv "$line" playlists)"
      echo "| PostgreSQL, $(grp "$n") playlists: relate (read + compute + COPY $(grp "$(kv "$line" b_rows)") rows) vs creating the materialized view | $(kv "$line" b_total_s) s | $(kv "$line" a_create_s) s | $(kv "$line" create_over_b)× faster | ≥ 20× |"
    done
    for line in "$b10" "$b100"; do
      n="$(kv "$line" playlists)"
      echo "| import $(grp "$n") playlists of MPD slices into SQLite (one \`sgr import mpd <folder>\` run) | $(grp "$(kv "$line" entries_per_s)") entries/s | | | ≥ 200,000 entries/s |"
    done
    echo "| uncached unveil (\`--cache-seconds 0\`), 1,000 heaviest ids, 64 connections, wrk on the same cores | $(kv "$http" rps) req/s, p99 $(kv "$http" p99_ms) ms, $(( $(kv "$http" non2xx) + $(kv "$http" socket_errors) )) errors | | | ≥ 1,000 req/s, p99 ≤ 50 ms |"
    echo "| relate 1,000,000 playlists, top-100 ($(grp "$(kv "$scale" rows)") rows), engine only | $(kv "$scale" relate_s) s, $(grp "$(kv "$scale" peak_mib)") MiB peak | | | ≤ 120 s, ≤ 4 GiB |"
    if [[ -n "$scale_sqlite" ]]; then
      echo "| … and the whole relation written to SQLite / PostgreSQL (one transaction each, while the engine computes) | $(kv "$scale_sqlite" write_s) s / $(kv "$scale_pg" write_s) s, $(grp "$(( $(kv "$scale_sqlite" store_bytes) / 1048576 ))") / $(grp "$(( $(kv "$scale_pg" store_bytes) / 1048576 ))") MiB | | | measured |"
    fi
    echo "| harvest, 3 workers sharing one PostgreSQL frontier vs 1 worker (fake SoundCloud, each client id limited to 4 req/s) | $(kv "$h3" requests_per_s) req/s | $(kv "$h1" requests_per_s) req/s | $(kv "$h3" speedup)× | ≥ 2.7× |"
    echo
    local kept=() f at
    for f in peer.json bench.log cooc.log http.log scale.log scale-sqlite.log scale-pg.log harvest.log; do
      [[ -s "$out/$f" ]] || continue
      at="$(cat "$out/$f.commit" 2>/dev/null || echo 'an unrecorded commit')"
      [[ "$at" == "$head" ]] || kept+=("$f at $at")
    done
    echo "Generated by \`scripts/figures.sh speed\` at commit $head$([ -z "$(git -C "$ROOT" status --porcelain -- src scripts)" ] || echo ' plus uncommitted changes') on $(nproc) cores$([ ${#kept[@]} -eq 0 ] || echo "; outputs kept from earlier runs: $(IFS=';'; echo "${kept[*]}" | sed 's/;/, /g')"); commands and the figures before issue 18 in [docs/benchmarks.md](docs/benchmarks.md)."
  } > "$out/table.md"
  replace_block "$page" speed "$out/table.md"
  say "wrote $page"
}
