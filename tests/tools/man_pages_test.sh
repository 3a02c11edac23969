#!/usr/bin/env bash
# Tests the man pages scdoc generated (cmake/ManPages.cmake): each renders (with `man -l` when
# man is installed, without groff warnings), and they document every command and long option
# of the CLI (tools/cli/commands.cc) and every option of citynetd (node/daemon/citynetd_main.cc), so a
# new command or option without a man entry fails here.
#
# usage: man_pages_test.sh SOURCE_DIR MAN_DIR   (MAN_DIR holds citynet.1 and citynetd.8)
set -uo pipefail

src=${1:?usage: man_pages_test.sh SOURCE_DIR MAN_DIR}
man_dir=${2:?usage: man_pages_test.sh SOURCE_DIR MAN_DIR}

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

for page in citynet.1 citynetd.8; do
  roff=$man_dir/$page
  if [[ ! -s $roff ]]; then
    fail "$roff is missing or empty (build the man_pages target)"
    continue
  fi
  grep -q '^\.TH ' "$roff" || fail "$roff has no .TH header: not roff"
  if command -v man >/dev/null 2>&1; then
    out=$(MANWIDTH=80 man --warnings -l "$roff" 2>&1 >/dev/null)
    [[ -z $out ]] || fail "man -l $page warns: $out"
    text=$(MANWIDTH=80 man -l "$roff" 2>/dev/null)
    (($(wc -l <<<"$text") > 50)) || fail "man -l $page renders only $(wc -l <<<"$text") lines"
  fi
done

# A page's roff without the escapes scdoc adds to plain text (\& after '.', \- for '-').
plain() {
  sed 's/\\&//g; s/\\-/-/g' "$1"
}

# Bold text of a page, one \fB...\fR span per line.
bold() {
  plain "$1" | grep -o '\\fB[^\\]*\\fR' | sed 's/^\\fB//; s/\\fR$//'
}

citynet_1=$man_dir/citynet.1
citynetd_8=$man_dir/citynetd.8
if [[ -s $citynet_1 ]]; then
  # Every source of the CLI's commands (commands.cc, setup.cc, ...), read as one.
  commands_cc=$(mktemp)
  trap 'rm -f "$commands_cc"' EXIT
  cat "$src"/tools/cli/*.cc >"$commands_cc"
  # Every subcommand (a call may break its line after the parenthesis) must appear in bold,
  # as it does in a synopsis or heading; section headings (.SS) count too.
  mapfile -t subcommands < <(tr '\n' ' ' <"$commands_cc" |
    grep -oE 'add_subcommand\( *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/')
  ((${#subcommands[@]} >= 10)) || fail "found only ${#subcommands[@]} subcommands in $commands_cc"
  documented=$(bold "$citynet_1"; plain "$citynet_1" | grep '^\.SS ')
  for name in "${subcommands[@]}"; do
    grep -qw -- "$name" <<<"$documented" ||
      fail "citynet.1 does not document the subcommand '$name' (tools/cli/commands.cc)"
  done
  mapfile -t options < <(tr '\n' ' ' <"$commands_cc" |
    grep -oE 'add_(option|flag)\( *"--[a-z][a-z-]*' | sed 's/.*"//' | sort -u)
  ((${#options[@]} >= 15)) || fail "found only ${#options[@]} long options in $commands_cc"
  for opt in "${options[@]}"; do
    grep -qxF -- "$opt" <<<"$(grep -oE -- '--[a-z][a-z-]*' <<<"$documented")" ||
      fail "citynet.1 does not document the option '$opt' (tools/cli/commands.cc)"
  done
  # The exit codes, as `citynet help exit-codes` prints them.
  for code in 0 1 2 3 4 5; do
    grep -qxF "$code" <<<"$(bold "$citynet_1")" || fail "citynet.1 does not list exit code $code"
  done
  for word in CITYNET_CONTROL NO_COLOR; do
    grep -qF -- "$word" <<<"$(plain "$citynet_1")" || fail "citynet.1 does not mention $word"
  done
fi

if [[ -s $citynetd_8 ]]; then
  main_cc=$src/node/daemon/citynetd_main.cc
  mapfile -t options < <(grep -oE '"--[a-z][a-z-]*' "$main_cc" | sed 's/^"//' | sort -u)
  ((${#options[@]} >= 5)) || fail "found only ${#options[@]} options in $main_cc"
  for opt in "${options[@]}"; do
    grep -qxF -- "$opt" <<<"$(bold "$citynetd_8")" ||
      fail "citynetd.8 does not document the option '$opt' (node/daemon/citynetd_main.cc)"
  done
  for code in 0 1 64 78; do
    grep -qxF "$code" <<<"$(bold "$citynetd_8")" || fail "citynetd.8 does not list exit code $code"
  done
  for word in SIGTERM SIGINT SIGHUP /etc/citynet/citynetd.toml node.card signing.key \
    transport.key control.sock /metrics; do
    grep -qF -- "$word" <<<"$(plain "$citynetd_8")" || fail "citynetd.8 does not mention $word"
  done
fi

if ((failures > 0)); then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "man pages: citynet.1 and citynetd.8 render and document every command and option"
