#!/usr/bin/env bash
# Builds the register-file fuzzer and runs it for SECONDS (default 600) on a
# fresh copy of Fuzz/corpus/ in Fuzz/corpus-run/. Exits non-zero if libFuzzer
# finds a crash, a property failure (fatalError), a hang (> 10 s per input)
# or an out-of-memory; the crashing input is written to Fuzz/artifacts/.
#
#   Fuzz/run.sh [seconds] [extra libFuzzer flags or extra corpus dirs...]
#
# Environment: SANITIZERS, a comma-separated list for swiftc (default
# "fuzzer,address"; "fuzzer" alone runs faster). Extra flags go to libFuzzer,
# e.g. `-fork=2 -ignore_crashes=1` to keep fuzzing past a crash and collect
# every crashing input.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds="${1:-600}"
shift || true
sanitizers="${SANITIZERS:-fuzzer,address}"

# SwiftPM's --sanitize=fuzzer links libFuzzer's main in place of the
# executable's entry point (with -Xswiftc -sanitize=fuzzer alone the link fails
# on an undefined RegisterFileFuzzer_main). The sanitizers themselves go in
# one -sanitize= option: swiftc keeps only the last -sanitize= it is given, and
# SwiftPM passes several --sanitize options in no fixed order, so
# `--sanitize=fuzzer --sanitize=address` builds either without coverage
# counters or without AddressSanitizer, depending on the run.
build=(swift build -c release --package-path "$here" --scratch-path "$here/.build-fuzz"
       --sanitize=fuzzer -Xswiftc -sanitize="$sanitizers" -Xswiftc -parse-as-library)

echo "== building: ${build[*]}"
"${build[@]}"
bin="$("${build[@]}" --show-bin-path)/RegisterFileFuzzer"

# Without coverage counters libFuzzer fuzzes blind ("no interesting
# inputs"). Check they are there; if not, rebuild from scratch once.
instrumented() {
    local banner
    banner="$(SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$bin" -runs=0 2>&1 || true)"
    [[ "$banner" == *"inline 8-bit counters"* ]]
}
if ! instrumented; then
    echo "== the fuzzer has no coverage counters; rebuilding from scratch"
    rm -rf "$(dirname "$(dirname "$bin")")"
    "${build[@]}"
    instrumented || { echo "== the fuzzer is not instrumented for coverage" >&2; exit 2; }
fi

rm -rf "$here/corpus-run"
mkdir -p "$here/corpus-run" "$here/artifacts"
cp "$here"/corpus/* "$here/corpus-run/"

log="$here/.build-fuzz/fuzz-$(date +%Y%m%d-%H%M%S).log"
echo "== fuzzing for ${seconds}s (log: $log)"
flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
       -dict="$here/registers.dict" -artifact_prefix="$here/artifacts/")

set +e
# ASan's leak check reports the Swift runtime's deliberate metadata caches.
# The Swift backtracer is turned off so that libFuzzer's own crash handler
# reports a fatalError (and the run does not wait on swift-backtrace).
SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}" \
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" \
    "$bin" "${flags[@]}" "$here/corpus-run" "$@" 2>&1 | tee "$log"
status="${PIPESTATUS[0]}"
set -e

echo "== final stats"
grep -E '^#[0-9]+.*(DONE|cov:)' "$log" | tail -n 1 || true
grep -E '^stat::' "$log" || true
echo "== corpus-run: $(find "$here/corpus-run" -type f | wc -l) inputs"
if grep -q 'no interesting inputs were found' "$log"; then
    echo "== libFuzzer saw no coverage: the run tested nothing" >&2
    exit 2
fi
if [ "$status" -ne 0 ]; then
    echo "== libFuzzer exited with status $status: a crash, property failure, hang or OOM" >&2
    grep -E 'Test unit written to' "$log" >&2 || true
    exit "$status"
fi
echo "== no crash in ${seconds}s"
