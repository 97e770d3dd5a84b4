#!/bin/sh
# Site build benchmark: 1,000 and 10,000 synthetic records, beside the floor (reading the same
# files and rendering them with pulldown-cmark alone), a rebuild with nothing changed and a
# rebuild after one record changed. Each time is also given as a multiple of the floor measured
# in the same run. Results and how to read them: bench/SITE.md.
# Usage: bench/site.sh [WORKDIR]   (needs GNU time at /usr/bin/time for peak RSS)
set -eu
cd "$(dirname "$0")/.."
W=${1:-$(mktemp -d)}
mkdir -p "$W"
cargo build --release --quiet --bin adr --example gen_log --example floor_render
BIN=target/release
# t LABEL CMD...: wall time, peak RSS and the ratio to $FLOOR; the build's own line after it.
t() {
  label=$1
  shift
  /usr/bin/time -f "%e %M" "$@" 2>"$W/err" >/dev/null
  set -- $(tail -1 "$W/err")
  printf '%-32s %6.2f s  %5d MB  %5.1fx floor\n' "$label" "$1" $(($2 / 1024)) \
    "$(echo "$1 ${FLOOR:-$1}" | awk '{ print ($2 > 0 ? $1 / $2 : 1) }')"
  grep '^built' "$W/err" | sed 's/^/    /' || true
}
for n in 1000 10000; do
  d=$W/r$n
  rm -rf "$d" && mkdir -p "$d"
  $BIN/examples/gen_log --count $n --format structured --out "$d" >/dev/null
  echo "== $n records"
  FLOOR=
  t "floor (read + pulldown-cmark)" $BIN/examples/floor_render "$d/doc/adr"
  FLOOR=$(tail -1 "$W/err" | cut -d' ' -f1)
  rm -rf "$d/site"
  t "adr site build (cold)" $BIN/adr --dir "$d/doc/adr" site build --out "$d/site"
  t "adr site build (no change)" $BIN/adr --dir "$d/doc/adr" site build --out "$d/site"
  printf '\nEdited for the one-change rebuild.\n' >> "$(ls "$d"/doc/adr/0005-*.md)"
  t "adr site build (one changed)" $BIN/adr --dir "$d/doc/adr" site build --out "$d/site"
done
