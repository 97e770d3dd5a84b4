#!/usr/bin/env bash
# Benchmarks every user-facing `adr` command on synthetic decision logs (1,000 and 10,000
# records, each format) and on the Rust RFCs, each beside a floor measured in the same run, and
# writes the table to bench/RESULTS.md.
#
#   bench/run.sh                 # everything (about 20-30 minutes on 2 cores)
#   SIZES=1000 FORMATS=nygard bench/run.sh    # a subset
#
# Needs hyperfine, GNU time and jq (installed with apt-get when missing) and git.
# Work folder: $BENCH_WORK (default: a fresh temp dir, removed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
SIZES=${SIZES-"1000 10000"}   # SIZES= (empty) runs the RFCs only
FORMATS=${FORMATS:-"structured nygard madr"}
RFCS=${RFCS:-$root/../shared/corpus/rust-lang__rfcs/text}
out_md=${OUT:-$root/bench/RESULTS.md}

need() {
  command -v "$1" >/dev/null 2>&1 && return
  echo "installing $2" >&2
  (apt-get update -qq && apt-get install -y -qq "$2") >/dev/null
}
need hyperfine hyperfine
need jq jq
[ -x /usr/bin/time ] || need /usr/bin/time time

commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml || echo +changes)
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
cargo build --release --quiet --bin adr --example gen_log --example floor_render
adr=$root/target/release/adr
gen=$root/target/release/examples/gen_log
floor_render=$root/target/release/examples/floor_render
commands=$("$adr" --help | awk '/^Commands:/{f=1;next} /^$/{f=0} f{print $1}')
has() { grep -qx "$1" <<<"$commands"; }

work=${BENCH_WORK:-$(mktemp -d /tmp/adr-bench.XXXXXX)}
mkdir -p "$work"
# The summary cache of list and generate toc (src/cache.rs) lives here, not in the user's own.
export XDG_CACHE_HOME=$work/cache
mkdir -p "$work/trash"
[ -n "${BENCH_WORK:-}" ] || trap 'rm -rf "$work"' EXIT
rows=$work/rows.tsv
: >"$rows"

# git keeps each log's pristine state: commands that change records are undone between runs.
snapshot() {
  git -C "$1" init -q && git -C "$1" add -A &&
    git -C "$1" -c user.name=bench -c user.email=bench@example.invalid commit -qm log
}
restore="git checkout -q -- doc/adr && git clean -fdq doc/adr"

# time LABEL FLOOR-LABEL TARGET PREPARE COMMAND: mean and sigma (ms) with hyperfine, peak RSS
# (KB) from one more run under GNU time; appended to the rows.
measure() {
  local log=$1 label=$2 floor=$3 target=$4 prepare=$5 cmd=$6 runs=${7:-10}
  local json=$work/h.json
  local args=(--style none --warmup 1 --min-runs 3 --max-runs "$runs" --export-json "$json")
  [ -n "$prepare" ] && args+=(--prepare "$prepare")
  if ! hyperfine "${args[@]}" "$cmd" >/dev/null 2>"$work/h.err"; then
    # A command the log cannot take (an RFC has no status to change) is listed, not timed.
    local why
    why=$(grep -o 'exit code: [0-9]*' "$work/h.err" | head -1)
    echo "  $label: not timed (${why:-failed})" >&2
    printf '%s\t%s\t%s\tNA\t%s\t\t%s\n' "$log" "$label" "$floor" "${why:-failed}" "$target" >>"$rows"
    if [ -n "$prepare" ]; then sh -c "$restore" >/dev/null 2>&1; fi
    return 0
  fi
  local mean sd
  mean=$(jq '.results[0].mean * 1000' "$json")
  sd=$(jq '.results[0].stddev // 0 | . * 1000' "$json")
  [ -n "$prepare" ] && sh -c "$prepare" >/dev/null 2>&1
  local rss
  /usr/bin/time -o "$work/rss" -f '%M' sh -c "$cmd" >/dev/null 2>&1 || true
  rss=$(tail -1 "$work/rss")
  if [ -n "$prepare" ]; then sh -c "$restore" >/dev/null 2>&1; fi
  printf '%s\t%s\t%s\t%.1f\t%.1f\t%s\t%s\n' "$log" "$label" "$floor" "$mean" "$sd" "$rss" "$target" >>"$rows"
  printf '  %-28s %9.1f ms  %7s KB\n' "$label" "$mean" "$rss" >&2
}

bench_log() {
  local name=$1 dir=$2 n=$3
  cd "$dir"
  snapshot "$dir"
  # A log as users meet it was not written in the last two seconds: the summary cache of list
  # and generate toc leaves files that young unread (src/cache.rs), and a 1,000-record log
  # reaches `list` about two seconds after it was generated.
  sleep 2.5
  echo "== $name ($n records)" >&2
  # Records from the middle of the log, by file name (RFC numbers have gaps).
  local names big big1 big2 big3
  names=$(ls doc/adr | grep -E '^[0-9]+-.*\.md$' | sed -n "$((n / 2)),$((n / 2 + 3))p")
  read -r big big1 big2 big3 <<<"$(echo $names)"
  measure "$name" "floor: ls" - "" "" "ls doc/adr"
  measure "$name" "floor: cat all" - "" "" "cat doc/adr/*.md"
  measure "$name" "floor: read+render" - "" "" "$floor_render doc/adr"
  export ADR_DATE=2026-01-01
  has new && measure "$name" "new" "floor: ls" "5 ms" "$restore" "$adr new Benchmark the new command"
  has list && measure "$name" "list" "floor: cat all" "50 ms" "" "$adr list"
  has list && measure "$name" "list (ADR_NO_CACHE=1)" "floor: cat all" "" "" "ADR_NO_CACHE=1 $adr list"
  has list && measure "$name" "list --long" "floor: cat all" "50 ms" "" "$adr list --long"
  has show && measure "$name" "show" "floor: cat all" "" "" "$adr show $big"
  has generate && measure "$name" "generate toc" "floor: cat all" "50 ms" "" "$adr generate toc"
  # Findings (exit 1) are a normal outcome of check: `|| true` keeps them from failing the run.
  has check && measure "$name" "check" "floor: cat all" "1 s" "" "$adr check --deny error || [ \$? = 1 ]"
  has supersede && measure "$name" "supersede" "floor: cat all" "" "$restore" "$adr supersede $big Replace the middle record"
  has status && measure "$name" "status" "floor: cat all" "" "$restore" "$adr status $big1 deprecated --force"
  has link && measure "$name" "link" "floor: cat all" "" "$restore" "$adr link $big2 Amends $big3 'Amended by'"
  has renumber && measure "$name" "renumber" "floor: cat all" "" "$restore" "$adr renumber $big3 99999"
  has export && measure "$name" "export" "floor: cat all" "" "" "$adr export -o $work/bundle.json"
  if has review; then
    # A pull request of about 20 files: a new record, a supersede (two records), five records
    # edited, twelve governed source folders touched (generated logs have them).
    local base edited orig rec folder
    base=$(git rev-parse HEAD)
    orig=$(git rev-parse --abbrev-ref HEAD)
    git checkout -q -b bench-pr
    "$adr" new --status accepted "Use a new cache" >/dev/null 2>&1 || true
    "$adr" supersede "$big" "Replace the middle record" >/dev/null 2>&1 || true
    edited=$(ls doc/adr | grep -E '^[0-9]+-.*\.md$' | sed -n '21p;26p;31p;36p;41p')
    for rec in $edited; do printf '\nA later remark.\n' >>"doc/adr/$rec"; done
    if [ -d src ]; then for folder in $(ls src | head -12); do echo "// pr" >>"src/$folder/mod.rs"; done; fi
    git add -A && git -c user.name=bench -c user.email=bench@example.invalid commit -qm pr
    echo "  review: $(git diff --name-only "$base" | wc -l) files changed" >&2
    measure "$name" "review (PR of ~20 files)" "floor: cat all" "1 s" "" \
      "$adr review --base $base --format json >/dev/null || [ \$? = 1 ]" 5
    git checkout -q -f "$orig" && git branch -q -D bench-pr && git clean -fdq
  fi
  if has site; then
    local site_target="3 s, 300 MB"
    [ "$n" -le 1000 ] && site_target="0.5 s"
    # A full build goes into a folder that does not exist yet. The previous one is moved
    # aside, not deleted: ext4 skips inodes freed in the last minutes when it allocates new
    # ones, so creating 10,000 files right after deleting 10,000 costs several times more
    # system time than either (perf: `recently_deleted`, `find_inode_bit`). The folders
    # moved aside are deleted at the very end of the run.
    measure "$name" "site build (full)" "floor: read+render" "$site_target" \
      "[ ! -e $work/site ] || mv $work/site $work/trash/site.\$(date +%s%N)" \
      "$adr site build --out $work/site" 3
    if command -v node >/dev/null 2>&1; then
      node "$root/bench/search.mjs" "$work/site" >"$work/search-$(echo "$name" | tr " /" "--").md" 2>&1 || true
    fi
    # Writing the pages is part of every build: copying the built site is what the file system
    # alone costs for that many files, measured beside it.
    measure "$name" "cp -r of the built site" "floor: read+render" "" \
      "[ ! -e $work/site-copy ] || mv $work/site-copy $work/trash/copy.\$(date +%s%N)" \
      "cp -r $work/site $work/site-copy" 3
    mv "$work/site-copy" "$work/trash/copy.last.$(date +%s%N)"
    # Each run edits one record, so each rebuild starts from a site one record out of date.
    local one
    one=$(ls doc/adr | sed -n 5p)
    measure "$name" "site build (one changed)" "floor: read+render" "" \
      "printf '\nEdited at %s.\n' \$(date +%s%N) >> doc/adr/$one" \
      "$adr site build --out $work/site" 3
    mv "$work/site" "$work/trash/site.last.$(date +%s%N)"
  fi
  sh -c "$restore"
  unset ADR_DATE
  cd "$root"
}

for n in $SIZES; do
  for f in $FORMATS; do
    d=$work/$f-$n
    "$gen" --count "$n" --format "$f" --out "$d" 2>/dev/null
    bench_log "$f $n" "$d" "$n"
    mv "$d" "$work/trash/log.$f-$n"
  done
done
if [ -d "$RFCS" ]; then
  d=$work/rfcs
  mkdir -p "$d/doc/adr"
  cp "$RFCS"/*.md "$d/doc/adr/"
  bench_log "rust-lang/rfcs" "$d" "$(ls "$d/doc/adr" | wc -l)"
  mv "$d" "$work/trash/log.rfcs"
else
  echo "skipped: rust-lang/rfcs corpus not found at $RFCS" >&2
fi

# The table: each command beside its floor from the same log and run.
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh\` on $(date -u +%Y-%m-%d) for commit $commit"
  echo "($(nproc) cores, $(uname -sr); $(hyperfine --version); load average $load_start at the"
  echo "start, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) at the end). Times are hyperfine means over"
  echo "warm runs; peak memory is the maximum resident set size from GNU time. The ratio is the"
  echo "command's mean over its floor's mean, from the same log in the same run."
  echo
  echo "| log | command | mean (ms) | ± (ms) | floor | floor mean (ms) | ratio | peak RSS (MB) | target |"
  echo "|---|---|---:|---:|---|---:|---:|---:|---|"
  awk -F'\t' '
    { key = $1 SUBSEP $2; mean[key] = $4 }
    $3 == "-" { next }
    { rows[++n] = $0 }
    END {
      for (i = 1; i <= n; i++) {
        split(rows[i], c, "\t")
        fm = mean[c[1] SUBSEP c[3]]
        if (c[4] == "NA") {
          printf "| %s | `%s` | n/a: refused (%s) | | `%s` | %.1f | | | %s |\n",
            c[1], c[2], c[5], substr(c[3], 8), fm, c[7]
          continue
        }
        ratio = (fm > 0) ? sprintf("%.1f", c[4] / fm) : "-"
        printf "| %s | `%s` | %.1f | %.1f | `%s` | %.1f | %s | %.0f | %s |\n",
          c[1], c[2], c[4], c[5], substr(c[3], 8), fm, ratio, c[6] / 1024, c[7]
      }
    }' "$rows"
  echo
  echo "Floors: \`ls doc/adr\` (what \`new\` needs: the names), \`cat doc/adr/*.md\` (reading every"
  echo "record), \`examples/floor_render\` (reading every record and rendering it with pulldown-cmark"
  echo "on all cores). \`list\` and \`generate toc\` are timed warm, as a user meets them: their summary"
  echo "cache (src/cache.rs) holds every record, so they stat the records and read one file; the"
  echo "\`ADR_NO_CACHE=1\` row reads and parses every record. \`cp -r of the built site\` is not an"
  echo "\`adr\` command: it is what writing that many pages costs this machine's file system alone."
  for f in "$work"/search-*.md; do
    [ -e "$f" ] || continue
    echo
    echo "### Search on the built site: $(basename "$f" .md | sed 's/^search-//; s/-/ /')"
    echo
    echo "\`node bench/search.mjs SITE\`: the site's own search.js, index files read from disk at once."
    echo
    cat "$f"
  done
} >"$out_md"
echo "wrote $out_md" >&2
rm -rf "$work/trash"
