#!/usr/bin/env bash
# Boots a Debian 12 virtual machine with systemd as PID 1 (qemu), with the citynet
# .deb installed by apt, and checks the unit for real, where test-package-install.sh cannot
# (no systemd there): `systemctl enable --now citynetd` (Type=notify: active only once READY),
# the daemon running as citynet under the unit's sandbox (seccomp filter, no new privileges,
# no capabilities), the control socket for a member of the group, `systemctl reload` that
# waits and fails on a refused config while the node keeps running, a crash restarted by
# Restart=on-failure, a clean stop, and the journal. About five minutes under software
# emulation (the first run also builds the base system with debootstrap, cached in WORK_DIR);
# not part of the test suite, whose budget it would take.
#
# usage: deploy/test-systemd-vm.sh DEB [WORK_DIR]   (WORK_DIR default /var/tmp/citynet-vm)
#        Needs root, debootstrap, qemu-system-x86 and e2fsprogs (mkfs.ext4 -d).
#        MIRROR overrides the Debian mirror (default: http://deb.debian.org/debian).
#        ACCEL=kvm uses KVM (default tcg: on the machine this was written on, a nested KVM
#        guest hung before the kernel's first line, while software emulation boots in ~50 s).
#        Exit 0 when every check in the machine passed, 1 otherwise.
set -euo pipefail

deb=$(realpath "${1:?usage: test-systemd-vm.sh DEB [WORK_DIR]}")
work=${2:-/var/tmp/citynet-vm}
mirror=${MIRROR:-http://deb.debian.org/debian}
((EUID == 0)) || { echo "needs root (debootstrap, chroot)" >&2; exit 2; }
accel=${ACCEL:-tcg}
case $accel in
  tcg) accel_args=(-accel "tcg,thread=multi") ;;
  kvm) accel_args=(-enable-kvm -cpu host) ;;
  *) echo "ACCEL must be tcg or kvm" >&2; exit 2 ;;
esac
for tool in debootstrap qemu-system-x86_64 mkfs.ext4; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install debootstrap qemu-system-x86 e2fsprogs)" >&2; exit 2; }
done
mkdir -p "$work"
root=$work/root
mounted=()
cleanup() {
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT

# The base system, made once: systemd as init, a kernel and its initramfs.
base=$work/base-bookworm.tar
if [[ ! -f $base ]]; then
  echo "== debootstrap bookworm (once; cached in $base)"
  rm -rf "$work/base"
  debootstrap --variant=minbase \
    --include=systemd,systemd-sysv,udev,dbus,linux-image-amd64,initramfs-tools,adduser,procps \
    bookworm "$work/base" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; echo "debootstrap failed" >&2; exit 1; }
  tar -C "$work/base" -cf "$base.tmp" . && mv "$base.tmp" "$base"
  rm -rf "$work/base"
fi

echo "== the machine's disk: base system + apt install citynet"
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xf "$base"
for fs in proc sys dev; do
  mount --rbind "/$fs" "$root/$fs"
  mounted+=("$root/$fs")
done
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
cp "$deb" "$root/tmp/citynet.deb"
chroot "$root" apt-get update -qq >"$work/apt.log" 2>&1
if ! chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  /tmp/citynet.deb >>"$work/apt.log" 2>&1; then
  tail -30 "$work/apt.log" >&2
  echo "FAIL: apt-get install citynet.deb in a fresh Debian 12" >&2
  exit 1
fi
rm -f "$root/tmp/citynet.deb"
cleanup
mounted=()

echo "vm" >"$root/etc/hostname"
echo "/dev/vda / ext4 rw,errors=remount-ro 0 1" >"$root/etc/fstab"
# The checks run at boot as a one-shot unit; their output goes to the serial console.
install -m 0755 /dev/stdin "$root/usr/local/sbin/citynet-vmtest" <<'VMTEST'
#!/bin/sh
set -u
failures=0
fail() { echo "VMTEST FAIL: $*"; failures=$((failures + 1)); }
say() { echo "VMTEST == $*"; }
config=/etc/citynet/citynetd.toml
cp "$config" /root/citynetd.toml.shipped
cat >"$config" <<'TOML'
[node]
name = "vmcity"
display_name = "VM City"
networks = ["c40"]
[listen]
endpoints = ["tcp://127.0.0.1:7400"]
TOML

say "first start, as docs/install.md gives it"
runuser -u citynet -- citynetd --config "$config" --check-config >/dev/null || fail "--check-config"
runuser -u citynet -- citynetd --config "$config" --init >/root/vmcity.card || fail "--init"
grep -q vmcity /root/vmcity.card || fail "--init printed no card"
systemctl enable --now citynetd || fail "systemctl enable --now citynetd"
[ "$(systemctl is-active citynetd)" = active ] || fail "citynetd is $(systemctl is-active citynetd)"
systemctl show -p Type -p ActiveState -p SubState -p StatusText citynetd
pid=$(systemctl show -p MainPID --value citynetd)
[ "$(ps -o user= -p "$pid")" = citynet ] || fail "citynetd runs as $(ps -o user= -p "$pid")"
grep -E '^(NoNewPrivs|Seccomp|CapEff):' "/proc/$pid/status"
grep -q '^NoNewPrivs:[[:space:]]*1' "/proc/$pid/status" || fail "NoNewPrivileges not applied"
grep -q '^Seccomp:[[:space:]]*2' "/proc/$pid/status" || fail "no seccomp filter"
grep -q '^CapEff:[[:space:]]*0000000000000000' "/proc/$pid/status" || fail "capabilities left"
systemctl show -p StatusText --value citynetd | grep -q 'partners connected' ||
  fail "no STATUS= line from sd_notify"
[ "$(stat -c '%U:%G %a' /run/citynet/control.sock)" = "citynet:citynet 660" ] ||
  fail "control socket is $(stat -c '%U:%G %a' /run/citynet/control.sock)"

say "the CLI as a member of the group citynet"
useradd -m -G citynet alice
runuser -u alice -- citynet node status --json | grep -q '"vmcity"' || fail "alice cannot use citynet"
useradd -m mallory
runuser -u mallory -- citynet node status >/dev/null 2>&1 && fail "a stranger could use citynet"

say "reload that waits, and a refused config"
systemctl reload citynetd || fail "systemctl reload citynetd"
cp "$config" /root/good.toml
printf '[[partner]]\ncard = "/nonexistent.card"\nnetworks = ["c40"]\n' >>"$config"
systemctl reload citynetd 2>/dev/null && fail "reload of a refused config succeeded"
[ "$(systemctl is-active citynetd)" = active ] || fail "a refused reload stopped the node"
journalctl -u citynetd --no-pager | grep -q nonexistent.card || fail "the journal does not say why"
cp /root/good.toml "$config"
systemctl reload citynetd || fail "reload after the fix"

say "a crash is restarted"
kill -SEGV "$pid"
# RestartSec=5s, then a start that takes seconds under emulation: wait up to a minute.
newpid=$pid
for _ in $(seq 60); do
  sleep 1
  newpid=$(systemctl show -p MainPID --value citynetd)
  [ "$(systemctl is-active citynetd)" = active ] && [ "$newpid" != "$pid" ] && break
done
[ "$(systemctl is-active citynetd)" = active ] || fail "not restarted after a crash"
[ "$newpid" != "$pid" ] && [ "$newpid" != 0 ] || fail "MainPID did not change ($pid, $newpid)"
journalctl -u citynetd --no-pager | grep -q 'fatal signal; stack' ||
  fail "the crash left no stack in the journal"

say "the shipped config: refused with 78 and not restarted"
cp /root/citynetd.toml.shipped "$config"
systemctl restart citynetd 2>/dev/null && fail "started on the unedited shipped config"
sleep 7
[ "$(systemctl show -p ExecMainStatus --value citynetd)" = 78 ] ||
  fail "exit status $(systemctl show -p ExecMainStatus --value citynetd), not 78"
[ "$(systemctl is-active citynetd)" != active ] || fail "restarted on a config error"
cp /root/good.toml "$config"
systemctl reset-failed citynetd
systemctl start citynetd || fail "start after the fix"

say "stop"
systemctl stop citynetd
[ "$(systemctl show -p ExecMainStatus --value citynetd)" = 0 ] ||
  fail "stopped with status $(systemctl show -p ExecMainStatus --value citynetd)"
say "journal"
journalctl -u citynetd --no-pager -o short-monotonic | tail -25
say "security"
systemd-analyze security citynetd --no-pager 2>/dev/null | tail -1
echo "VMTEST DONE failures=$failures"
systemctl poweroff
VMTEST
cat >"$root/etc/systemd/system/citynet-vmtest.service" <<'UNIT'
[Unit]
Description=citynet package checks under systemd
After=multi-user.target
[Service]
Type=oneshot
ExecStart=/usr/local/sbin/citynet-vmtest
StandardOutput=tty
StandardError=tty
TTYPath=/dev/ttyS0
[Install]
WantedBy=multi-user.target
UNIT
mkdir -p "$root/etc/systemd/system/multi-user.target.wants"
ln -sf /etc/systemd/system/citynet-vmtest.service \
  "$root/etc/systemd/system/multi-user.target.wants/citynet-vmtest.service"
# No login prompt competing for the console.
ln -sf /dev/null "$root/etc/systemd/system/serial-getty@ttyS0.service"

kernels=("$root"/boot/vmlinuz-*)
initrds=("$root"/boot/initrd.img-*)
cp "${kernels[0]}" "$work/vmlinuz"
cp "${initrds[0]}" "$work/initrd.img"
echo "== mkfs.ext4 -d (the disk image)"
rm -f "$work/disk.img"
truncate -s 3G "$work/disk.img"
mkfs.ext4 -q -F -d "$root" "$work/disk.img"

echo "== boot (serial console in $work/console.log)"
start=$(date +%s)
timeout 1200 qemu-system-x86_64 "${accel_args[@]}" -m 1024 -smp 2 -nographic -no-reboot \
  -kernel "$work/vmlinuz" -initrd "$work/initrd.img" \
  -append "root=/dev/vda rw console=ttyS0 loglevel=4" \
  -drive "file=$work/disk.img,format=raw,if=virtio" -nic none \
  </dev/null >"$work/console.log" 2>&1 || true
echo "machine ran $(($(date +%s) - start)) s"
grep -a 'VMTEST' "$work/console.log" | tr -d '\r'
grep -a -A40 'VMTEST == journal' "$work/console.log" | tr -d '\r' | sed -n '2,30p'
if grep -aq 'VMTEST DONE failures=0' "$work/console.log"; then
  echo "OK: citynet runs under systemd in Debian 12 from $deb"
  exit 0
fi
echo "FAIL: see $work/console.log" >&2
exit 1
