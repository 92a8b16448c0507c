#!/usr/bin/env bash
# Reproduces the README's Performance table: extraction speed at 1 and 2
# threads on corpora of 10 and 100 MB (and 1 GB with FULL=1) generated from
# the sample articles, peak memory with /usr/bin/time, and the text layer
# against PyArabic (installed into a throwaway virtualenv from PyPI).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q -p rasid-cli
bin=target/release/rasid
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
sizes="10 100"
[ "${FULL:-0}" = 1 ] && sizes="10 100 1000"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| corpus | threads | MB/s (median of 3) | documents/s | peak memory |"
echo "|---:|---:|---:|---:|---:|"
for size in $sizes; do
  corpus="$work/corpus-$size.jsonl"
  [ -s "$corpus" ] || "$bin" bench --size-mb "$size" --write-corpus "$corpus"
  bytes=$(stat -c %s "$corpus")
  docs=$(wc -l < "$corpus")
  for threads in 1 2; do
    runs=""
    for run in 1 2 3; do
      /usr/bin/time -f "%e %M" -o "$work/time" "$bin" extract --threads "$threads" "$corpus" > /dev/null
      runs="$runs$(cat "$work/time")\n"
    done
    # median elapsed seconds, max peak RSS (KB)
    read -r secs rss < <(printf "$runs" | sort -n | sed -n 2p)
    peak=$(printf "$runs" | awk '{ if ($2 > m) m = $2 } END { print m }')
    awk -v b="$bytes" -v d="$docs" -v s="$secs" -v p="$peak" -v size="$size" -v t="$threads" \
      'BEGIN { printf "| %d MB | %d | %.1f | %.0f | %.0f MB |\n", size, t, b / 1e6 / s, d / s, p / 1024 }'
  done
done
echo
"$bin" bench --text-only --size-mb 10
python3 -m venv "$work/venv" >/dev/null
"$work/venv/bin/pip" install -q pyarabic==0.6.15
"$work/venv/bin/python" tools/bench/peer_pyarabic.py "$work/corpus-10.jsonl"
