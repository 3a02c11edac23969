# Bash completion for citynet(1): commands, each command's options, files where a command
# takes a file, and for --network the networks of the running node (asked with
# `citynet node status --json`, parsed with python3 when there is one, else with sed).
#
# Stand-alone: it needs neither the bash-completion package nor jq. Installed as
# share/bash-completion/completions/citynet; to try it from a source tree:
#     source deploy/completion/citynet.bash
#
# Keep in step with tools/cli/commands.cc (tests/tools/completion_test.sh checks that every
# command and long option there is offered here).

# The networks of the node that the command line being completed talks to, one per line.
# $1: the citynet binary being completed; $2: the --control endpoint given, if any.
_citynet_networks() {
  local cmd=$1 control=$2 json
  local -a args=(node status --json)
  [[ -n $control ]] && args+=(--control "$control")
  if command -v timeout >/dev/null 2>&1; then
    json=$(timeout 3 "$cmd" "${args[@]}" 2>/dev/null) || return 0
  else
    json=$("$cmd" "${args[@]}" 2>/dev/null) || return 0
  fi
  [[ -n $json ]] || return 0
  if command -v python3 >/dev/null 2>&1; then
    printf '%s' "$json" | python3 -c '
import json, sys
try:
    for n in json.load(sys.stdin)["node"]["networks"]:
        print(n)
except Exception:
    pass
' 2>/dev/null
    return 0
  fi
  # Without python3: the CLI prints the document indented by two spaces, so "node" is the
  # object between the line `  "node": {` and the next line `  }` (its own "networks" is the
  # only one there; the peers' come later).
  printf '%s\n' "$json" |
    sed -n '/^  "node": {/,/^  }/p' |
    tr -d '\n' |
    sed -n 's/.*"networks": *\[\([^]]*\)\].*/\1/p' |
    tr ',' '\n' |
    sed -n 's/^[[:space:]]*"\([^"]*\)"[[:space:]]*$/\1/p'
}

_citynet() {
  local cur prev cword=$COMP_CWORD
  local -a words=("${COMP_WORDS[@]}")
  cur=${words[cword]}
  prev=${words[cword - 1]:-}
  # "--network=c" arrives as "--network" "=" "c" (= is in COMP_WORDBREAKS).
  if [[ $cur == = ]]; then
    cur=""
  elif [[ $prev == = ]] && ((cword >= 2)); then
    prev=${words[cword - 2]}
  fi

  local common="--json --control --help --help-all"
  # Options that take a value; the word after them is not a command.
  local takes_value=" --control --output -o --network -n --supersedes --sdg --theme --city "
  takes_value+="--lang --since --author --limit -L --cursor --reason -r --name --display-name "
  takes_value+="--config --data-dir --listen --advertise --endpoint --title --description "
  takes_value+="--licence --language --publisher --spatial --country --from --to --quasi "
  takes_value+="--sensitive --insensitive --keep-text --k --l --max-suppression --rows "

  # The command so far ("case list"), how many positional arguments follow it, and the
  # --control given; options and their values are skipped.
  local path="" control="" positional=0 i w
  for ((i = 1; i < cword; i++)); do
    w=${words[i]}
    if [[ $w == --control ]]; then
      control=${words[i + 1]:-}
      [[ $control == = ]] && control=${words[i + 2]:-}
    fi
    if [[ $w == -* ]]; then
      [[ $takes_value == *" $w "* && ${words[i + 1]:-} != = ]] && i=$((i + 1))
      continue
    fi
    [[ $w == = ]] && { i=$((i + 1)); continue; }
    case "$path" in
      "" | node | case | dataset | peer | help) path="${path:+$path }$w" ;;
      *) positional=$((positional + 1)) ;;  # FILE, QUERY or ID
    esac
  done

  # The value of an option.
  case "$prev" in
    --output | -o | --config)
      compopt -o filenames 2>/dev/null || true
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return 0
      ;;
    --network | -n)
      [[ $path == "case "* || $path == "dataset "* || $path == export ||
        $path == "peer add" ]] || return 0
      mapfile -t COMPREPLY < <(compgen -W "$(_citynet_networks "${words[0]}" "$control")" \
        -- "$cur")
      return 0
      ;;
    --control)
      mapfile -t COMPREPLY < <(compgen -W "ipc:///run/citynet/control.sock ${CITYNET_CONTROL:-}" \
        -- "$cur")
      return 0
      ;;
    --sdg)
      mapfile -t COMPREPLY < <(compgen -W "$(seq 1 17)" -- "$cur")
      return 0
      ;;
    --data-dir)
      compopt -o filenames 2>/dev/null || true
      mapfile -t COMPREPLY < <(compgen -d -- "$cur")
      return 0
      ;;
    --licence)
      mapfile -t COMPREPLY < <(compgen -W "CC-BY-4.0 CC-BY-SA-4.0 CC0-1.0 ODbL-1.0 PDDL-1.0" \
        -- "$cur")
      return 0
      ;;
    --supersedes | --theme | --city | --lang | --since | --author | --limit | -L | --cursor | \
      --reason | -r | --name | --display-name | --listen | --advertise | --endpoint | \
      --title | --description | --language | --publisher | --spatial | --country | --from | \
      --to | --quasi | --sensitive | --k | --l | --max-suppression)
      return 0
      ;;
  esac

  local commands="" options=""
  case "$path" in
    "") commands="init node peer case dataset export import help" options="--help --help-all" ;;
    init)
      options="--name --display-name --network --config --data-dir --listen --advertise
        --control --force --json --help"
      ;;
    peer) commands="add list remove" options="--help --help-all" ;;
    "peer add") options="--network --endpoint --no-dial --config $common" ;;
    "peer list") options="--config $common" ;;
    "peer remove") options="--config $common" ;;
    node) commands="status card reload" options="--help --help-all" ;;
    case)
      commands="publish list search show supersede retract erasure"
      options="--help --help-all"
      ;;
    dataset) commands="publish check list show fetch export" options="--help --help-all" ;;
    help) commands="exit-codes" options="--help --help-all" ;;
    "node status" | "node reload") options="$common" ;;
    "node card") options="--output $common" ;;
    "case publish") options="--network --supersedes $common" ;;
    "case list")
      options="--network --sdg --theme --city --lang --since --author --limit --cursor --all
        $common"
      ;;
    "case search") options="--network --limit --wait $common" ;;
    "case show") options="$common" ;;
    "case supersede") options="--network $common" ;;
    "case retract") options="--reason $common" ;;
    "case erasure") options="$common" ;;
    "dataset publish")
      options="--network --title --description --licence --language --publisher --theme
        --spatial --country --from --to --quasi --sensitive --insensitive --keep-text --k --l
        --max-suppression --no-removal --dry-run --rows $common"
      ;;
    "dataset check")
      options="--quasi --sensitive --insensitive --keep-text --k --l --max-suppression
        --no-removal --rows $common"
      ;;
    "dataset list") options="--network $common" ;;
    "dataset show") options="$common" ;;
    "dataset fetch") options="--wait $common" ;;
    "dataset export") options="--output --force $common" ;;
    export) options="--network $common" ;;
    import) options="$common" ;;
    "help exit-codes") options="--help" ;;
    *) return 0 ;;
  esac

  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
  elif [[ -n $commands ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
  elif [[ $path == "dataset publish" || $path == "dataset check" ]] && ((positional == 0)); then
    # FILE: a CSV table; directories too, to get there.
    compopt -o filenames 2>/dev/null || true
    mapfile -t COMPREPLY < <({
      compgen -f -X '!*.[cC][sS][vV]' -- "$cur"
      compgen -d -- "$cur"
    } | sort -u)
  elif { [[ $path == "case publish" || $path == export || $path == import ||
    $path == "peer add" ]] &&
    ((positional == 0)); } || { [[ $path == "case supersede" ]] && ((positional == 1)); }; then
    # FILE: a case file or an export file; directories too, to get there.
    compopt -o filenames 2>/dev/null || true
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
  return 0
}

complete -F _citynet citynet
