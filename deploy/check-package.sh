#!/usr/bin/env bash
# Builds the Debian package from a configured build directory (release or debug) and checks it:
# the files it installs, the conffile, the run-time dependencies dpkg-shlibdeps found, the
# maintainer scripts, the systemd unit (verify and the sandbox score) and that the packaged
# binaries run. About half a minute beyond building citynetd and citynet.
#
# usage: deploy/check-package.sh BUILD_DIR [OUT_DIR]   (OUT_DIR: where the .deb goes, default
#        BUILD_DIR/package). Needs cpack, dpkg-deb, dpkg-shlibdeps, scdoc and systemd-analyze;
#        lints the maintainer scripts when shellcheck is installed and the package when lintian
#        is. Exit 0 when every check passes.
set -uo pipefail

build=${1:?usage: check-package.sh BUILD_DIR [OUT_DIR]}
build=$(cd "$build" && pwd) || exit 2
out=${2:-$build/package}
# The unit's sandbox must stay at least this good, in tenths of systemd-analyze's exposure
# (0 best, 100 worst; 14 when written).
max_exposure=20

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
step() { echo "== $*"; }

for tool in cpack dpkg-deb dpkg-shlibdeps systemd-analyze; do
  command -v "$tool" >/dev/null 2>&1 ||
    { echo "FAIL: $tool is not installed (deploy/install-deps.sh installs it)" >&2; exit 1; }
done
[[ -f $build/CPackConfig.cmake ]] || { echo "$build is not a configured build directory" >&2; exit 2; }

step "building citynetd, citynet and the man pages"
cmake --build "$build" --target citynetd citynet man_pages package_docs -j2 >/dev/null ||
  { echo "FAIL: the build failed (run cmake --build $build)" >&2; exit 1; }

step "cpack -G DEB"
rm -rf "$out"
mkdir -p "$out"
if ! cpack --config "$build/CPackConfig.cmake" -G DEB -B "$out" >"$out/cpack.log" 2>&1; then
  cat "$out/cpack.log" >&2
  echo "FAIL: cpack failed" >&2
  exit 1
fi
debs=("$out"/citynet_*.deb)
[[ -f ${debs[0]} ]] || { echo "FAIL: cpack made no citynet_*.deb in $out" >&2; exit 1; }
deb=${debs[0]}
echo "$deb"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step "contents"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$tmp/files"
for f in /usr/sbin/citynetd /usr/bin/citynet /usr/share/man/man1/citynet.1.gz \
  /usr/share/man/man8/citynetd.8.gz /usr/share/bash-completion/completions/citynet \
  /lib/systemd/system/citynetd.service /usr/lib/sysusers.d/citynet.conf \
  /etc/citynet/citynetd.toml /usr/share/doc/citynet/copyright \
  /usr/share/doc/citynet/changelog.gz; do
  grep -qxF "$f" "$tmp/files" || fail "the package has no $f"
done
# Nothing from the build machine (/usr/local, the build tree) and no test binaries.
if grep -E '^/usr/local|/build/|_test$|_bench$' "$tmp/files"; then
  fail "the package holds files it should not (above)"
fi

step "control"
dpkg-deb --ctrl-tarfile "$deb" | tar -t | sed 's|^\./||' | sort >"$tmp/control-files"
for f in control conffiles postinst prerm postrm md5sums; do
  grep -qxF "$f" "$tmp/control-files" || fail "the package has no control file '$f'"
done
conffiles=$(dpkg-deb --info "$deb" conffiles 2>/dev/null)
[[ $conffiles == /etc/citynet/citynetd.toml ]] ||
  fail "conffiles should list exactly /etc/citynet/citynetd.toml, has: '$conffiles'"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libzmq5 librocksdb libsodium libsystemd0 libcapnp libphonenumber libicu libfmt \
  'libstdc\+\+6' libc6; do
  grep -qE "(^|, )$lib" <<<"$depends" || fail "Depends has no $lib: $depends"
done
grep -qE '(^|, )adduser(,|$)' <<<"$depends" || fail "Depends has no adduser (postinst uses it)"

step "maintainer scripts"
mkdir -p "$tmp/ctrl"
dpkg-deb -e "$deb" "$tmp/ctrl"
for script in postinst prerm postrm; do
  [[ -x $tmp/ctrl/$script ]] || fail "$script is not executable"
  head -1 "$tmp/ctrl/$script" | grep -qx '#!/bin/sh' || fail "$script does not start with #!/bin/sh"
  sh -n "$tmp/ctrl/$script" || fail "$script is not valid sh"
  if command -v shellcheck >/dev/null 2>&1; then
    shellcheck -s sh "$tmp/ctrl/$script" || fail "shellcheck $script"
  fi
done
grep -q 'systemd-sysusers /usr/lib/sysusers.d/citynet.conf' "$tmp/ctrl/postinst" ||
  fail "postinst does not create the user with systemd-sysusers"
# The node needs its name and partners first: no maintainer script starts or enables it (the
# message postinst prints tells the operator how).
if grep -En '^[[:space:]]*(systemctl|deb-systemd-invoke|deb-systemd-helper)[^#]*[[:space:]](start|enable)\>' \
  "$tmp/ctrl/postinst"; then
  fail "postinst must not start or enable citynetd (above)"
fi

step "the installed tree"
root=$tmp/root
dpkg-deb -x "$deb" "$root"
stat -c '%a %n' "$root/etc/citynet/citynetd.toml" | grep -q '^644 ' ||
  fail "/etc/citynet/citynetd.toml should be mode 0644: $(stat -c %a "$root/etc/citynet/citynetd.toml")"
"$root/usr/sbin/citynetd" --version | grep -q '^citynetd ' || fail "the packaged citynetd does not run"
"$root/usr/bin/citynet" --help >/dev/null || fail "the packaged citynet does not run"
"$root/usr/bin/citynet" node reload --help >/dev/null ||
  fail "the packaged citynet has no 'node reload' (the unit's ExecReload)"
# The shipped config is the example: well-formed, refused only for the partner cards that are
# not there yet (exit 78, EX_CONFIG), which is what makes systemd not restart it in a loop.
"$root/usr/sbin/citynetd" --config "$root/etc/citynet/citynetd.toml" --check-config \
  >/dev/null 2>"$tmp/check-config"
rc=$?
[[ $rc == 78 ]] || fail "citynetd --check-config on the shipped config exits $rc, not 78"
grep -q 'partners/c40.card' "$tmp/check-config" ||
  fail "--check-config on the shipped config should name the missing partner cards: $(cat "$tmp/check-config")"
grep -qx 'u citynet - "citynet node" /var/lib/citynet /usr/sbin/nologin' \
  "$root/usr/lib/sysusers.d/citynet.conf" || fail "the sysusers.d file does not define the user citynet"

step "the systemd unit"
unit=$root/lib/systemd/system/citynetd.service
# verify with the unit's binaries pointed at the extracted ones (verify checks that they exist).
sed "s|^\(Exec[A-Za-z]*=[-@!+:]*\)/|\1$root/|" "$unit" >"$tmp/citynetd.service"
if ! systemd-analyze verify --man=no --generators=no "$tmp/citynetd.service" >"$tmp/verify" 2>&1; then
  cat "$tmp/verify" >&2
  fail "systemd-analyze verify citynetd.service"
elif [[ -s $tmp/verify ]]; then
  cat "$tmp/verify" >&2
  fail "systemd-analyze verify warns about citynetd.service"
fi
while read -r bin; do
  grep -qxF "$bin" "$tmp/files" || fail "the unit runs $bin, which the package does not install"
done < <(sed -n 's/^Exec[A-Za-z]*=[-@!+:]*\([^ ]*\).*/\1/p' "$unit")
systemd-analyze security --offline=yes --threshold="$max_exposure" "$unit" >"$tmp/security" 2>&1 ||
  fail "the unit's exposure is over $((max_exposure / 10)).$((max_exposure % 10)): $(tail -1 "$tmp/security")"
score=$(tail -1 "$tmp/security" | grep -oE '[0-9]+\.[0-9]+ [A-Z]+')
echo "systemd-analyze security: $score"
grep -q "rates this\$" "$unit" && ! grep -q "unit $score\." "$unit" &&
  fail "the unit's header comment does not state its score ($score)"

# Debian's own checker, where it is installed (deploy/install-deps.sh installs it): no error
# and no warning.
if command -v lintian >/dev/null 2>&1; then
  step "lintian"
  lintian --fail-on error,warning --tag-display-limit 0 "$deb" >"$tmp/lintian" 2>&1
  rc=$?
  grep -v 'running with root' "$tmp/lintian"
  ((rc == 0)) || fail "lintian reports errors or warnings (above)"
fi

if ((failures > 0)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "OK: $deb"
