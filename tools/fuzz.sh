#!/usr/bin/env bash
# Runs every fuzz target for a while, each from its seed corpus, and prints a
# table of the runs (target, executions, coverage, corpus, crashes) to paste
# into the README.
#
#   tools/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     # default 60 s, every target
#   tools/fuzz.sh 1800                                  # the documented 30-minute run
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On the machine's one stable
# toolchain, RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass the nightly-only flags
# (sanitizer, coverage instrumentation). Runs under `nice -n 19`, one target
# at a time on one core. Seeds are kept in fuzz/seeds/<target>/ (our own,
# small); each run works on a copy in fuzz/corpus/<target>/ (not committed),
# so what a run finds is kept for the next. A crash leaves its input in
# fuzz/artifacts/<target>/ and makes the script exit 1 at the end.
set -euo pipefail

seconds="${1:-60}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/target"
cd "$root/fuzz"
export RUSTC_BOOTSTRAP=1

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi

nice -n 19 cargo fuzz build --release >"$root/target/fuzz-build.log" 2>&1 || { tail -20 "$root/target/fuzz-build.log"; exit 2; }

logs="$root/target/fuzz-logs"
mkdir -p "$logs"
rows=()
failed=0
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target" "artifacts/$target"
    if [ -d "seeds/$target" ]; then
        cp -n "seeds/$target"/* "corpus/$target"/ 2>/dev/null || true
    fi
    log="$logs/$target.log"
    status=0
    nice -n 19 cargo fuzz run --release "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 \
        -timeout=10 >"$log" 2>&1 || status=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    edges=$(grep -oE '(#[0-9]+).*cov: [0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+' | grep -oE '[0-9]+')
    features=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
    corpus=$(find "corpus/$target" -type f | wc -l)
    crashes=$(find "artifacts/$target" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' \) | wc -l)
    if [ "$status" -ne 0 ] || [ "$crashes" -gt 0 ]; then
        failed=1
    fi
    rows+=("| \`$target\` | ${runs:-?} | ${edges:-?} | ${features:-?} | $corpus | $crashes |")
done

echo
echo "Fuzzing, ${seconds} s per target ($(date -u +%Y-%m-%d), $(nproc) cores, nice 19):"
echo
echo "| target | runs | coverage (edges) | features | corpus | crashes |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Logs: $logs/<target>.log"
exit "$failed"
