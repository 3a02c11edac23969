#!/usr/bin/env bash
# The citynet image's entrypoint: sets a node up from environment variables on its first start,
# exchanges node cards with its partners through a shared directory, then runs citynetd in the
# foreground (logs on standard error, SIGTERM stops it cleanly).
#
# First start (no config in the data volume yet): `citynet init` writes the config, the keys
# and the card into CITYNET_DATA_DIR. Every start: the card is copied to
# CITYNET_CARDS_DIR/NAME.card, and each partner of CITYNET_PARTNERS that the config does not
# name yet is added with `citynet peer add` from CITYNET_CARDS_DIR/PARTNER.card, waiting for that
# card at most CITYNET_CARD_WAIT_S seconds. `peer add` works without the daemon (it writes the
# config; the daemon reads it when it starts), so citynetd starts once every partner is in.
# A later start on the same volume changes nothing: the config, keys and partners are kept.
#
#   CITYNET_NAME          the node's name (a-z, 0-9, '-'), e.g. copenhagen            (required)
#   CITYNET_DISPLAY_NAME  the name partners see, e.g. "City of Copenhagen"            (required)
#   CITYNET_NETWORKS      its networks, e.g. "c40,eurocities" (commas or spaces)      (required)
#   CITYNET_PARTNERS      its partners, separated by spaces: NAME:NETWORK[,NETWORK...][:no-dial]
#                         with the networks shared with NAME; :no-dial when NAME dials this
#                         node (one side of each pair dials). Default: none
#   CITYNET_PORT          the mesh port (default 7400)
#   CITYNET_LISTEN        where to listen (default tcp://0.0.0.0:PORT)
#   CITYNET_ADVERTISE     where partners dial this node, on its card (default tcp://NAME:PORT:
#                         the service name on a compose network)
#   CITYNET_DATA_DIR      store, keys, card (default /var/lib/citynet, the image's volume)
#   CITYNET_CONFIG        the config file (default DATA_DIR/citynetd.toml)
#   CITYNET_CONTROL       the control socket (default ipc:///run/citynet/control.sock)
#   CITYNET_CARDS_DIR     the directory shared with the partners (default /cards)
#   CITYNET_CARD_WAIT_S   how long to wait for the partners' cards (default 300)
#   CITYNET_CATCH_UP_S    seconds between catch-up exchanges (default: citynetd's, 30)
#
# Arguments: none, or citynetd options (e.g. --check-config). A command instead (a first
# argument not starting with '-') runs that command with no setup: `docker run IMAGE citynet
# --help`. Exit status: citynetd's; 78 for a variable with a problem, 75 when a partner's card
# did not come in time (the next start goes on from there).
set -euo pipefail

readonly kExitConfig=78 kExitTempFail=75

say() { echo "citynet-entrypoint: $*" >&2; }
die() { # CODE MESSAGE...
  echo "citynet-entrypoint: error: ${*:2}" >&2
  exit "$1"
}
bad() { die $kExitConfig "$*"; }

if [[ $# -gt 0 && $1 != -* ]]; then
  exec "$@"
fi

# ---- the variables, every one checked before anything is written ------------------------------

# A name or network as citynet accepts it (protocol/vocabulary.cc CheckSlug).
is_slug() {
  [[ $1 =~ ^[a-z][a-z0-9-]{0,63}$ && $1 != *- && $1 != *--* ]]
}
# A string field of the JSON document citynet --json prints (one "key": "value" a line).
json_field() { sed -n "s/^ *\"$1\": \"\(.*\)\",\{0,1\}\$/\1/p" <<<"$2" | head -n 1; }
is_uint() { [[ $1 =~ ^(0|[1-9][0-9]{0,8})$ ]]; }
in_range() { is_uint "$1" && (($1 >= $2 && $1 <= $3)); } # VALUE MIN MAX

name=${CITYNET_NAME-}
display_name=${CITYNET_DISPLAY_NAME-}
[[ -n $name ]] || bad "CITYNET_NAME is not set: the node's name, e.g. CITYNET_NAME=copenhagen"
is_slug "$name" ||
  bad "CITYNET_NAME='$name': a name is lower case a-z, 0-9 and '-', starts with a letter," \
    "at most 64"
[[ -n ${display_name//[[:space:]]/} ]] ||
  bad "CITYNET_DISPLAY_NAME is not set: the name partners see, e.g. \"City of Copenhagen\""

networks_env=${CITYNET_NETWORKS-}
read -ra networks <<<"${networks_env//,/ }"
[[ ${#networks[@]} -gt 0 ]] ||
  bad "CITYNET_NETWORKS is not set: the node's networks, e.g. CITYNET_NETWORKS=c40,eurocities"
declare -A is_network=()
for n in "${networks[@]}"; do
  is_slug "$n" || bad "CITYNET_NETWORKS: '$n' is not a network name (a-z, 0-9, '-')"
  [[ -z ${is_network[$n]-} ]] || bad "CITYNET_NETWORKS names '$n' twice"
  is_network[$n]=1
done

port=${CITYNET_PORT:-7400}
in_range "$port" 1 65535 ||
  bad "CITYNET_PORT='$port': a port is a number from 1 to 65535"
listen=${CITYNET_LISTEN:-tcp://0.0.0.0:$port}
advertise=${CITYNET_ADVERTISE:-tcp://$name:$port}
[[ $listen =~ ^tcp://[^/[:space:]]+:[0-9]+$ ]] ||
  bad "CITYNET_LISTEN='$listen': write tcp://HOST:PORT, e.g. tcp://0.0.0.0:$port"
[[ $advertise =~ ^tcp://([^/[:space:]]+):[0-9]+$ ]] ||
  bad "CITYNET_ADVERTISE='$advertise': write tcp://HOST:PORT as partners dial it," \
    "e.g. tcp://$name:$port"
case ${BASH_REMATCH[1]} in
  0.0.0.0 | '*' | '[::]')
    bad "CITYNET_ADVERTISE='$advertise' is a wildcard: give the host name partners dial" ;;
esac

data_dir=${CITYNET_DATA_DIR:-/var/lib/citynet}
config=${CITYNET_CONFIG:-$data_dir/citynetd.toml}
control=${CITYNET_CONTROL:-ipc:///run/citynet/control.sock}
cards_dir=${CITYNET_CARDS_DIR:-/cards}
card_wait=${CITYNET_CARD_WAIT_S:-300}
catch_up=${CITYNET_CATCH_UP_S-}
[[ $data_dir == /* ]] || bad "CITYNET_DATA_DIR='$data_dir' must be an absolute path"
[[ $config == /* ]] || bad "CITYNET_CONFIG='$config' must be an absolute path"
[[ $control == ipc:///* ]] ||
  bad "CITYNET_CONTROL='$control' must be ipc:// and an absolute path," \
    "e.g. ipc:///run/citynet/control.sock"
[[ $cards_dir == /* ]] || bad "CITYNET_CARDS_DIR='$cards_dir' must be an absolute path"
is_uint "$card_wait" || bad "CITYNET_CARD_WAIT_S='$card_wait': a number of seconds"
if [[ -n $catch_up ]]; then
  in_range "$catch_up" 1 86400 ||
    bad "CITYNET_CATCH_UP_S='$catch_up': seconds from 1 to 86400"
fi

# Partners: name -> "net1,net2" and name -> dial | no-dial, in the order given.
partners=()
declare -A partner_networks=() partner_mode=()
read -ra specs <<<"${CITYNET_PARTNERS-}"
for spec in "${specs[@]}"; do
  IFS=: read -r p nets mode extra <<<"$spec"
  [[ -z ${extra-} && -n ${nets-} ]] ||
    bad "CITYNET_PARTNERS: '$spec' is not NAME:NETWORK[,NETWORK...][:no-dial]"
  is_slug "$p" || bad "CITYNET_PARTNERS: '$p' (in '$spec') is not a node name"
  [[ $p != "$name" ]] || bad "CITYNET_PARTNERS names this node itself ('$p')"
  [[ -z ${partner_mode[$p]-} ]] || bad "CITYNET_PARTNERS names '$p' twice"
  case ${mode:-dial} in
    dial | no-dial) ;;
    *) bad "CITYNET_PARTNERS: '$spec' ends in ':$mode'; only ':no-dial' may follow the networks" ;;
  esac
  IFS=, read -ra shared <<<"$nets"
  for n in "${shared[@]}"; do
    [[ -n ${is_network[$n]-} ]] ||
      bad "CITYNET_PARTNERS: '$spec' shares '$n', which is not in CITYNET_NETWORKS (${networks[*]})"
  done
  partners+=("$p")
  partner_networks[$p]=$nets
  partner_mode[$p]=${mode:-dial}
done

if [[ ${#partners[@]} -gt 0 ]]; then
  [[ -d $cards_dir && -w $cards_dir ]] ||
    bad "CITYNET_CARDS_DIR '$cards_dir' is not a directory this user ($(id -un)) may write:" \
      "mount the shared cards volume there"
fi
for tool in citynet citynetd; do
  command -v "$tool" >/dev/null || die 1 "$tool is not on PATH ($PATH)"
done

# ---- first start: config, keys, card ----------------------------------------------------------

if [[ ! -e $config ]]; then
  say "first start of $name: writing $config, keys in $data_dir/keys"
  init=(citynet init --name "$name" --display-name "$display_name" --config "$config"
    --data-dir "$data_dir" --listen "$listen" --advertise "$advertise" --control "$control")
  for n in "${networks[@]}"; do init+=(--network "$n"); done
  # --json: the card and key as data on stdout, without the advice for a person.
  out=$("${init[@]}" --json) || die $kExitConfig "citynet init failed (above)"
  say "this node's signing key (its identity): $(json_field signing_key "$out")"
  if [[ -n $catch_up ]]; then
    sed -i "s/^# catch_up_interval_s = 30\$/catch_up_interval_s = $catch_up/" "$config"
    grep -q "^catch_up_interval_s = $catch_up\$" "$config" ||
      die $kExitConfig "CITYNET_CATCH_UP_S: $config has no '# catch_up_interval_s = 30' line to set"
  fi
else
  # The volume is some node's: it must be this one's.
  have=$(sed -n 's/^name = "\(.*\)"$/\1/p' "$config" | head -n 1)
  [[ $have == "$name" ]] ||
    bad "$config is the config of '$have', not of CITYNET_NAME='$name': is this the right volume?"
  say "$name was set up before: keeping $config and the keys in $data_dir/keys"
fi

# The card for the partners, replaced in one rename so that no reader sees half of it.
if [[ -d $cards_dir && -w $cards_dir ]]; then
  cp "$data_dir/node.card" "$cards_dir/.$name.card.tmp"
  mv -f "$cards_dir/.$name.card.tmp" "$cards_dir/$name.card"
  say "this node's card is $cards_dir/$name.card"
fi

# ---- partners ---------------------------------------------------------------------------------

config_dir=$(dirname "$config")
deadline=$((SECONDS + card_wait))
for p in "${partners[@]}"; do
  if grep -qF "card = \"$config_dir/partners/$p.card\"" "$config"; then
    continue # added on an earlier start
  fi
  card=$cards_dir/$p.card
  if [[ ! -f $card ]]; then
    say "waiting for $card (the card of $p), at most $((deadline - SECONDS)) s more"
    while [[ ! -f $card ]]; do
      ((SECONDS < deadline)) ||
        die $kExitTempFail "no card from $p in $cards_dir after ${card_wait} s: is the $p" \
          "node started, with the same cards volume? (the next start goes on from here)"
      sleep 1
    done
  fi
  add=(citynet peer add "$card" --config "$config" --network "${partner_networks[$p]}")
  [[ ${partner_mode[$p]} == no-dial ]] && add+=(--no-dial)
  out=$("${add[@]}" --json) || die $kExitConfig "citynet peer add $card failed (above)"
  how="dialing $(json_field endpoint "$out")"
  [[ ${partner_mode[$p]} == no-dial ]] && how="it dials this node"
  key=$(json_field signing_key "$out")
  say "added $p, sharing ${partner_networks[$p]}, $how, signing key $key"
done

say "starting citynetd --config $config"
exec citynetd --config "$config" "$@"
