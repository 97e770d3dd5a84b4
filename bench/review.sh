#!/bin/sh
# `adr review` benchmark: a repository of 10,000 structured records (with scopes) and
# 50 commits of history, and a pull request touching 20 files (records added, superseded,
# edited; governed code changed). Floors measured in the same run: `git diff --name-status`
# (what any review must ask git) and `adr list` (reading every record once).
#
# `bench/review.sh WORKDIR scoped` measures the other shape instead: N superseded records that
# all scope `src/**` (and one of 16 folders each) and a change touching M files under src/, at
# 1x (N=250, M=4,000), 2x and 4x. Every changed file is governed only by stale decisions, so
# each one is a finding: the review's cost must grow like N + M, not N x M.
#
# `bench/review.sh WORKDIR chain` measures a supersede chain: N records each superseded by the
# next (N = 3,000, 6,000, 12,000) and a change editing the first, so the review follows the
# chain to its end: the cost must grow like N, not N x N.
# Usage: bench/review.sh [WORKDIR] [scoped|chain]   (uses hyperfine when installed, else /usr/bin/time)
set -eu
cd "$(dirname "$0")/.."
W=${1:-$(mktemp -d)}
cargo build --release --quiet --bin adr --example gen_log
T=${CARGO_TARGET_DIR:-$PWD/target}
ADR=$T/release/adr
GEN=$T/release/examples/gen_log
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.invalid GIT_CONFIG_GLOBAL=/dev/null

# One repository of the scoped shape: $1 superseded records, $2 changed files.
scoped_repo() {
  rm -rf "$R" && mkdir -p "$R/doc/adr" && cd "$R"
  git init -q -b main
  printf 'dir = "doc/adr"\n' > .adr.toml
  awk -v n="$1" 'BEGIN {
    s = n + 1
    for (i = 1; i <= n; i++) {
      f = sprintf("doc/adr/%04d-old-rule-%d.md", i, i)
      printf "---\nstatus: superseded\ndate: 2024-01-02\nscope: [\"src/**\", \"src/m%d/**\"]\n", i % 16 > f
      printf "links:\n  - {type: superseded-by, target: %04d-new-rule.md}\n---\n# Old rule %d\n", s, i > f
      close(f)
    }
    f = sprintf("doc/adr/%04d-new-rule.md", s)
    printf "---\nstatus: accepted\ndate: 2024-01-02\nlinks:\n" > f
    for (i = 1; i <= n; i++) printf "  - {type: supersedes, target: %04d-old-rule-%d.md}\n", i, i > f
    printf "---\n# New rule\n" > f
  }'
  mkdir -p $(seq 0 15 | sed 's|^|src/m|')
  gen_files() {
    awk -v m="$1" -v line="$2" 'BEGIN {
      for (j = 0; j < m; j++) { f = sprintf("src/m%d/f%d.rs", j % 16, j); print line >> f; close(f) }
    }'
  }
  gen_files "$2" "// base"
  git add -A && git commit -qm base
  git checkout -qb feature
  gen_files "$2" "// changed"
  git add -A && git commit -qm change
}

# One repository of the chain shape: $1 records, each superseded by the next (both sides
# linked); the change edits record 1.
chain_repo() {
  rm -rf "$R" && mkdir -p "$R/doc/adr" && cd "$R"
  git init -q -b main
  awk -v n="$1" 'BEGIN {
    for (i = 1; i <= n; i++) {
      f = sprintf("doc/adr/%05d-r.md", i)
      printf "---\nstatus: %s\nlinks:\n", (i < n ? "superseded" : "accepted") > f
      if (i > 1) printf "  - {type: supersedes, target: %05d-r.md}\n", i - 1 > f
      if (i < n) printf "  - {type: superseded-by, target: %05d-r.md}\n", i + 1 > f
      printf "---\n# R%d\n\nText.\n", i > f
      close(f)
    }
  }'
  git add -A && git commit -qm base
  git checkout -qb feature
  printf '\nEdited.\n' >> doc/adr/00001-r.md
  git commit -qam change
}

if [ "${2:-}" = chain ]; then
  for k in 1 2 4; do
    R=$W/review-chain-$k
    chain_repo $((3000 * k))
    echo "${k}x: a chain of $((3000 * k)) records, the first edited"
    /usr/bin/time -f "%e s wall, %U s user, %S s system, peak %M KB" \
      "$ADR" review --base main --format json >/dev/null
  done
  exit 0
fi

if [ "${2:-}" = scoped ]; then
  for k in 1 2 4; do
    R=$W/review-scoped-$k
    scoped_repo $((250 * k)) $((4000 * k))
    echo "${k}x: $((250 * k)) superseded scoped records, $(git diff --name-only main | wc -l) changed files"
    if command -v hyperfine >/dev/null 2>&1; then
      hyperfine -N -i --warmup 1 --runs 10 --export-markdown "$W/review-scoped-$k.md" \
        "git diff --name-status main" \
        "$ADR review --base main --format json"
      cat "$W/review-scoped-$k.md"
    else
      for c in "git diff --name-status main" "$ADR review --base main --format json"; do
        /usr/bin/time -f "%e s, peak %M KB: $c" sh -c "$c > /dev/null"
      done
    fi
  done
  exit 0
fi
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
