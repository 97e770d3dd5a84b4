#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 600) each, two at a time, seeded from the shared
# corpus of real-world records (read in place, never copied into the project) and the SVG
# fixtures. Needs cargo-fuzz
# (`cargo install cargo-fuzz`); the stable toolchain runs it with RUSTC_BOOTSTRAP=1. No sanitizer
# (`-s none`): the library is safe Rust, and without ASan each target runs several times faster.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]   Work folders: $FUZZ_WORK (default /tmp/adr-fuzz).
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse_record edit_front_matter render_markdown)
work=${FUZZ_WORK:-/tmp/adr-fuzz}
corpus=../../shared/corpus
# The SVG fixtures seed the Markdown target's SVG check (hostile ones too: mutants of them are
# the interesting inputs); the accepted SVGs of its corpus are replayed in Chromium by
# `ADR_SVG_CORPUS=$FUZZ_WORK/render_markdown cargo test --test abuse_site every_accepted_svg`.
seeds=(../tests/fixtures/svg)
if [ -d "$corpus" ]; then seeds+=("$corpus"); else echo "skipped seeds: corpus not found at $corpus"; fi
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O -s none
run() {
  local t=$1
  mkdir -p "$work/$t" "$work/artifacts/$t"
  cargo fuzz run -O -s none "$t" "$work/$t" "${seeds[@]}" -- \
    -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=1024 \
    -artifact_prefix="$work/artifacts/$t/" -print_final_stats=1 >"$work/$t.log" 2>&1 || true
  echo "== $t: $(grep -E 'stat::number_of_executed_units' "$work/$t.log" | awk '{print $2}') executions," \
    "$(ls "$work/artifacts/$t" | wc -l) crash/timeout artifacts in $work/artifacts/$t"
}
running=0
for t in "${targets[@]}"; do
  run "$t" &
  running=$((running + 1))
  if [ "$running" -ge 2 ]; then wait -n; running=$((running - 1)); fi
done
wait
