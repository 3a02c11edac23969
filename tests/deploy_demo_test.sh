#!/usr/bin/env bash
# ctest demo_mesh_check: deploy/demo.sh --check against a build, in a fresh short directory under
# /tmp (control socket paths must fit sun_path), removed afterwards. The demo stops its nodes
# itself, also on failure; `timeout` bounds the whole run so nothing outlives the test.
# Usage: deploy_demo_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src="$1"
build="$2"
dir="$(mktemp -d /tmp/cn-demo-XXXXXX)"
# shellcheck disable=SC2317  # run by the trap
cleanup() {
  # The demo stops its nodes; should the demo itself have been killed, no node outlives the test.
  local pidfile pid
  for pidfile in "$dir"/*/citynetd.pid; do
    [[ -f "$pidfile" ]] || continue
    pid="$(<"$pidfile")"
    if [[ "$pid" =~ ^[0-9]+$ ]] && grep -qs citynetd "/proc/$pid/cmdline"; then
      echo "a node was left running (pid $pid): killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  if [[ -z "${CITYNET_KEEP_TEST_DIR:-}" ]]; then rm -rf "$dir"; else echo "kept $dir"; fi
}
trap cleanup EXIT
status=0
timeout --signal=TERM --kill-after=20 150 \
  "$src/deploy/demo.sh" --check --build-dir "$build" --dir "$dir" --timeout 60 || status=$?
if [[ "$status" -ne 0 ]]; then
  for log in "$dir"/*/citynetd.log; do
    [[ -f "$log" ]] || continue
    echo "---- $log (last 20 lines)"
    tail -n 20 "$log"
  done
fi
exit "$status"
