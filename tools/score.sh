#!/usr/bin/env bash
# Scores `rasid extract` on the three shared sets with ../shared/tools/score-claims.
# usage: tools/score.sh [--verbose] [--profile quick|release]   (default: quick)
# Writes the predictions to target/score/<set>.jsonl; prints the summary line per set.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=quick verbose=""
while [ $# -gt 0 ]; do
  case "$1" in
    --verbose) verbose=--verbose ;;
    --profile) profile=$2; shift ;;
    *) echo "usage: $0 [--verbose] [--profile quick|release]" >&2; exit 2 ;;
  esac
  shift
done
shared=../shared
[ -d "$shared/gold" ] || { echo "../shared is not beside this checkout" >&2; exit 2; }
cargo build -q --locked --profile "$profile" -p rasid-cli
bin=target/$profile/rasid
mkdir -p target/score
for set in douma-2018 fignews-ar news-dev; do
  input=$shared/corpus/$set
  [ "$set" = fignews-ar ] && input=$input/docs.jsonl
  "$bin" extract "$input" > "target/score/$set.jsonl" 2> "target/score/$set.stderr" || true
  printf '%-11s ' "$set"
  ../shared/tools/score-claims "$shared/gold/$set/claims.jsonl" "target/score/$set.jsonl" $verbose | tail -n 1
done
