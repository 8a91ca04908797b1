#!/usr/bin/env bash
# Load benchmark of the HTTP API's unveil endpoint with wrk (apt-get install wrk). Not part of CI.
#
#   scripts/bench-http.sh [--db FILE] [--ids N] [--duration 30s] [--connections 64] [--threads 2] [--port PORT] [--only a|b|c]
#
# Builds a demo store when --db is not given (./sgr demo), then for each variant starts `./sgr serve` on 127.0.0.1:PORT,
# waits for /health, warms up for 5 s and runs `wrk -tT -cC -dD --latency -s <script>`:
#   (a) rotating   /api/unveil/{kind}/{id} over the N artists and N tracks with the most relation rows, output cache on
#                  (60 s; every URL is requested once first, so the 30 s run sees a filled cache)
#   (b) rotating   the same URLs with --cache-seconds 0 (every request reads SQLite)
#   (c) hot        one URL (the artist with the most relations), output cache on
# and prints requests/s, p50, p99, errors (non-2xx answers counted by the Lua response hook, plus socket errors) and
# the server's CPU time per request during the timed run (user + system, from /proc; less noisy than wall-clock figures
# when other jobs share the cores). --only runs one variant.
# wrk and the server share the machine's cores: on a 2-core machine the figures are a floor, not the server alone.
set -euo pipefail
cd "$(dirname "$0")/.."

db="" ids=500 duration=30s connections=64 threads=2 port=5097 only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --ids) ids="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed: apt-get install sqlite3" >&2; exit 1; }

work="$(mktemp -d /tmp/sg-bench-http.XXXXXX)"
server=""
stop_server() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi; }
trap 'stop_server; rm -rf "$work"' EXIT

if [ -z "$db" ]; then
  db="$work/demo.db"
  echo "building a demo store at $db (./sgr demo)…"
  ./sgr demo --db "$db" >/dev/null
fi
[ -f "$db" ] || { echo "no store at $db" >&2; exit 1; }
./sgr --help >/dev/null 2>"$work/build.log" || { cat "$work/build.log" >&2; exit 1; }  # builds sgr (Release) once, before any timing

# The N artists and N tracks with the most stored relation rows.
sqlite3 -readonly "$db" "
  SELECT 'artist', src_id FROM (SELECT src_id, SUM(neighbours) n FROM relation_lists WHERE kind LIKE 'artist\_%' ESCAPE '\\' GROUP BY src_id ORDER BY n DESC, src_id LIMIT $ids)
  UNION ALL
  SELECT 'track', src_id FROM (SELECT src_id, SUM(neighbours) n FROM relation_lists WHERE kind LIKE 'track\_%' ESCAPE '\\' GROUP BY src_id ORDER BY n DESC, src_id LIMIT $ids);" \
  | awk -F'|' '{ printf "  \"/api/unveil/%s/%s\",\n", $1, $2 }' > "$work/paths.txt"
count=$(wc -l < "$work/paths.txt")
hot=$(head -n 1 "$work/paths.txt" | tr -d ' ",')
echo "$count unveil URLs (first: $hot)"

# wrk script: rotate over the paths (each thread starts at a different offset), count non-2xx, print them in done().
write_lua() { # $1 = file, $2 = Lua table body
  cat > "$1" <<LUA
local paths = {
$2
}
local counter, non2xx = 0, 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counter = math.random(#paths) end
function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("non2xx") or 0) end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad,
    e.connect + e.read + e.write + e.timeout))
end
LUA
}
write_lua "$work/rotate.lua" "$(cat "$work/paths.txt")"
write_lua "$work/hot.lua" "  \"$hot\","

start_server() { # $1 = cache seconds
  dotnet src/SoundGraph.Cli/bin/Release/net10.0/sgr.dll serve --db "$db" --urls "http://127.0.0.1:$port" --cache-seconds "$1" > "$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "the server did not answer /health" >&2; cat "$work/serve.log" >&2; exit 1
}

run_variant() { # $1 = name, $2 = cache seconds, $3 = lua script, $4 = "prime" to request every URL once first
  start_server "$2"
  if [ "${4:-}" = prime ]; then  # fill the output cache (60 s) so the timed 30 s run measures it, not the first misses
    tr -d ' ",' < "$work/paths.txt" | sed "s|^|http://127.0.0.1:$port|" | xargs -P 4 -n 1 curl -fs -o /dev/null
  fi
  wrk -t"$threads" -c"$connections" -d5s -s "$3" "http://127.0.0.1:$port" >/dev/null  # warm-up (JIT, SQLite pages, cache)
  local line cpu0 cpu1 requests
  cpu0=$(awk '{ print $14 + $15 }' "/proc/$server/stat")
  line=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$3" "http://127.0.0.1:$port" | tee "$work/$1.txt" | grep '^RESULT')
  cpu1=$(awk '{ print $14 + $15 }' "/proc/$server/stat")
  stop_server
  requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<< "$line")
  printf '%-34s %s server_cpu_ms_per_request=%s\n' "$1" "${line#RESULT }" \
    "$(awk -v c=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { x = (n > 0) ? c * 1000 / hz / n : 0; printf "%.2f", x }')"
}

echo "wrk -t$threads -c$connections -d$duration --latency, $(nproc) cores shared by wrk and the server"
if [ -z "$only" ] || [ "$only" = a ]; then run_variant "(a) rotating, output cache 60 s" 60 "$work/rotate.lua" prime; fi
if [ -z "$only" ] || [ "$only" = b ]; then run_variant "(b) rotating, --cache-seconds 0" 0 "$work/rotate.lua"; fi
if [ -z "$only" ] || [ "$only" = c ]; then run_variant "(c) one hot URL, cache 60 s" 60 "$work/hot.lua"; fi
