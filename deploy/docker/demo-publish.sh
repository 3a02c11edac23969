#!/usr/bin/env bash
# The compose file's one-shot demo-publish: the node CITYNET_NAME (copenhagen) publishes every
# case file in CITYNET_CASES_DIR (deploy/demo/cases, mounted at /cases) once in each network the
# case names, as deploy/demo_mesh.py does. A case whose title the node already holds as its own
# in that network is skipped, so a second run publishes nothing. Talks to the daemon through
# CITYNET_CONTROL (default ipc:///run/citynet/control.sock) and waits for it at most
# CITYNET_WAIT_S seconds (default 60).
#
# The image has no JSON tool: the networks and title are read from the files with sed, which
# suits the seed files (one JSON object each, a "networks" list of strings, a title without
# escaped characters); `citynet case publish` itself checks each file in full.
set -euo pipefail

say() { echo "citynet-demo-publish: $*" >&2; }
die() {
  echo "citynet-demo-publish: error: $*" >&2
  exit 1
}

me=${CITYNET_NAME-}
cases_dir=${CITYNET_CASES_DIR:-/cases}
wait_s=${CITYNET_WAIT_S:-60}
[[ -n $me ]] || die "CITYNET_NAME is not set: the node that publishes, e.g. copenhagen"
[[ -d $cases_dir ]] ||
  die "CITYNET_CASES_DIR '$cases_dir' is not a directory: mount deploy/demo/cases there"
[[ $wait_s =~ ^[0-9]+$ ]] || die "CITYNET_WAIT_S='$wait_s': a number of seconds"

deadline=$((SECONDS + wait_s))
until citynet node status >/dev/null 2>&1; do
  ((SECONDS < deadline)) ||
    die "the node does not answer on its control socket after $wait_s s:" \
      "$(citynet node status 2>&1 | tail -n 1)"
  sleep 1
done

shopt -s nullglob
files=("$cases_dir"/*.json)
[[ ${#files[@]} -gt 0 ]] || die "no case file (*.json) in $cases_dir"

made=0 kept=0
for file in "${files[@]}"; do
  flat=$(tr -d '\n' <"$file")
  # The "networks" list and the title, as JSON string literals.
  networks=$(sed -n 's/.*"networks"[[:space:]]*:[[:space:]]*\[\([^]]*\)\].*/\1/p' <<<"$flat" |
    grep -o '"[^"]*"' | tr -d '"' || true)
  title=$(grep -o '"title"[[:space:]]*:[[:space:]]*"[^"\\]*"' <<<"$flat" | head -n 1 |
    sed 's/^"title"[[:space:]]*:[[:space:]]*//' || true)
  [[ -n $networks && -n $title ]] || die "$file: no \"networks\" list or plain \"title\" found"
  for network in $networks; do
    # citynet prints JSON as nlohmann::json's dump(2) does: "title": "...".
    held=$(citynet case list --author "$me" --network "$network" --all --json) ||
      die "cannot list $me's cases in $network (above)"
    if grep -qF "\"title\": $title" <<<"$held"; then
      kept=$((kept + 1))
      continue
    fi
    citynet case publish "$file" --network "$network" >/dev/null ||
      die "publishing $file in $network failed (above)"
    say "published $(basename "$file") in $network"
    made=$((made + 1))
  done
done
say "published $made case records; $kept were published before"
