#!/bin/sh
# Hostile shapes against `adr site build` (issue 19, items 4-6), each at 1x, 2x and 4x size:
# nested list markers, nested <div>s, a 20,000-column table (one byte a cell; 4x is near the
# 8 MiB record limit) and a supersede chain. Beside each, a baseline measured in the same run:
# a record of plain prose of the same size (for the chain: as many records, unlinked). Prints a
# Markdown table: CPU seconds (user + system, steadier than wall time on a shared machine; the
# mean of REPS builds, default 10, less a one-record build's), peak RSS, site size, and each as
# a multiple of its 1x row. Linear growth reads 1, 2, 4.
# Results: bench/ABUSE.md.   Usage: [REPS=10] [BEFORE=old/adr] bench/abuse.sh [WORKDIR]
# (GNU time at /usr/bin/time). BEFORE adds a row for the 1x input built by another binary.
set -eu
cd "$(dirname "$0")/.."
W=${1:-$(mktemp -d)}
mkdir -p "$W"
cargo build --release --quiet --bin adr
T=${CARGO_TARGET_DIR:-target}
case $T in /*) ;; *) T=$PWD/$T ;; esac
BIN=$T/release/adr

# rep N TEXT: TEXT N times.
rep() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }
head_of() { printf -- '---\nstatus: accepted\n---\n# %s\n\n' "$1"; }

# shape NAME SCALE DIR: writes the shape into DIR/doc/adr.
shape() {
  a=$3/doc/adr
  mkdir -p "$a"
  case $1 in
  lists) { head_of Lists; rep $((40000 * $2)) '- '; echo deep; } >"$a/0001-x.md" ;;
  divs) { head_of Divs; rep $((120000 * $2)) '<div>
'; echo deep; } >"$a/0001-x.md" ;;
  table)
    row=$(rep 20001 '|')
    { head_of Table; echo "$row"; printf '|'; rep 20000 '-|'; echo
      rep $((100 * $2)) "$row
"; } >"$a/0001-x.md" ;;
  chain)
    n=$((1500 * $2))
    i=1
    while [ $i -le $n ]; do
      f=$(printf '%s/%04d-r.md' "$a" $i)
      if [ $i -lt $n ]; then
        printf -- '---\nstatus: superseded\nlinks:\n  - {type: superseded-by, target: %04d-r.md}\n---\n# R%d\n\nText.\n' $((i + 1)) $i >"$f"
      else
        printf -- '---\nstatus: accepted\n---\n# R%d\n\nText.\n' $i >"$f"
      fi
      i=$((i + 1))
    done ;;
  prose-of-*)
    # The same bytes as the shape's record, as plain paragraphs.
    src=$(ls "$W/${1#prose-of-}-$2"/doc/adr/0001-x.md)
    bytes=$(wc -c <"$src")
    { head_of Prose; rep $((bytes / 80)) 'word word word word word word word word word word word word word word word.

'; } >"$a/0001-x.md" ;;
  unlinked)
    n=$((1500 * $2))
    i=1
    while [ $i -le $n ]; do
      printf -- '---\nstatus: accepted\n---\n# R%d\n\nText.\n' $i >"$(printf '%s/%04d-r.md' "$a" $i)"
      i=$((i + 1))
    done ;;
  esac
}

# run DIR: builds DIR's log REPS times into fresh folders; sets cpu (seconds a build, user +
# system), rss (MB, the largest) and site (KB).
REPS=${REPS:-10}
run() {
  cpu=0
  rss=0
  r=0
  while [ $r -lt "$REPS" ]; do
    rm -rf "$1/site"
    (cd "$1" && /usr/bin/time -f "%U %S %M" "${RUN_BIN:-$BIN}" site build --out site >/dev/null 2>"$W/err")
    set -- "$1" $(tail -1 "$W/err")
    cpu=$(echo "$cpu $2 $3" | awk '{ printf "%.3f", $1 + $2 + $3 }')
    [ $(($4 / 1024)) -gt "$rss" ] && rss=$(($4 / 1024))
    r=$((r + 1))
  done
  cpu=$(echo "$cpu $REPS" | awk '{ printf "%.3f", $1 / $2 }')
  site=$(du -sk "$1/site" | cut -f1)
}

# The cost of a build of one short record, measured first: subtracted from every row ("net").
e=$W/empty
rm -rf "$e" && mkdir -p "$e/doc/adr"
{ head_of Empty; echo Text.; } >"$e/doc/adr/0001-x.md"
run "$e"
empty=$cpu
echo "One-record build: $empty s CPU, $rss MB; CPU is the mean of $REPS builds, net of that."
echo
echo "| shape | scale | input | net CPU s | peak RSS | site | net CPU, x 1x | RSS, x 1x |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for s in lists prose-of-lists divs prose-of-divs table prose-of-table chain unlinked; do
  base_cpu=
  base_rss=
  for k in 1 2 4; do
    d=$W/$s-$k
    rm -rf "$d" && mkdir -p "$d"
    shape "$s" "$k" "$d"
    input=$(du -sk "$d/doc/adr" | cut -f1)
    run "$d"
    net=$(echo "$cpu $empty" | awk '{ n = $1 - $2; printf "%.3f", (n > 0.001 ? n : 0.001) }')
    base_cpu=${base_cpu:-$net}
    base_rss=${base_rss:-$rss}
    printf '| %s | %dx | %d KB | %s | %d MB | %d KB | %s | %s |\n' "$s" "$k" "$input" "$net" \
      "$rss" "$site" \
      "$(echo "$net $base_cpu" | awk '{ printf "%.1f", $1 / $2 }')" \
      "$(echo "$rss $base_rss" | awk '{ printf "%.1f", $1 / $2 }')"
    # BEFORE=path/to/an/older/adr: the same 1x input with it, built once.
    if [ -n "${BEFORE:-}" ] && [ "$k" = 1 ]; then
      reps=$REPS
      RUN_BIN=$BEFORE REPS=1
      run "$d"
      RUN_BIN= REPS=$reps
      printf '| %s, before | 1x | %d KB | %s | %d MB | %d KB | | |\n' "$s" "$input" "$cpu" "$rss" "$site"
    fi
  done
done
