#!/bin/sh
# Site build benchmark: 1,000 and 10,000 synthetic records, beside the floor (reading the same
# files and rendering them with pulldown-cmark alone), and a rebuild after one record changed.
# Usage: bench/site.sh [WORKDIR]   (needs GNU time at /usr/bin/time for peak RSS)
set -eu
cd "$(dirname "$0")/.."
W=${1:-$(mktemp -d)}
cargo build --release --quiet --bin adr --example gen_records --example floor
BIN=target/release
t() { /usr/bin/time -f "%e s, peak %M KB" "$@" 2>&1 >/dev/null | tail -1; }
for n in 1000 10000; do
  d=$W/r$n
  rm -rf "$d" && mkdir -p "$d"
  $BIN/examples/gen_records "$d/doc/adr" $n
  echo "== $n records"
  echo "floor (read + pulldown-cmark): $(t $BIN/examples/floor "$d/doc/adr")"
  rm -rf "$d/site"
  echo "adr site build (cold):          $(t $BIN/adr --dir "$d/doc/adr" site build --out "$d/site")"
  echo "adr site build (no change):     $(t $BIN/adr --dir "$d/doc/adr" site build --out "$d/site")"
  sed -i 's/paragraph 0 of record 5 /paragraph 0 of record 5, edited /' "$d/doc/adr/0005-record-5.md"
  echo "adr site build (one changed):   $(t $BIN/adr --dir "$d/doc/adr" site build --out "$d/site")"
  $BIN/adr --dir "$d/doc/adr" site build --out "$d/site" 2>&1 | tail -1
done
