#!/bin/sh
# `adr review` benchmark: a repository of 10,000 records (2,000 accepted ones with scopes) and
# 50 commits of history, and a pull request touching 20 files (records added, superseded,
# edited; governed code changed). Floors measured in the same run: `git diff --name-status`
# (what any review must ask git) and `adr list` (reading every record once).
# Usage: bench/review.sh [WORKDIR]   (uses hyperfine when installed, else /usr/bin/time)
set -eu
cd "$(dirname "$0")/.."
W=${1:-$(mktemp -d)}
cargo build --release --quiet --bin adr --example gen_records
ADR=$PWD/target/release/adr
GEN=$PWD/target/release/examples/gen_records
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.invalid GIT_CONFIG_GLOBAL=/dev/null
R=$W/review-repo
rm -rf "$R" && mkdir -p "$R" && cd "$R"
git init -q -b main
"$GEN" doc/adr 10000
printf 'dir = "doc/adr"\nformat = "structured"\n' > .adr.toml
# Give every record a scope of one of 50 code folders.
perl -pi -e 'if (/^date: / && $ARGV =~ /(\d+)-record/) { $_ .= "scope: [\"src/m" . ($1 % 50) . "/**\"]\n" }' doc/adr/*.md
for m in $(seq 0 49); do mkdir -p src/m$m && for f in 1 2 3 4; do echo "// $m $f" > src/m$m/f$f.rs; done; done
git add -A && git commit -qm "10,000 records"
for c in $(seq 1 50); do echo "// change $c" >> src/m$((c % 50))/f1.rs; git commit -qam "history $c"; done
git checkout -qb feature
"$ADR" new --status accepted "Use a new cache" >/dev/null
"$ADR" supersede 16 "Replace record 16" >/dev/null
for i in 0021 0026 0031 0036 0041; do sed -i 's/paragraph 0 of record/paragraph zero of record/' doc/adr/$i-record-*.md; done
for m in 0 10 20 30 1 6 11 16 21 26 31 36; do echo "// pr" >> src/m$m/f2.rs; done
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
