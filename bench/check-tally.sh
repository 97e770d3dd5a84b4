#!/usr/bin/env bash
# Tally of `adr check` findings by rule over the shared corpus, and on a fresh `adr init` +
# `adr new` of each format. Each decision folder of ../shared/tools/decision-folders.txt is
# copied to a scratch `doc/adr` (as tools/truth-score.py does) and checked there with
# `--format json --no-scope`.
#
# usage: bench/check-tally.sh ADR_BIN [CORPUS_DIR] [FINDINGS_JSONL]
# prints a Markdown table (rule, severity, count) for the corpus and for the fresh records;
# FINDINGS_JSONL, when given, receives every corpus finding, one JSON object a line, with its
# folder, for reading a sample.
set -euo pipefail
adr=$(realpath "$1")
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${2:-$here/../shared/corpus}
out=${3:-/dev/null}
folders=$here/../shared/tools/decision-folders.txt
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
: >"$out"
all=$scratch/all.jsonl
: >"$all"
records=0
while read -r unit; do
  case $unit in '' | '#'*) continue ;; esac
  w=$scratch/w
  rm -rf "$w" && mkdir -p "$w/doc"
  cp -r "$corpus/$unit" "$w/doc/adr"
  json=$(cd "$w" && "$adr" check --format json --no-scope </dev/null 2>/dev/null || true)
  records=$((records + $(jq .records <<<"$json")))
  jq -c --arg unit "$unit" '.findings[] | . + {unit: $unit}' <<<"$json" >>"$all"
done <"$folders"
cat "$all" >>"$out"

table() {
  echo "| rule | severity | findings |"
  echo "|---|---|---:|"
  jq -rs 'group_by(.rule + " " + .severity) | map([.[0].rule, .[0].severity, length])
          | sort_by(-.[2], .[0]) | .[] | "| `\(.[0])` | \(.[1]) | \(.[2]) |"' "$1"
  jq -rs '"| **total** | \(map(select(.severity == "error")) | length) errors, \(map(select(.severity == "warning")) | length) warnings | **\(length)** |"' "$1"
}

echo "### Corpus: $records records in $(grep -cv '^#' "$folders") folders"
echo
table "$all"
echo
fresh=$scratch/fresh.jsonl
: >"$fresh"
for format in structured nygard madr; do
  w=$scratch/fresh-$format
  mkdir -p "$w"
  (cd "$w" && ADR_DATE=2024-01-02 "$adr" init --format "$format" >/dev/null 2>&1 &&
    ADR_DATE=2024-01-02 "$adr" new "Use Postgres" >/dev/null 2>&1)
  json=$(cd "$w" && "$adr" check --format json --no-scope 2>/dev/null || true)
  jq -c --arg f "$format" '.findings[] | . + {format: $f}' <<<"$json" >>"$fresh"
done
echo "### Fresh \`adr init\` + \`adr new\` (2 records per format)"
echo
echo "| format | rule | findings |"
echo "|---|---|---:|"
jq -rs 'group_by(.format + " " + .rule) | map([.[0].format, .[0].rule, length])
        | .[] | "| \(.[0]) | `\(.[1])` | \(.[2]) |"' "$fresh"
