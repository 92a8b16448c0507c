#!/usr/bin/env bash
# Linking at scale (README, "Measured"): the generated documents of
# `rasid bench --link` (crates/rasid-cli/src/corpus.rs).
#
# 1. 12,000 documents written as four JSON Lines files of 3,000 and ingested
#    into one store by four `rasid ingest` runs: the time of each, then of
#    `rasid incidents --db` (table and JSON) on the store.
# 2. `rasid bench --link` at SIZES (default "10000 100000"; add 1000000 for
#    the archive run): batches of 10,000 into a new store each, one process
#    per size (its peak memory is the size's).
# PROFILE=release (default) or quick; WORK=dir keeps the files.
set -euo pipefail
cd "$(dirname "$0")/../.."
profile=${PROFILE:-release}
cargo build -q --profile "$profile" -p rasid-cli
bin=target/$profile/rasid
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; build: $profile"

rm -f "$work"/docs.*.jsonl "$work"/four.db*
"$bin" bench --link --docs 12000 --batch 3000 --write-corpus "$work/docs.jsonl"
echo
echo "| step | seconds | peak memory |"
echo "|---|---:|---:|"
for i in 1 2 3 4; do
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" ingest "$work/docs.$i.jsonl" --db "$work/four.db" 2>"$work/ingest.$i.log"
  read -r secs kb < "$work/time"
  echo "| ingest batch $i (3,000 documents) | $secs | $((kb / 1024)) MiB |"
done
for format in table json; do
  /usr/bin/time -f "%e %M" -o "$work/time" "$bin" incidents --db "$work/four.db" --format "$format" > "$work/incidents.$format"
  read -r secs kb < "$work/time"
  echo "| incidents --db --format $format ($(grep -c . "$work/incidents.$format") lines) | $secs | $((kb / 1024)) MiB |"
done
tail -1 "$work/ingest.4.log"

for size in ${SIZES:-10000 100000}; do
  echo
  echo "### $size documents"
  rm -f "$work/scale.db"*
  "$bin" bench --link --docs "$size" --batch 10000 --db "$work/scale.db" 2>"$work/scale-$size.log"
done
