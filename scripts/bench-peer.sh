#!/usr/bin/env bash
# Side by side with the scipy.sparse peer (../shared/bench/peers), one run, one machine. Not part of CI.
#
#   scripts/bench-peer.sh [--playlists 20000] [--top-k 50] [--seed 7] [--json OUT.json]
#
# 1. ../shared/bench/peers/gen_mpd.py writes a SYNTHETIC MPD-shaped slice (both sides read the same bytes);
# 2. the peer, scipy_cooc.py: load, Aᵀ·diag(1/|p|)·A, top-K per track (no counts, no evidence, nothing written);
# 3. `sgr import mpd` into a fresh SQLite store (entries/s);
# 4. `sgr relate --kind track_co_playlist --top-k K --json`: load + compute + write of the top-K rows with evidence.
# Prints one JSON object (also to --json OUT) with both sides' seconds and the ratio
# relate_end_to_end / peer_compute (goal: ≤ 1.0). Needs /usr/bin/python3 with python3-scipy and python3-numpy.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PEERS="${PEERS:-$ROOT/../shared/bench/peers}"
playlists=20000 topk=50 seed=7 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --playlists) playlists="$2"; shift 2 ;;
    --top-k) topk="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --json) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -x "$PEERS/gen_mpd.py" ] || { echo "no peers at $PEERS (set PEERS=…/shared/bench/peers)" >&2; exit 1; }
/usr/bin/python3 -c 'import scipy, numpy' 2>/dev/null || { echo "the peer needs apt-get install python3-scipy python3-numpy" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/sg-bench-peer.XXXXXX")"
trap 'rm -rf "$work"' EXIT
sgr() { dotnet "$ROOT/src/SoundGraph.Cli/bin/Release/net10.0/sgr.dll" "$@"; }
[ -f "$ROOT/src/SoundGraph.Cli/bin/Release/net10.0/sgr.dll" ] || dotnet build "$ROOT/src/SoundGraph.Cli/SoundGraph.Cli.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2

echo "bench-peer: generating $playlists SYNTHETIC playlists (seed $seed)" >&2
/usr/bin/python3 "$PEERS/gen_mpd.py" "$playlists" "$work/slice.json" "$seed" >&2
echo "bench-peer: peer scipy_cooc.py (top-$topk)" >&2
peer="$(/usr/bin/python3 "$PEERS/scipy_cooc.py" "$work/slice.json" "$topk")"
echo "$peer" >&2
num() { sed -n "s/.*$1 \([0-9.]*\)s.*/\1/p" <<<"$peer"; }
p_load="$(num load)" p_multiply="$(num multiply)" p_topk="$(num topk)" p_compute="$(sed -n 's/.*compute(multiply+topk) \([0-9.]*\)s.*/\1/p' <<<"$peer")"

echo "bench-peer: sgr import mpd" >&2
t0=$(date +%s.%N)
sgr import mpd "$work/slice.json" --db "$work/store.db" > "$work/import.txt"
t1=$(date +%s.%N)
entries="$(sqlite3 "$work/store.db" 'SELECT COUNT(*) FROM playlist_tracks')"
echo "bench-peer: sgr relate --kind track_co_playlist --top-k $topk" >&2
sgr relate --kind track_co_playlist --top-k "$topk" --db "$work/store.db" --json > "$work/relate.json"
bytes="$(stat -c %s "$work/store.db")"

jq -n --argjson playlists "$playlists" --argjson topk "$topk" --argjson entries "$entries" \
  --argjson import_s "$(echo "$t1 - $t0" | bc -l)" --argjson bytes "$bytes" \
  --argjson p_load "$p_load" --argjson p_multiply "$p_multiply" --argjson p_topk "$p_topk" --argjson p_compute "$p_compute" \
  --slurpfile relate "$work/relate.json" '
  ($relate[0] | (if type == "array" then . else (.kinds // .results // .) end) | map(select(.kind == "track_co_playlist" or .Kind == "TrackCoPlaylist" or .kind == "TrackCoPlaylist"))[0]) as $r
  | {playlists: $playlists, top_k: $topk, entries: $entries,
     import_s: $import_s, import_entries_per_s: ($entries / $import_s),
     relate_load_s: ($r.loadSeconds // $r.LoadSeconds), relate_compute_s: ($r.computeSeconds // $r.ComputeSeconds),
     relate_write_s: ($r.writeSeconds // $r.WriteSeconds), relate_rows: ($r.rows // $r.Rows),
     store_bytes: $bytes,
     peer_load_s: $p_load, peer_multiply_s: $p_multiply, peer_topk_s: $p_topk, peer_compute_s: $p_compute}
  | .relate_s = (.relate_load_s + .relate_compute_s + .relate_write_s)
  | .ratio_relate_to_peer_compute = (.relate_s / .peer_compute_s)' | tee "${out:-/dev/null}"
