#!/usr/bin/env bash
# Builds every fuzz target and runs each for APIGW_FUZZ_SECONDS (default 60) with its seeds and
# dictionary; fails on the first crash, leak, timeout or out-of-memory (libFuzzer exits non-zero
# and leaves the input in fuzz/artifacts/<target>/). Prints each target's executions per second.
# Needs a nightly toolchain and cargo-fuzz (.ci/run installs both); see fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")"

seconds=${APIGW_FUZZ_SECONDS:-60}
targets=(${APIGW_FUZZ_TARGETS:-lambda_event lambda_event_fixtures path_template vtl_render})

cargo +nightly fuzz build -O

for target in "${targets[@]}"; do
  seeds=("seeds/$target")
  args=()
  case $target in
    lambda_event) seeds=(../tests/fixtures/events ../tests/fixtures/bad-input/real) ;;
    path_template) args=(-dict=dicts/path.dict) ;;
    vtl_render) args=(-dict=dicts/vtl.dict) ;;
  esac
  mkdir -p "corpus/$target"
  log="artifacts/$target.log"
  mkdir -p artifacts
  started=$SECONDS
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: libFuzzer's default, explicit.
  if ! cargo +nightly fuzz run -O "$target" "corpus/$target" "${seeds[@]}" -- \
      "${args[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz: $target failed; the input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  echo "fuzz: $target: ${runs:-?} executions in $((SECONDS - started)) s, ${speed:-?} exec/s, 0 crashes"
done
