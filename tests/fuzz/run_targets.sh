#!/bin/sh
# Runs libFuzzer targets side by side, each for SECONDS from the committed seed corpus (make fuzz).
#   tests/fuzz/run_targets.sh BUILD_DIR SECONDS TARGET...
# Target T is BUILD_DIR/tests/fuzz/fuzz_T. New inputs go to BUILD_DIR/corpus/T, findings to
# BUILD_DIR/artifacts/T/, the log to BUILD_DIR/fuzz_T.log. Any crash, leak, timeout (10 s per
# input), input over 2 GB, sanitizer report or failed certificate fails: the script prints the
# end of that target's log and exits 1 once every target has stopped.
set -u
if [ $# -lt 3 ]; then
  echo "usage: $0 BUILD_DIR SECONDS TARGET..." >&2
  exit 2
fi
build=$1
seconds=$2
shift 2
source_dir=$(cd "$(dirname "$0")/../.." && pwd)

pids=""
for target in "$@"; do
  mkdir -p "$build/corpus/$target" "$build/artifacts/$target"
  echo "fuzz_$target: $seconds s (log: $build/fuzz_$target.log)"
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 \
    "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=8192 -dict="$source_dir/tests/fuzz/corridor.dict" -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$target/" "$build/corpus/$target" "$source_dir/tests/fuzz/corpus/$target" \
    > "$build/fuzz_$target.log" 2>&1 &
  pids="$pids $!"
done

status=0
set -- "$@"
for pid in $pids; do
  target=$1
  shift
  if wait "$pid"; then
    echo "fuzz_$target:"
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)|^Done' "$build/fuzz_$target.log"
  else
    tail -n 80 "$build/fuzz_$target.log"
    echo "fuzz_$target FAILED: input saved in $build/artifacts/$target/"
    status=1
  fi
done
exit $status
