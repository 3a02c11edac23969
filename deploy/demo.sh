#!/usr/bin/env bash
# The README's first command: installs what is missing, builds the release preset, and starts
# the local demo mesh (deploy/demo_mesh.py): five citynetd nodes on 127.0.0.1 (copenhagen, c40,
# eurocities, beijing, buenos-aires), Copenhagen publishing the seed case studies, a table of
# what reached which node, then the nodes keep running until Ctrl-C. Data lives in ./demo-mesh
# (or --dir DIR, or $CITYNET_DEMO_DIR) and is reused on the next run.
#
#   ./deploy/demo.sh [--base-port PORT] [--dir DIR] [--timeout S]   the mesh (default)
#   ./deploy/demo.sh --no-build [...]      the mesh, without installing or building first
#   ./deploy/demo.sh --check --build-dir BUILD --dir DIR   non-interactive check (the test suite)
#   ./deploy/demo.sh --walk [...]          the protocol walk on files (citynet-walk) instead
set -euo pipefail
cd "$(dirname "$0")/.."

mode=mesh
build=yes
args=()
for arg in "$@"; do
  case "$arg" in
    --walk) mode=walk ;;
    --no-build) build=no ;;
    --check) build=no; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done

if [[ "$build" == yes ]]; then
  ./deploy/install-deps.sh
  cmake --preset release >/dev/null
  # Only the programs the demo runs: the test suites and benchmarks are half of the build, and
  # tests/run.sh builds them (in its own presets).
  cmake --build --preset release -j "${CITYNET_JOBS:-$(nproc)}" \
    --target citynetd citynet citynet-walk
fi

if [[ "$mode" == walk ]]; then
  exec ./build/release/tools/citynet-walk --cases deploy/demo/cases \
    --dir "${CITYNET_DEMO_DIR:-demo-node}" "${args[@]}"
fi
exec python3 deploy/demo_mesh.py "${args[@]}"
