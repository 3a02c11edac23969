#!/usr/bin/env bash
# Installs the citynet .deb for real and uses it, without changing this machine: in a private
# mount namespace, /etc, /var and /usr are overlays whose writes vanish when the script ends.
# Checks that postinst creates the user citynet, that citynetd runs as it with the packaged
# defaults (store in /var/lib/citynet, control socket in /run/citynet), that a member of the
# group citynet can use `citynet` (status, reload) and another user cannot, that a refused
# config fails `citynet node reload`, that `dpkg -r` keeps the state and `dpkg --purge`
# deletes it. Needs root, unshare and overlayfs (no systemd: /run/citynet is made by hand, as
# RuntimeDirectory= would). About half a minute, most of it man-db's trigger.
#
# usage: deploy/test-package-install.sh DEB    (e.g. build/release/package/citynet_*.deb)
#        Exit 0 when every check passes, 1 when one fails, 77 when this machine cannot run it
#        (not root, no mount namespace, no overlayfs).
set -uo pipefail

deb=${1:?usage: test-package-install.sh DEB}
deb=$(realpath "$deb") || exit 2
# Exit 77 (ctest's "skipped") where this machine cannot give the test its throwaway system.
skip() {
  echo "SKIP: $*" >&2
  exit 77
}
((EUID == 0)) || skip "needs root (dpkg -i, useradd, mount)"
if [[ ${CITYNET_IN_NAMESPACE:-} != 1 ]]; then
  unshare --mount --propagation private true 2>/dev/null ||
    skip "cannot make a private mount namespace here (unshare --mount)"
  CITYNET_IN_NAMESPACE=1 exec unshare --mount --propagation private "$0" "$deb"
fi

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
step() { echo "== $*"; }

work=$(mktemp -d /tmp/citynet-install.XXXXXX)
pid=
cleanup() {
  [[ -n $pid ]] && kill "$pid" 2>/dev/null
  # The overlays go with the namespace; their upper directories are here.
  rm -rf "$work"
}
trap cleanup EXIT
for d in etc var usr; do
  mkdir -p "$work/$d-up" "$work/$d-work"
  mount -t overlay overlay -o "lowerdir=/$d,upperdir=$work/$d-up,workdir=$work/$d-work" "/$d"
  # Never on the real system: without the overlay there is nothing to install into.
  [[ $(findmnt -n -o FSTYPE "/$d") == overlay ]] ||
    skip "cannot put an overlay on /$d here: not installing on the real system"
done
mkdir -p /run/citynet && mount -t tmpfs tmpfs /run/citynet || exit 1

step "dpkg -i"
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; echo "FAIL: dpkg -i" >&2; exit 1; }
grep -q 'citynetd is not started' "$work/dpkg.log" || fail "postinst did not say the node is not started"
getent passwd citynet | grep -q ':/var/lib/citynet:/usr/sbin/nologin$' ||
  fail "postinst made no user citynet: $(getent passwd citynet)"
getent group citynet >/dev/null || fail "postinst made no group citynet"
[[ $(stat -c '%U:%G %a' /var/lib/citynet) == 'citynet:citynet 750' ]] ||
  fail "/var/lib/citynet is $(stat -c '%U:%G %a' /var/lib/citynet), not citynet:citynet 750"

step "citynetd as citynet, the CLI as a member of the group and as a stranger"
chown citynet:citynet /run/citynet && chmod 0755 /run/citynet
cat >/etc/citynet/citynetd.toml <<'TOML'
[node]
name = "testcity"
display_name = "Test City"
networks = ["c40"]
[listen]
endpoints = ["tcp://127.0.0.1:47391"]
TOML
# The first start as docs/install.md gives it: check the config and make the keys and the card
# as the user citynet, before the daemon runs.
(cd / && setpriv --reuid=citynet --regid=citynet --init-groups \
  citynetd --config /etc/citynet/citynetd.toml --check-config) >/dev/null 2>"$work/check" ||
  fail "citynetd --check-config as citynet: $(cat "$work/check")"
(cd / && setpriv --reuid=citynet --regid=citynet --init-groups \
  citynetd --config /etc/citynet/citynetd.toml --init) >"$work/card" 2>"$work/init" ||
  fail "citynetd --init as citynet: $(cat "$work/init")"
grep -q testcity "$work/card" || fail "citynetd --init printed no card: $(head -3 "$work/card")"
for key in /var/lib/citynet/keys/*; do
  [[ $(stat -c '%U %a' "$key") == 'citynet 600' ]] ||
    fail "$key is $(stat -c '%U %a' "$key"), not citynet 600"
done
useradd -M -G citynet citynet-test-expert
useradd -M citynet-test-stranger
(cd / && umask 0027 && exec setpriv --reuid=citynet --regid=citynet --init-groups citynetd) \
  >"$work/citynetd.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  [[ -S /run/citynet/control.sock ]] && break
  sleep 0.1
done
if [[ ! -S /run/citynet/control.sock ]]; then
  cat "$work/citynetd.log" >&2
  echo "FAIL: citynetd made no control socket" >&2
  exit 1
fi
[[ $(stat -c '%U:%G %a' /run/citynet/control.sock) == 'citynet:citynet 660' ]] ||
  fail "the control socket is $(stat -c '%U:%G %a' /run/citynet/control.sock)"
as() { runuser -u "$1" -- "${@:2}"; }
as citynet-test-expert citynet node status --json | grep -q '"testcity"' ||
  fail "a member of the group citynet cannot use citynet node status"
as citynet-test-expert citynet node reload >/dev/null || fail "citynet node reload as a member failed"
as citynet-test-stranger citynet node status >/dev/null 2>&1 &&
  fail "a user outside the group citynet could use the control socket"
printf '[[partner]]\ncard = "/nonexistent.card"\nnetworks = ["c40"]\n' >>/etc/citynet/citynetd.toml
as citynet citynet node reload >/dev/null 2>"$work/refused" &&
  fail "citynet node reload succeeded on a refused config"
grep -q nonexistent.card "$work/refused" || fail "the refused reload does not say why: $(cat "$work/refused")"
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
[[ $rc == 0 ]] || fail "citynetd exited $rc on SIGTERM: $(tail -3 "$work/citynetd.log")"
[[ -f /var/lib/citynet/keys/signing.key ]] || fail "citynetd made no keys in /var/lib/citynet/keys"

step "dpkg -r keeps the state, dpkg --purge deletes it"
dpkg -r citynet >/dev/null 2>&1 || fail "dpkg -r"
[[ -f /var/lib/citynet/keys/signing.key ]] || fail "dpkg -r deleted the node's keys"
[[ -f /etc/citynet/citynetd.toml ]] || fail "dpkg -r deleted the config"
dpkg --purge citynet >/dev/null 2>&1 || fail "dpkg --purge"
[[ ! -e /var/lib/citynet ]] || fail "dpkg --purge left /var/lib/citynet"
[[ ! -e /etc/citynet/citynetd.toml ]] || fail "dpkg --purge left the config"

if ((failures > 0)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "OK: $deb installs, runs and purges"
