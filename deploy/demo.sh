#!/usr/bin/env bash
# The README's first command: installs what is missing, builds the release preset, and runs
# the main job. Until the demo mesh lands (issue 7), the main job is a walk through the
# protocol on real files: a node's keys and card, the seed case studies signed into per-network
# feeds, sent through the wire encoding, verified as a receiving node would, and a tampered
# record refused. State lives in ./demo-node and is reused on the next run.
set -euo pipefail
cd "$(dirname "$0")/.."

./deploy/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "${CITYNET_JOBS:-$(nproc)}"
exec ./build/release/tools/citynet-walk --cases deploy/demo/cases --dir "${CITYNET_DEMO_DIR:-demo-node}" "$@"
