#!/usr/bin/env bash
# Tests deploy/completion/citynet.bash: sources it, fills COMP_WORDS/COMP_CWORD as bash does for
# a command line, calls the completion function and checks COMPREPLY. Also checks that every
# command and long option of tools/cli/commands.cc is offered, so a new one cannot be forgotten.
#
# usage: completion_test.sh SOURCE_DIR
set -uo pipefail

src=${1:?usage: completion_test.sh SOURCE_DIR}
completion=$src/deploy/completion/citynet.bash
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Every source of the CLI's commands (commands.cc, setup.cc, ...), read as one.
commands_cc=$tmp/cli-sources.cc
cat "$src"/tools/cli/*.cc >"$commands_cc"

# shellcheck source=deploy/completion/citynet.bash
source "$completion"

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# complete LINE: COMPREPLY for LINE, the cursor at its end. Splits as bash does with the default
# COMP_WORDBREAKS for what these tests use (spaces, and '=' as a word of its own).
complete_line() {
  local line=$1
  local spaced=${line//=/ = }
  read -r -a COMP_WORDS <<<"$spaced"
  [[ $line == *" " || $line == *"=" ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE=$line
  COMP_POINT=${#line}
  COMPREPLY=()
  _citynet
}

# expect LINE WORD...: COMPREPLY, sorted, is exactly the WORDs.
expect() {
  local line=$1
  shift
  complete_line "$line"
  local got want
  got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
  want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
  [[ $got == "$want" ]] || fail "'$line': got [${got% }], want [${want% }]"
}

# offers LINE WORD...: COMPREPLY holds each WORD (and maybe more).
offers() {
  local line=$1 w
  shift
  complete_line "$line"
  for w in "$@"; do
    grep -qxF -- "$w" <<<"$(printf '%s\n' "${COMPREPLY[@]}")" || fail "'$line': '$w' not offered"
  done
}

[[ $(complete -p citynet 2>/dev/null) == *"-F _citynet"* ]] || fail "citynet has no completion"

# Commands.
expect "citynet " init node peer case dataset export import help
expect "citynet c" case
expect "citynet d" dataset
expect "citynet dataset " publish check list show fetch export
expect "citynet dataset publish --n" --network --no-removal
expect "citynet dataset check --k" --k --keep-text
expect "citynet dataset publish --s" --spatial --sensitive
expect "citynet dataset publish --licence C" CC-BY-4.0 CC-BY-SA-4.0 CC0-1.0
expect "citynet dataset publish --k " # a number: nothing to offer
expect "citynet dataset publish --title x --t" --theme --title --to
expect "citynet dataset fetch --w" --wait
expect "citynet dataset export --f" --force
expect "citynet node " status card reload
expect "citynet case " publish list search show supersede retract erasure
expect "citynet case s" search show supersede
expect "citynet case retract --r" --reason
expect "citynet peer " add list remove
expect "citynet peer add --n" --network --no-dial
expect "citynet init --d" --data-dir --display-name
expect "citynet help " exit-codes
expect "citynet bogus " # nothing for an unknown command

# Options, after options and their values too.
expect "citynet case list --n" --network
expect "citynet case list --network c40 --s" --sdg --since
expect "citynet case list --json --control ipc:///tmp/x.sock --l" --lang --limit
offers "citynet case list --" --network --sdg --theme --city --lang --since --author --limit \
  --cursor --all --json --control --help
expect "citynet node card --o" --output
expect "citynet case search --w" --wait
expect "citynet case publish --s" --supersedes
expect "citynet case list --sdg 1" 1 10 11 12 13 14 15 16 17
expect "citynet case list --limit " # a number: nothing to offer

# Files: the FILE of case publish and --output; none once FILE is given.
mkdir -p "$tmp/work/cases"
touch "$tmp/work/case-a.json" "$tmp/work/case-b.json" "$tmp/work/notes.txt"
pushd "$tmp/work" >/dev/null || exit 1
expect "citynet case publish " case-a.json case-b.json cases notes.txt
expect "citynet case publish case-" case-a.json case-b.json
expect "citynet case publish --network c40 c" case-a.json case-b.json cases
expect "citynet case publish case-a.json " # FILE already given
expect "citynet node card --output n" notes.txt
expect "citynet node card -o c" case-a.json case-b.json cases
touch "$tmp/work/survey.csv" "$tmp/work/SURVEY2.CSV"
expect "citynet dataset publish " cases survey.csv SURVEY2.CSV
expect "citynet dataset publish --title 'x' s" survey.csv
expect "citynet dataset publish survey.csv " # FILE already given
expect "citynet dataset export abc --output s" survey.csv
popd >/dev/null || exit 1

# --network: the networks of the running node, from `citynet node status --json`. A fake
# citynet on PATH prints what the real one prints (two-space indent, keys sorted), with a
# peer whose networks must not leak in.
mkdir -p "$tmp/bin"
cat >"$tmp/bin/citynet" <<'EOF'
#!/bin/sh
[ "$1 $2 $3" = "node status --json" ] || exit 2
cat <<'JSON'
{
  "control": "/run/citynet/control.sock",
  "forks": [],
  "listen": [
    "tcp://0.0.0.0:7400"
  ],
  "metrics": "",
  "node": {
    "display_name": "City of Copenhagen",
    "name": "copenhagen",
    "networks": [
      "c40",
      "eurocities",
      "ssc-beijing"
    ],
    "pid": 4242,
    "signing_key": "00",
    "started_at_ms": 0,
    "transport_key": "00",
    "version": "0.1.0"
  },
  "peers": [
    {
      "connected": true,
      "name": "partner",
      "networks": [
        "not-ours"
      ]
    }
  ]
}
JSON
EOF
chmod +x "$tmp/bin/citynet"
saved_path=$PATH

PATH="$tmp/bin:$saved_path"
expect "citynet case list --network " c40 eurocities ssc-beijing
expect "citynet case search -n e" eurocities
expect "citynet case publish --network=s" ssc-beijing
expect "citynet case list --network=" c40 eurocities ssc-beijing
expect "citynet dataset publish x.csv --network " c40 eurocities ssc-beijing
expect "citynet dataset list -n c" c40

# The same without python3: PATH holds only the fake citynet and the tools the fallback uses.
mkdir -p "$tmp/nopy"
for tool in sed tr timeout cat sort grep seq; do
  real=$(PATH=$saved_path command -v "$tool") && ln -s "$real" "$tmp/nopy/$tool"
done
ln -s "$tmp/bin/citynet" "$tmp/nopy/citynet"
# shellcheck disable=SC2123  # on purpose: a PATH without python3
PATH="$tmp/nopy"
command -v python3 >/dev/null && fail "python3 still on PATH"
expect "citynet case list --network " c40 eurocities ssc-beijing
expect "citynet case show --network ss" ssc-beijing
PATH=$saved_path

# No daemon (citynet exits 5 with nothing on stdout): nothing offered, no error.
cat >"$tmp/bin/citynet" <<'EOF'
#!/bin/sh
echo "citynet: error: citynetd is not running" >&2
exit 5
EOF
PATH="$tmp/bin:$saved_path"
expect "citynet case list --network "
PATH=$saved_path

# Every command and long option of the CLI is offered somewhere.
# (A call may break its line after the parenthesis.)
mapfile -t subcommands < <(tr '\n' ' ' <"$commands_cc" | grep -oE 'add_subcommand\( *"[^"]*"' |
  sed 's/.*"\([^"]*\)"$/\1/')
mapfile -t long_options < <(tr '\n' ' ' <"$commands_cc" |
    grep -oE 'add_(option|flag)\( *"--[a-z][a-z-]*' | sed 's/.*"//' | sort -u)
((${#subcommands[@]} >= 10)) || fail "found only ${#subcommands[@]} subcommands in $commands_cc"
((${#long_options[@]} >= 15)) || fail "found only ${#long_options[@]} long options in $commands_cc"
offered=()
for line in "citynet " "citynet node " "citynet case " "citynet dataset " "citynet peer " \
  "citynet help "; do
  complete_line "$line"
  offered+=("${COMPREPLY[@]}")
done
for line in "citynet --" "citynet node status --" "citynet node card --" \
  "citynet case publish --" "citynet case list --" "citynet case search --" \
  "citynet case show --" "citynet case supersede --" "citynet case retract --" \
  "citynet case erasure --" "citynet dataset publish --" "citynet dataset list --" \
  "citynet dataset show --" "citynet dataset fetch --" "citynet dataset export --" \
  "citynet export --" "citynet import --" "citynet init --" \
  "citynet peer add --" "citynet peer list --" "citynet peer remove --"; do
  complete_line "$line"
  offered+=("${COMPREPLY[@]}")
done
for word in "${subcommands[@]}" "${long_options[@]}"; do
  grep -qxF -- "$word" <<<"$(printf '%s\n' "${offered[@]}")" ||
    fail "'$word' (tools/cli/*.cc) is never offered by $completion"
done

if ((failures > 0)); then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "completion: all cases pass (${#subcommands[@]} commands, ${#long_options[@]} long options)"
