#!/bin/sh
# `adr mcp` benchmark: decisions_governing on a log of 10,000 structured records (each with a
# `scope`, examples/gen_log.rs), timed over stdio with bare JSON-RPC (bench/mcp_governing.py):
# from start to the answer to `initialize`, the first call (right after `initialize`, and 1 s
# after it), and the median of 20 more. The baselines, measured in the same run on the same log
# with hyperfine: `adr list`, which reads the same summary cache, and `adr list` with no cache
# (ADR_NO_CACHE=1) for a first call on a log no command has read yet.
# Usage: bench/mcp.sh [WORKDIR]   (needs hyperfine and python3)
set -eu
cd "$(dirname "$0")/.."
W=${1:-$(mktemp -d)}
T=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --release --quiet --bin adr --example gen_log
ADR=$T/release/adr
GEN=$T/release/examples/gen_log
TIMER=$PWD/bench/mcp_governing.py
L=$W/mcp-log
rm -rf "$L" && mkdir -p "$L"
git -C "$L" init -q
"$GEN" --count 10000 --format structured --out "$L" >/dev/null
cd "$L"
FILES="src/$(ls src | sed -n 1p)/mod.rs src/$(ls src | sed -n 2p)/mod.rs README.md"
export XDG_CACHE_HOME=$W/cache
rm -rf "$XDG_CACHE_HOME"
# shellcheck disable=SC2086
cold=$(python3 "$TIMER" "$ADR" "$L" $FILES)
hyperfine -N --warmup 3 --runs 30 --export-json "$W/list.json" "$ADR list" >/dev/null
hyperfine -N --warmup 1 --runs 10 --export-json "$W/nocache.json" \
  --command-name "ADR_NO_CACHE=1 adr list" "env ADR_NO_CACHE=1 $ADR list" >/dev/null
# shellcheck disable=SC2086
now=$(python3 "$TIMER" "$ADR" "$L" $FILES)
# shellcheck disable=SC2086
later=$(python3 "$TIMER" --wait 1 "$ADR" "$L" $FILES)
python3 - "$W" "$cold" "$now" "$later" "$FILES" <<'PY'
import json, sys
w = sys.argv[1]
cold, now, later = (json.loads(a) for a in sys.argv[2:5])
runs = json.load(open(f"{w}/list.json"))["results"][0]
nocache = json.load(open(f"{w}/nocache.json"))["results"][0]
base, base_cold = runs["mean"] * 1000, nocache["mean"] * 1000
print(f"files: {sys.argv[5]}; governing decisions: {now['decisions']} shown (limit 50), answer {now['bytes']} bytes")
print()
print("| measure | ms | baseline | ratio |")
print("|:---|---:|:---|---:|")
print(f"| `adr list` (hyperfine, {len(runs['times'])} runs) | {base:.1f} ± {runs['stddev'] * 1000:.1f} | | |")
cpu_list = (runs["user"] + runs["system"]) * 1000
print(f"| `ADR_NO_CACHE=1 adr list` ({len(nocache['times'])} runs) | {base_cold:.1f} ± {nocache['stddev'] * 1000:.1f} | | |")
for label, value, ref, name in [
    ("start to `initialize` answered", now["start_ms"], base, "`adr list`"),
    ("decisions_governing right after `initialize`", now["first_ms"], base, "`adr list`"),
    ("decisions_governing 1 s after `initialize`", later["first_ms"], base, "`adr list`"),
    ("decisions_governing, median of 20 more", later["median_ms"], base, "`adr list`"),
    ("decisions_governing right after `initialize`, no cache", cold["first_ms"], base_cold, "`ADR_NO_CACHE=1 adr list`"),
]:
    print(f"| {label} | {value:.1f} | {name} | {value / ref:.2f} |")
print()
print("CPU time (user + system), which other processes on the machine do not inflate:")
print()
print("| measure | CPU ms | ratio |")
print("|:---|---:|---:|")
print(f"| `adr list` (hyperfine mean) | {cpu_list:.1f} | 1.00 |")
print(f"| decisions_governing, per call over 20 (server process, /proc) | {later['cpu_ms']:.1f} | {later['cpu_ms'] / cpu_list:.2f} |")
PY
