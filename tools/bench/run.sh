#!/usr/bin/env bash
# Reproduces the README's Performance table.
#
# Two corpora, each at 10 and 100 MB (and 1 GB with FULL=1):
#   generated  the bundled sample articles with their figures rewritten by a
#              fixed pseudo-random sequence: claim-dense (the hard case);
#   news       the real articles of ../shared/corpus (douma-2018 and
#              fignews-ar), repeated: ordinary news, most sentences without a
#              figure. Skipped when ../shared is not beside the checkout.
# For each: in-process extraction (`rasid bench`), then `rasid extract` end to
# end (JSON Lines in, claims out) at 1 and 2 threads with /usr/bin/time for
# the peak memory; medians of RUNS runs (default 3). Last, the text layer
# against PyArabic, installed from PyPI into a throwaway virtualenv.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q -p rasid-cli
bin=target/release/rasid
work=${WORK:-$(mktemp -d)}
runs=${RUNS:-3}
mkdir -p "$work"
sizes="10 100"
[ "${FULL:-0}" = 1 ] && sizes="10 100 1000"
shared=../shared/corpus
corpora="generated"
[ -d "$shared/douma-2018" ] && [ -f "$shared/fignews-ar/docs.jsonl" ] && corpora="generated news"
source_args() {
  if [ "$1" = news ]; then echo "--corpus $shared/douma-2018 $shared/fignews-ar/docs.jsonl"; fi
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo
echo "## In process (rasid bench, 10 MB)"
for corpus in $corpora; do
  echo
  echo "### $corpus"
  # shellcheck disable=SC2046
  "$bin" bench --size-mb 10 --threads-list 1,2 --runs 5 $(source_args "$corpus")
done

echo
echo "## End to end (rasid extract, JSON Lines in, claims out)"
echo
echo "| corpus | size | threads | MB/s (median of $runs) | documents/s | peak memory |"
echo "|---|---:|---:|---:|---:|---:|"
for corpus in $corpora; do
  for size in $sizes; do
    file="$work/$corpus-$size.jsonl"
    # shellcheck disable=SC2046
    [ -s "$file" ] || "$bin" bench --size-mb "$size" $(source_args "$corpus") --write-corpus "$file"
    bytes=$(stat -c %s "$file")
    docs=$(wc -l < "$file")
    # The two thread counts alternate, so that a slow spell of a shared
    # machine falls on both rather than on one.
    : > "$work/times-1"; : > "$work/times-2"
    for _ in $(seq "$runs"); do
      for threads in 1 2; do
        /usr/bin/time -f "%e %M" -o "$work/time" "$bin" extract --threads "$threads" "$file" > /dev/null
        cat "$work/time" >> "$work/times-$threads"
      done
    done
    for threads in 1 2; do
      # median elapsed seconds, highest peak RSS (KB)
      secs=$(sort -n "$work/times-$threads" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
      peak=$(awk '{ if ($2 > m) m = $2 } END { print m }' "$work/times-$threads")
      awk -v b="$bytes" -v d="$docs" -v s="$secs" -v p="$peak" -v size="$size" -v t="$threads" -v c="$corpus" \
        'BEGIN { printf "| %s | %d MB | %d | %.1f | %.0f | %.0f MB |\n", c, size, t, b / 1e6 / s, d / s, p / 1024 }'
    done
  done
done

echo
echo "## Text layer against a peer (one thread, generated 10 MB)"
"$bin" bench --text-only --size-mb 10
python3 -m venv "$work/venv" >/dev/null
"$work/venv/bin/pip" install -q pyarabic==0.6.15
"$work/venv/bin/python" tools/bench/peer_pyarabic.py "$work/generated-10.jsonl"
