#!/usr/bin/env bash
# Installs what is missing, builds and runs every test: the debug preset (warnings are errors),
# the asan preset (AddressSanitizer + UndefinedBehaviorSanitizer), and a bounded libFuzzer run
# over the committed seed corpus. This is the README's second command and what CI runs.
#
# Environment:
#   CITYNET_PRESETS       presets to build and test (default: "debug asan")
#   CITYNET_FUZZ_SECONDS  seconds per fuzz target, 0 to skip (default: 60)
#   CITYNET_JOBS          parallel build jobs (default: nproc)
set -euo pipefail
cd "$(dirname "$0")/.."

./deploy/install-deps.sh

presets=${CITYNET_PRESETS:-debug asan}
fuzz_seconds=${CITYNET_FUZZ_SECONDS:-60}
jobs=${CITYNET_JOBS:-$(nproc)}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-2G}

for preset in $presets; do
  echo "== $preset: configure, build, test" >&2
  cmake --preset "$preset" -DCITYNET_WERROR=ON >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done

if [ "$fuzz_seconds" -gt 0 ]; then
  echo "== fuzz: ${fuzz_seconds}s per target over tests/fuzz/corpus" >&2
  cmake --preset fuzz -DCITYNET_WERROR=ON >/dev/null
  cmake --build --preset fuzz -j "$jobs"
  ./tests/fuzz/run.sh build/fuzz "$fuzz_seconds"
fi
echo "== all tests passed" >&2
