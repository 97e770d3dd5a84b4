#!/bin/sh
# `adr review` benchmark: a repository of 10,000 structured records (with scopes) and
# 50 commits of history, and a pull request touching 20 files (records added, superseded,
# edited; governed code changed). Floors measured in the same run: `git diff --name-status`
# (what any review must ask git) and `adr list` (reading every record once).
# Usage: bench/review.sh [WORKDIR]   (uses hyperfine when installed, else /usr/bin/time)
set -eu
cd "$(dirname "$0")/.."
W=${1:-$(mktemp -d)}
cargo build --release --quiet --bin adr --example gen_log
ADR=$PWD/target/release/adr
GEN=$PWD/target/release/examples/gen_log
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.invalid GIT_CONFIG_GLOBAL=/dev/null
R=$W/review-repo
rm -rf "$R" && mkdir -p "$R" && cd "$R"
git init -q -b main
"$GEN" --count 10000 --format structured --out . >/dev/null
git add -A && git commit -qm "10,000 records"
dirs=$(ls src)
for c in $(seq 1 50); do d=$(echo "$dirs" | sed -n "$((c % 20 + 1))p"); echo "// change $c" >> "src/$d/mod.rs"; git commit -qam "history $c"; done
git checkout -qb feature
"$ADR" new --status accepted "Use a new cache" >/dev/null
"$ADR" supersede 16 "Replace record 16" >/dev/null
for i in 0021 0026 0031 0036 0041; do printf '\nA later remark.\n' >> "$(ls doc/adr/$i-*.md)"; done
for d in $(echo "$dirs" | head -12); do echo "// pr" >> "src/$d/mod.rs"; done
git add -A && git commit -qm "pull request"
echo "changed files: $(git diff --name-only main | wc -l)"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N -i --warmup 2 --runs 10 --export-markdown "$W/review.md" \
    "git diff --name-status main" \
    "$ADR list" \
    "$ADR review --base main --format json"
  cat "$W/review.md"
else
  for c in "git diff --name-status main" "$ADR list" "$ADR review --base main --format json"; do
    /usr/bin/time -f "%e s, peak %M KB: $c" sh -c "$c > /dev/null"
  done
fi
