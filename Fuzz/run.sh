#!/usr/bin/env bash
# Builds a fuzz target and runs it for SECONDS (default 600) on a fresh copy
# of its seed corpus. Exits non-zero if libFuzzer finds a crash, a property
# failure (fatalError), a hang (> 10 s per input) or an out-of-memory; the
# crashing input is written to Fuzz/artifacts/.
#
#   [FUZZ_TARGET=NAME] Fuzz/run.sh [seconds] [extra libFuzzer flags or extra corpus dirs...]
#
# Targets, each with its seeds, scratch corpus and dictionary:
#   RegisterFileFuzzer (default)  corpus/         -> corpus-run/         registers.dict
#   ModelFileFuzzer               corpus-models/  -> corpus-models-run/  models.dict
#
# Environment: FUZZ_TARGET (above); SANITIZERS, a comma-separated list for
# swiftc (default "fuzzer,address"; "fuzzer" alone runs faster). Extra flags
# go to libFuzzer, e.g. `-fork=1 -ignore_crashes=1` to keep fuzzing past a
# crash and collect every crashing input.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds="${1:-600}"
shift || true
sanitizers="${SANITIZERS:-fuzzer,address}"
target="${FUZZ_TARGET:-RegisterFileFuzzer}"
case "$target" in
    RegisterFileFuzzer) seeds=corpus run=corpus-run dict=registers.dict prefix="" ;;
    ModelFileFuzzer) seeds=corpus-models run=corpus-models-run dict=models.dict prefix="models-" ;;
    *) echo "unknown FUZZ_TARGET $target (RegisterFileFuzzer or ModelFileFuzzer)" >&2; exit 2 ;;
esac

# SwiftPM's --sanitize=fuzzer links libFuzzer's main in place of the
# executable's entry point (with -Xswiftc -sanitize=fuzzer alone the link fails
# on an undefined <target>_main). The sanitizers themselves go in
# one -sanitize= option: swiftc keeps only the last -sanitize= it is given, and
# SwiftPM passes several --sanitize options in no fixed order, so
# `--sanitize=fuzzer --sanitize=address` builds either without coverage
# counters or without AddressSanitizer, depending on the run.
build=(swift build -c release --package-path "$here" --scratch-path "$here/.build-fuzz"
       --product "$target" --sanitize=fuzzer -Xswiftc -sanitize="$sanitizers" -Xswiftc -parse-as-library)

echo "== building: ${build[*]}"
"${build[@]}"
bin="$("${build[@]}" --show-bin-path)/$target"

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

rm -rf "${here:?}/$run"
mkdir -p "$here/$run" "$here/artifacts"
cp "$here/$seeds"/* "$here/$run/"

log="$here/.build-fuzz/fuzz-$prefix$(date +%Y%m%d-%H%M%S).log"
start="$here/.build-fuzz/run-start-$target"
touch "$start"  # the artifacts of this run are newer
echo "== fuzzing $target for ${seconds}s (log: $log)"
flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
       -dict="$here/$dict" -artifact_prefix="$here/artifacts/$prefix")

set +e
# ASan's leak check reports the Swift runtime's deliberate metadata caches.
# The Swift backtracer is turned off so that libFuzzer's own crash handler
# reports a fatalError (and the run does not wait on swift-backtrace).
SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}" \
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" \
    "$bin" "${flags[@]}" "$here/$run" "$@" 2>&1 | tee "$log"
status="${PIPESTATUS[0]}"
set -e

echo "== final stats"
grep -aE '^#[0-9]+.*(DONE|cov:)' "$log" | tail -n 1 || true
grep -aE '^stat::' "$log" || true
echo "== $run: $(find "$here/$run" -type f | wc -l) inputs"
if grep -aq 'no interesting inputs were found' "$log"; then
    echo "== libFuzzer saw no coverage: the run tested nothing" >&2
    exit 2
fi
if [ "$status" -ne 0 ]; then
    echo "== libFuzzer exited with status $status: a crash, property failure, hang or OOM" >&2
    grep -aE 'Test unit written to' "$log" >&2 || true
    exit "$status"
fi
# With -fork and -ignore_crashes (or -ignore_timeouts, -ignore_ooms) libFuzzer
# exits 0 after jobs that crashed; its last line counts them.
counts="$(grep -aoE 'oom/timeout/crash: [0-9]+/[0-9]+/[0-9]+' "$log" | tail -n 1 | cut -d' ' -f2 || true)"
if [ -n "$counts" ] && [ "$counts" != "0/0/0" ]; then
    echo "== libFuzzer's jobs ended in oom/timeout/crash: $counts; inputs written in this run:" >&2
    find "$here/artifacts" -type f -name "$prefix*" -newer "$start" -print >&2 || true
    exit 1
fi
echo "== no crash in ${seconds}s"
