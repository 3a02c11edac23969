#!/usr/bin/env bash
# Runs deploy/docker/Dockerfile without a Docker engine, for a machine that has none: each stage
# in a Debian 12 root file system made with debootstrap, its instructions read from the
# Dockerfile and executed in order (RUN with chroot, proc and dev mounted; COPY from the
# context as .dockerignore filters it, or from an earlier stage), then a smoke test of the
# resulting image root: the entrypoint started as the image's USER with the image's ENV, the
# HEALTHCHECK command until it passes, SIGTERM, a second start on the same data.
#
# usage: deploy/docker/try-without-engine.sh [WORK_DIR]      (as root; default /var/tmp/citynet-docker)
#   WORK_DIR/base        debootstrap --variant=minbase bookworm, made once and kept
#   WORK_DIR/STAGE       each stage's root, copied afresh from base on every run (kept after it:
#                        WORK_DIR/runtime is the image's file system)
#   WORK_DIR/cache/DIR   the RUN --mount=type=cache directories (ccache), kept between runs
#
# What it cannot show: anything of the engine itself (layers, the build cache, BuildKit's
# parser, volumes and their initial copy, the bridge network and its DNS, healthcheck
# scheduling, signals through the engine). It knows the Dockerfile instructions this Dockerfile
# uses and stops at any other. The base is debootstrap's minbase, close to but not the same as
# the debian:12 image (debuerreotype's minbase); for debian:12-slim it adds the slim image's
# dpkg path excludes. Needs debootstrap and network access to deb.debian.org.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
context=$(cd "$here/../.." && pwd)
dockerfile=$here/Dockerfile
work=${1:-/var/tmp/citynet-docker}
mirror=${CITYNET_DEBIAN_MIRROR:-http://deb.debian.org/debian}

[[ $(id -u) -eq 0 ]] || { echo "try-without-engine: run as root (debootstrap, chroot, mount)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "try-without-engine: apt-get install debootstrap" >&2; exit 2; }
mkdir -p "$work/cache"
work=$(cd "$work" && pwd)

say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { echo "try-without-engine: $*" >&2; exit 1; }

# ---- mounts, undone on every exit ---------------------------------------------------------------

mounted=()
# Called where errexit does not hold (in `cmd || die`): every failure is checked here.
mount_bind() { # SRC DST
  mkdir -p "$1" "$2" || die "cannot create $1 or $2"
  mount --bind "$1" "$2" || die "cannot bind $1 on $2"
  mounted+=("$2")
}
unmount_all() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[$i]}" 2>/dev/null || umount -l "${mounted[$i]}" 2>/dev/null || true
  done
  mounted=()
}
smoke_pid=""
cleanup() {
  if [[ -n $smoke_pid ]] && kill -0 "$smoke_pid" 2>/dev/null; then kill -KILL "$smoke_pid" || true; fi
  unmount_all
}
trap cleanup EXIT

# ---- the base file system -----------------------------------------------------------------------

if [[ ! -x $work/base/bin/sh ]]; then
  say "debootstrap --variant=minbase bookworm $work/base"
  rm -rf "$work/base.tmp"
  start=$SECONDS
  debootstrap --variant=minbase bookworm "$work/base.tmp" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    die "debootstrap failed: $work/debootstrap.log"
  # The sources of the debian:12 image: the release, its updates and the security archive.
  rm -f "$work/base.tmp/etc/apt/sources.list"
  cat >"$work/base.tmp/etc/apt/sources.list.d/debian.sources" <<'EOF'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  rm -rf "$work/base.tmp/var/cache/apt/archives/"*.deb "$work/base.tmp/var/lib/apt/lists/"*
  mv "$work/base.tmp" "$work/base"
  say "base made in $((SECONDS - start)) s"
fi

# ---- the context, as .dockerignore filters it ---------------------------------------------------

say "context: $context (filtered by .dockerignore)"
rm -rf "$work/context"
mkdir -p "$work/context"
excludes=()
if [[ -f $context/.dockerignore ]]; then
  while IFS= read -r pattern || [[ -n $pattern ]]; do
    pattern=${pattern%%#*}
    pattern=${pattern%"${pattern##*[![:space:]]}"}
    [[ -z $pattern ]] && continue
    [[ $pattern == !* ]] && die ".dockerignore: exceptions (!) are not supported here"
    if [[ $pattern == '**/'* ]]; then
      excludes+=(--no-anchored "--exclude=${pattern#'**/'}")
    else
      excludes+=(--anchored "--exclude=./${pattern%/}")
    fi
  done <"$context/.dockerignore"
fi
tar -C "$context" "${excludes[@]}" -cf - . | tar -C "$work/context" -xf -
say "context: $(du -sh "$work/context" | cut -f1), $(find "$work/context" -type f | wc -l) files"

# ---- the Dockerfile, one instruction a line ----------------------------------------------------

instructions=()
line=""
while IFS= read -r raw || [[ -n $raw ]]; do
  trimmed=${raw#"${raw%%[![:space:]]*}"}
  [[ $trimmed == \#* ]] && continue
  if [[ $raw == *\\ ]]; then
    line+="${raw%\\} "
    continue
  fi
  line+=$raw
  [[ -n ${line//[[:space:]]/} ]] && instructions+=("$line")
  line=""
done <"$dockerfile"

# ---- executing them -----------------------------------------------------------------------------

stage="" root="" workdir="/" user="root"
declare -A stage_roots=()
env_vars=()        # KEY=VALUE of the current stage
declare -A meta=() # the last stage's image configuration

begin_stage() { # IMAGE NAME
  local image=$1 name=$2
  unmount_all
  stage=$name root=$work/$name workdir=/ user=root env_vars=()
  meta=()
  say "== stage $name FROM $image"
  rm -rf "$root"
  cp -a "$work/base" "$root"
  case $image in
    debian:12 | debian:bookworm) ;;
    debian:12-slim | debian:bookworm-slim)
      # As the slim image: no documentation, man pages or translations are unpacked.
      cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
EOF
      ;;
    *) die "FROM $image: only debian:12 and debian:12-slim are known here" ;;
  esac
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mount_bind /proc "$root/proc"
  mount_bind /dev "$root/dev"
  mount_bind /dev/pts "$root/dev/pts"
  stage_roots[$name]=$root
}

# Numeric uid:gid of a user in the stage's root (chroot --userspec would resolve names on the host).
userspec() {
  local name=$1 uid gid
  [[ $name == root ]] && { echo 0:0; return; }
  uid=$(awk -F: -v u="$name" '$1 == u { print $3 }' "$root/etc/passwd")
  gid=$(awk -F: -v u="$name" '$1 == u { print $4 }' "$root/etc/passwd")
  [[ -n $uid ]] || die "USER $name: no such user in the $stage root"
  echo "$uid:$gid"
}

# root_cmd: the command line that runs shell command $1 as the stage's user, in its WORKDIR,
# with its ENV (and nothing of this script's environment).
root_argv() {
  local home=/root
  [[ $user != root ]] && home=$(awk -F: -v u="$user" '$1 == u { print $6 }' "$root/etc/passwd")
  root_cmd=(chroot --userspec="$(userspec "$user")" "$root" /usr/bin/env -i
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME="$home"
    "${env_vars[@]}" /bin/sh -c "cd $workdir && $1")
}
in_root() { # COMMAND
  root_argv "$1"
  "${root_cmd[@]}"
}

abs_in_workdir() { [[ $1 == /* ]] && echo "$1" || echo "${workdir%/}/$1"; }

do_copy() { # [--from=STAGE] SRC... DEST
  local from="" args=() src_root dest sources=() s matches
  for a in "$@"; do
    case $a in
      --from=*) from=${a#--from=} ;;
      --chown=* | --chmod=*) die "COPY $a is not supported here" ;;
      *) args+=("$a") ;;
    esac
  done
  dest=$(abs_in_workdir "${args[-1]}")
  unset 'args[-1]'
  if [[ -n $from ]]; then
    [[ -n ${stage_roots[$from]-} ]] || die "COPY --from=$from: no such stage"
    src_root=${stage_roots[$from]}
  else
    src_root=$work/context
  fi
  for s in "${args[@]}"; do
    [[ $s == /* ]] || s=/$s
    mapfile -t matches < <(compgen -G "$src_root$s" || true)
    [[ ${#matches[@]} -gt 0 ]] || die "COPY: nothing matches $s"
    sources+=("${matches[@]}")
  done
  local copied=()
  for s in "${sources[@]}"; do
    if [[ -d $s ]]; then
      mkdir -p "$root$dest"
      cp -R --preserve=mode,timestamps,links "$s/." "$root$dest/"
      for c in "$s"/* "$s"/.[!.]*; do [[ -e $c ]] && copied+=("$root$dest/${c##*/}"); done
    elif [[ $dest == */ || -d $root$dest || ${#sources[@]} -gt 1 ]]; then
      mkdir -p "$root$dest"
      cp --preserve=mode,timestamps "$s" "$root$dest/"
      copied+=("$root${dest%/}/${s##*/}")
    else
      mkdir -p "$(dirname "$root$dest")"
      cp --preserve=mode,timestamps "$s" "$root$dest"
      copied+=("$root$dest")
    fi
  done
  # COPY makes root the owner of what it copies.
  [[ ${#copied[@]} -eq 0 ]] || chown -R 0:0 "${copied[@]}"
}

do_run() { # [--mount=type=cache,target=DIR]... COMMAND
  local rest=$1 spec target cache_mounts=()
  while [[ $rest == --mount=* ]]; do
    spec=${rest%% *}
    rest=${rest#* }
    spec=${spec#--mount=}
    [[ $spec == type=cache,* ]] || die "RUN --mount=$spec: only type=cache is supported here"
    target=$(sed -n 's/.*target=\([^,]*\).*/\1/p' <<<"$spec")
    [[ -n $target ]] || die "RUN --mount=$spec: no target"
    mount_bind "$work/cache/$(tr / _ <<<"${target#/}")" "$root$target"
    cache_mounts+=("$root$target")
  done
  local status=0
  in_root "$rest" || status=$?
  for target in "${cache_mounts[@]}"; do
    umount "$target" || die "cannot unmount $target"
    unset 'mounted[${#mounted[@]}-1]'
  done
  return $status
}

total_start=$SECONDS
for instruction in "${instructions[@]}"; do
  read -r keyword args <<<"$instruction"
  keyword=${keyword^^}
  step_start=$SECONDS
  case $keyword in
    FROM)
      read -r image as name <<<"$args"
      [[ ${as^^} == AS && -n $name ]] || die "FROM $args: name the stage (FROM IMAGE AS NAME)"
      begin_stage "$image" "$name"
      continue
      ;;
    WORKDIR)
      workdir=$(abs_in_workdir "$args")
      mkdir -p "$root$workdir"
      [[ $user != root ]] && chown "$(userspec "$user")" "$root$workdir"
      ;;
    ENV)
      read -ra pairs <<<"$args"
      for p in "${pairs[@]}"; do
        [[ $p == *=* ]] || die "ENV $args: write KEY=VALUE (values without spaces here)"
        env_vars+=("$p")
      done
      meta[ENV]="${env_vars[*]}"
      ;;
    COPY)
      read -ra words <<<"$args"
      do_copy "${words[@]}"
      ;;
    RUN)
      say "-- RUN ${args:0:110}"
      do_run "$args" || die "RUN failed (exit $?): $args"
      ;;
    USER)
      userspec "$args" >/dev/null
      user=$args
      meta[USER]=$args
      ;;
    VOLUME | EXPOSE | HEALTHCHECK | STOPSIGNAL | ENTRYPOINT | CMD | LABEL)
      meta[$keyword]=$args
      ;;
    *) die "$keyword: not an instruction this script knows" ;;
  esac
  say "   $keyword ${args:0:90} ($((SECONDS - step_start)) s)"
done
unmount_all
say "all stages done in $((SECONDS - total_start)) s; the image's file system: $root"
for k in USER ENV WORKDIR VOLUME EXPOSE HEALTHCHECK STOPSIGNAL ENTRYPOINT CMD; do
  [[ $k == WORKDIR ]] && { echo "  WORKDIR $workdir"; continue; }
  [[ -n ${meta[$k]-} ]] && echo "  $k ${meta[$k]}"
done
# shellcheck disable=SC2016 # dpkg-query formats, not shell expansions
echo "  installed size (dpkg): $(chroot "$root" dpkg-query -W -f='${Installed-Size}\n' citynet) KiB citynet," \
  "$(chroot "$root" dpkg-query -W -f='${Installed-Size}\n' | awk '{ s += $1 } END { print s }') KiB all packages;" \
  "file system $(du -sh --exclude=proc --exclude=dev "$root" | cut -f1)"

# ---- smoke test of the image ---------------------------------------------------------------------

# The entrypoint and healthcheck as the engine would run them: the image's USER, ENV and
# WORKDIR, a node with no partner on a free loopback port (the host's network is shared here).
entrypoint=$(sed -n 's/^\["\([^"]*\)".*/\1/p' <<<"${meta[ENTRYPOINT]-}")
health=$(sed -n 's/.*CMD //p' <<<"${meta[HEALTHCHECK]-}")
[[ -n $entrypoint && -n $health ]] || die "no ENTRYPOINT [\"...\"] or HEALTHCHECK ... CMD to test"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
env_vars+=(CITYNET_NAME=smoke "CITYNET_DISPLAY_NAME=Smoke test" CITYNET_NETWORKS=c40
  "CITYNET_PORT=$port" "CITYNET_LISTEN=tcp://127.0.0.1:$port" "CITYNET_ADVERTISE=tcp://127.0.0.1:$port")
mount_bind /proc "$root/proc"
mount_bind /dev "$root/dev"
mount_bind /dev/pts "$root/dev/pts"
log=$work/smoke.log
: >"$log"
for run in 1 2; do
  say "smoke run $run: $entrypoint as ${meta[USER]:-root}, port $port"
  start=$SECONDS
  # A simple command in the background: $! is chroot's pid, which becomes citynetd's (exec).
  root_argv "exec $entrypoint"
  "${root_cmd[@]}" >>"$log" 2>&1 &
  smoke_pid=$!
  healthy=0
  for _ in $(seq 60); do
    if in_root "$health" >/dev/null 2>&1; then healthy=1; break; fi
    kill -0 "$smoke_pid" 2>/dev/null || break
    sleep 0.5
  done
  [[ $healthy -eq 1 ]] || { cat "$log" >&2; die "smoke run $run: not healthy within 30 s"; }
  say "healthy after $((SECONDS - start)) s"
  in_root "citynet node status" | sed 's/^/    /'
  kill -TERM "$smoke_pid"
  status=0
  wait "$smoke_pid" || status=$?
  smoke_pid=""
  [[ $status -eq 0 ]] || { cat "$log" >&2; die "smoke run $run: exit $status after SIGTERM"; }
  say "stopped by SIGTERM, exit 0"
done
grep -q 'first start' "$log" || die "the entrypoint never said 'first start' (log $log)"
[[ $(grep -c 'first start' "$log") -eq 1 ]] || die "the second start set the node up again (log $log)"
say "smoke test passed (log $log)"
