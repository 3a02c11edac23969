#!/usr/bin/env bash
# Installs the Debian 12 packages citynet needs to build and test. Idempotent; quiet when
# everything is already there. Runs apt-get through sudo when not root.
#
# usage: deploy/install-deps.sh [--no-tests]
#   --no-tests  only what building citynetd, citynet and the package needs (configure with
#               -DCITYNET_BUILD_TESTS=OFF): no GoogleTest, no clang (deploy/docker/Dockerfile)
set -euo pipefail

tests=1
case "${1-}" in
  "") ;;
  --no-tests) tests=0 ;;
  *)
    echo "usage: install-deps.sh [--no-tests]" >&2
    exit 2
    ;;
esac

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config ccache git python3
  # the .deb: cpack's DEB generator runs file(1) on every installed file before dpkg-shlibdeps
  # (dpkg-dev, with build-essential); without it `cpack -G DEB` fails
  file
  # libraries (ARCHITECTURE.md "Fixed choices"); fmt because GCC 12 has no std::format,
  # nlohmann-json for case-study files
  libzmq3-dev cppzmq-dev libsodium-dev librocksdb-dev capnproto libcapnp-dev
  libfmt-dev nlohmann-json3-dev
  # search: SQLite FTS5, ICU word breaking and folding, Snowball stemmers (da, en, es)
  libsqlite3-dev libicu-dev libstemmer-dev
  # the daemon: its TOML config; sd_notify for systemd's Type=notify
  libtomlplusplus-dev libsystemd-dev
  # the privacy gate: phone numbers of every country; the top-level domains that a spelled-out
  # e-mail address ("anne at gmail dot com") must end in, from the Public Suffix List
  libphonenumber-dev publicsuffix
  # the privacy gate's Chinese name detector: its lexicon is generated at build time from
  # jieba's word dictionary (frequencies and person-name tags), with the traditional forms of
  # its characters from ICU's Hans-Hant transliteration (uconv)
  python3-jieba icu-devtools
  # the privacy gate's Latin-script name detector: the ordinary words of English, Spanish and
  # Danish, so that it takes an unknown capitalised word for a name only when it is no word
  # (its dictionary is generated at build time from these wordlists)
  wamerican wbritish wspanish wdanish
  # the CLI: subcommands and flags
  libcli11-dev
  # the man pages citynet(1) and citynetd(8): deploy/man/*.scd are scdoc source, rendered at
  # build time (without scdoc the build goes on with no man pages)
  scdoc
)
if [ "$tests" -eq 1 ]; then
  packages+=(
    # tests: GoogleTest, and clang's libFuzzer for the fuzz targets
    libgtest-dev libgmock-dev clang libclang-rt-14-dev
    # the .deb's checks (deploy/check-package.sh): systemd-analyze verifies the unit and
    # scores its sandbox (the package is only the tool here; nothing is started), lintian and
    # shellcheck lint the package and its maintainer scripts
    systemd lintian shellcheck
    # the multi-host test (tests/multihost/netns_mesh.py): `ip` for network namespaces, veth
    # pairs and bridges (unshare and nsenter come with util-linux, which Debian always has)
    iproute2
    # deploy/docker/try-compose-without-engine.py (ctest docker_entrypoint_mesh) reads
    # compose.yaml
    python3-yaml
  )
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then
    sudo="sudo"
  else
    echo "install-deps: these packages are missing and I am not root: ${missing[*]}" >&2
    echo "install-deps: run this script as root, or install them with apt-get" >&2
    exit 1
  fi
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
