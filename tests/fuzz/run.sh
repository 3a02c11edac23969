#!/usr/bin/env bash
# Runs every fuzz target for SECONDS over its committed seed corpus, writing new inputs to a
# scratch directory (the committed corpus is not changed). Fails on any crash, leak or trap and
# prints libFuzzer's final statistics (executions, exec/s).
# Usage: tests/fuzz/run.sh BUILD_DIR SECONDS      e.g. tests/fuzz/run.sh build/fuzz 3600
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:?usage: run.sh BUILD_DIR SECONDS}
seconds=${2:?usage: run.sh BUILD_DIR SECONDS}

artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
for target in record_fuzz control_fuzz csv_fuzz body_fuzz scan_fuzz; do
  corpus="tests/fuzz/corpus/${target%_fuzz}"
  # The longest input: a table's field may be 1 MiB, a body chunk is about 256 KiB (csv_fuzz and
  # scan_fuzz also blow an input up to 1 MiB themselves, see their first byte).
  case "$target" in
    csv_fuzz) max_len=1100000 ;;
    body_fuzz) max_len=262144 ;;
    *) max_len=65536 ;;
  esac
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  echo "fuzz: $target for ${seconds}s over $corpus" >&2
  "$build/tests/fuzz/$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$scratch" "$corpus" 2>"$scratch/log" || {
      tail -60 "$scratch/log" >&2
      echo "fuzz: $target FAILED; the input that crashed it is in $artifacts/" >&2
      exit 1
    }
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)" \
    "$scratch/log" | sed "s/^/fuzz: $target /" >&2
  rm -rf "$scratch"
  trap - EXIT
done
