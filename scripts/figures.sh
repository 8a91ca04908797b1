#!/usr/bin/env bash
# Regenerates the measured figures in docs/ from scratch, so every figure there comes from a command, not a keyboard.
#
#   scripts/figures.sh          # every section
#   scripts/figures.sh eval     # only the named sections (known: eval sage collab cvae speed)
#
# A section is a function figures_<name> that measures into a temporary folder and replaces the generated blocks of
# its page: the lines between "<!-- generated:NAME -->" and "<!-- end:NAME -->" (the prose around them is kept, so it is
# edited in the page itself). To add a section: write figures_<name>, add <name> to SECTIONS, put its markers in a page.
# Needs the .NET 10 SDK, jq and ../shared/data (see ../shared). On 2 cores: eval about 4 minutes, sage 2, cvae 2, collab seconds.
set -euo pipefail

SECTIONS=(eval sage collab cvae speed)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED_DATA="${SHARED_DATA:-$ROOT/../shared/data}"
SEED=42
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

WORK="$(mktemp -d "${TMPDIR:-/tmp}/sg-figures.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

say() { printf 'figures: %s\n' "$*" >&2; }

sgr() { dotnet "$ROOT/src/SoundGraph.Cli/bin/Release/net10.0/sgr.dll" "$@"; }

build() {
  say "building src/SoundGraph.Cli (Release)"
  dotnet build "$ROOT/src/SoundGraph.Cli/SoundGraph.Cli.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
}

# The store the figures are measured on, built once per run: `sgr demo`, then the account-export playlists.
DEMO_DB=""
demo_store() {
  if [[ -z "$DEMO_DB" ]]; then
    DEMO_DB="$WORK/demo.db"
    say "sgr demo into $DEMO_DB"
    sgr demo --db "$DEMO_DB" > "$WORK/demo.log"
    cp "$DEMO_DB" "$WORK/plain-demo.db"   # the store `sgr demo` alone gives, for sections measured on it
    say "import playlists-tsv $SHARED_DATA/spotify-account-export-playlists"
    sgr import playlists-tsv "$SHARED_DATA/spotify-account-export-playlists" --db "$DEMO_DB" > "$WORK/import.log"
  fi
}

# jq helpers: fN rounds to N decimals and pads; pct1 is a share as a percentage with one decimal; sgn adds a sign (a
# value that rounds to zero gets +); thousands rounds to an integer and groups its digits.
JQ_FMT='
  def fmt($d): (. * pow(10; $d) | round) as $n | ($n | if . < 0 then -. else . end | . + 0) as $a
    | (if $n < 0 then "−" else "" end) + "\($a / pow(10; $d) | floor)"
      + (if $d > 0 then "." + ("\(pow(10; $d) + ($a % pow(10; $d)))"[1:]) else "" end);
  def f2: fmt(2); def f3: fmt(3); def f4: fmt(4); def f1: fmt(1);
  def pct1: (. * 100) | f1 | . + " %";
  def sgn($d): fmt($d) as $t | if ($t | startswith("−")) then $t else "+" + $t end;
  def thousands: round as $r | (if $r < 0 then "−" else "" end) as $sign | ($r | if . < 0 then -. else . end | . + 0 | tostring) as $s
    | ($s | length) as $n
    | $sign + ([range(0; $n) | $s[.:. + 1] + (if . < $n - 1 and ($n - 1 - .) % 3 == 0 then "," else "" end)] | join(""));'

# replace_block PAGE NAME FILE: the lines between PAGE's markers for NAME become FILE's contents.
replace_block() {
  local page="$1" name="$2" file="$3"
  grep -qx "<!-- generated:$name -->" "$page" && grep -qx "<!-- end:$name -->" "$page" \
    || { say "$page has no <!-- generated:$name --> … <!-- end:$name --> block"; exit 1; }
  awk -v begin="<!-- generated:$name -->" -v end="<!-- end:$name -->" -v src="$file" '
    $0 == begin { print; while ((getline line < src) > 0) print line; close(src); skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }' "$page" > "$page.tmp"
  mv "$page.tmp" "$page"
}

# A report of `sgr eval recommend --out` one heading level down (its ## title sits under a ## section of the page).
demote() { sed -e 's/^### /#### /' -e 's/^## /### /' "$1"; }

# summary_rows LABEL JSON METRIC…: one Markdown row per scenario of the report and metric (ndcg20 or rprec):
# item-kNN, ALS, BPR, FastRP, popularity, blend, and blend / item-kNN.
summary_rows() {
  local label="$1" json="$2"
  shift 2
  local metric
  for metric in "$@"; do
    jq -r --arg name "$label" --arg metric "$metric" "$JQ_FMT"'
      def value: if $metric == "ndcg20" then .ndcg["20"] else .rPrecision end;
      .results as $all
      | ($all | map(.scenario) | reduce .[] as $x ([]; if any(.[]; . == $x) then . else . + [$x] end) | .[]) as $s
      | ($all | map(select(.scenario == $s)) | map({key: .model, value: value}) | from_entries) as $m
      | ($all | map(select(.scenario == $s)) | .[0].cases) as $cases
      | "| \($name), \($s) (\($cases)) | \(if $metric == "ndcg20" then "NDCG@20" else "R-precision" end) | "
        + (["itemknn", "als", "bpr", "fastrp", "popularity"] | map($m[.] | if . == null then "–" else f4 end) | join(" | "))
        + " | **\($m.blend | f4)** | \(if $m.blend and $m.itemknn then "\($m.blend / $m.itemknn | f3)×" else "–" end) |"' "$json"
  done
}

figures_eval() {
  local page="$ROOT/docs/evaluation.md" out="$WORK/eval"
  mkdir -p "$out"
  demo_store
  say "eval recommend: hetrec"
  sgr eval recommend --dataset hetrec --seed "$SEED" --db "$DEMO_DB" --out "$out/hetrec.md" > "$out/hetrec.log"
  local split
  for split in by-owner random; do
    say "eval recommend: playlists, --split $split"
    sgr eval recommend --dataset playlists --split "$split" --seed "$SEED" --db "$DEMO_DB" --out "$out/playlists-$split.md" > "$out/playlists-$split.log"
  done

  {
    echo "| data set, split, scenario (test queries) | metric | item-kNN | ALS | BPR | FastRP | popularity | blend | blend / item-kNN |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
    summary_rows "HetRec" "$out/hetrec.json" ndcg20
    summary_rows "playlists **by owner**" "$out/playlists-by-owner.json" rprec ndcg20
    summary_rows "playlists random" "$out/playlists-random.json" rprec ndcg20
    echo
    jq -r "$JQ_FMT"'
      .results as $r | ($r[] | select(.model == "blend")) as $b | ($r[] | select(.model == "itemknn" and .scenario == $b.scenario)) as $k
      | ($b.ndcg["20"] / $k.ndcg["20"]) as $x
      | "- HetRec goal (blend ≥ 1.15× item-kNN NDCG@20): \($x | f3)×, **\(if $x >= 1.15 then "met" else "missed" end)**."' "$out/hetrec.json"
    local split
    for split in by-owner random; do
      jq -r --arg split "$split" '
        (.results as $r | [$r[] | select(.model == "blend") as $b | ($r[] | select(.model == "itemknn" and .scenario == $b.scenario)) as $k
          | "\($b.scenario): \(if $b.rPrecision > $k.rPrecision then "beats" else "does not beat" end) it"] | join(", ")) as $verdict
        | "- Playlists, \($split) split, blend against item-kNN R-precision: \($verdict). "
          + (.notes[] | select(startswith("hidden tracks that also sit")) | (.[0:1] | ascii_upcase) + .[1:])' "$out/playlists-$split.json"
    done
    echo
    echo "Generated by \`scripts/figures.sh eval\` (seed $SEED) at commit $(git -C "$ROOT" rev-parse --short HEAD)$([ -z "$(git -C "$ROOT" status --porcelain -- src scripts data)" ] || echo ' plus uncommitted changes')."
  } > "$out/summary.md"
  replace_block "$page" eval-summary "$out/summary.md"
  demote "$out/playlists-by-owner.md" > "$out/by-owner.section.md"
  replace_block "$page" eval-playlists-by-owner "$out/by-owner.section.md"
  demote "$out/playlists-random.md" > "$out/random.section.md"
  replace_block "$page" eval-playlists-random "$out/random.section.md"
  demote "$out/hetrec.md" > "$out/hetrec.section.md"
  replace_block "$page" eval-hetrec "$out/hetrec.section.md"
  say "wrote $page"
}

# docs/models.md: sage, collab, cvae.
# shellcheck source=scripts/figures/speed.sh
source "$ROOT/scripts/figures/speed.sh"
# shellcheck source=scripts/figures/models.sh
source "$ROOT/scripts/figures/models.sh"

main() {
  command -v jq > /dev/null || { say "needs jq"; exit 1; }
  local wanted=("$@")
  [[ ${#wanted[@]} -gt 0 ]] || wanted=("${SECTIONS[@]}")
  local section
  for section in "${wanted[@]}"; do
    [[ " ${SECTIONS[*]} " == *" $section "* ]] || { say "unknown section '$section' (known: ${SECTIONS[*]})"; exit 2; }
  done
  build
  for section in "${wanted[@]}"; do
    "figures_$section"
  done
}

main "$@"
