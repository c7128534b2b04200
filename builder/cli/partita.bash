# SPDX-License-Identifier: MIT
# bash completion for partita(1): commands, each command's options, --format
# values, check ids for `explain` (asked of partita itself), guest names of
# the spec on the line for `dts` and `run --shell`, and files elsewhere.
# Installed as share/bash-completion/completions/partita.

# The guest names of spec $1: the keys two spaces in under "guests:".
_partita_guests()
{
	[ -r "$1" ] || return
	awk '/^guests:/ { in_guests = 1; next }
	     /^[^ #]/ { in_guests = 0 }
	     in_guests && /^  [a-z][a-z0-9_-]*:/ { sub(/^  /, ""); sub(/:.*/, ""); print }' "$1"
}

# The first argument after the command that is not an option: the spec.
_partita_spec()
{
	local i
	for ((i = $1 + 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-o | --format | --shell | --timeout | --serial1 | --sign-key) ((i++)) ;;
		-*) ;;
		*) printf '%s\n' "${COMP_WORDS[i]}"; return ;;
		esac
	done
}

_partita()
{
	local cur prev cmd ci i opts
	local commands="check build layout dts inspect diff graph run fmt explain help"
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}

	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; ci=$i; break ;;
		esac
	done
	if [ -z "$cmd" ]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "-q -v --quiet --verbose --color=auto --color=always
				--color=never --help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		fi
		return
	fi

	case $cmd in
	check) opts="--no-limits" ;;
	build) opts="-o --sign-key --no-limits" ;;
	diff | graph) opts="--format" ;;
	run) opts="--uboot --gdb --shell --timeout --serial1" ;;
	fmt) opts="--check" ;;
	explain) opts="--list" ;;
	help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
	esac
	opts="$opts --help"

	case $prev in
	--format)
		[ "$cmd" = diff ] && COMPREPLY=($(compgen -W "text markdown json" -- "$cur"))
		[ "$cmd" = graph ] && COMPREPLY=($(compgen -W "dot svg" -- "$cur"))
		return ;;
	-o | --sign-key)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	--shell)
		COMPREPLY=($(compgen -W "$(_partita_guests "$(_partita_spec "$ci")")" -- "$cur"))
		return ;;
	--timeout)
		return ;;
	--serial1)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	case $cmd in
	explain)
		COMPREPLY=($(compgen -W "$("${COMP_WORDS[0]}" explain --list 2> /dev/null |
			cut -d' ' -f1)" -- "$cur")) ;;
	dts)
		local spec
		spec=$(_partita_spec "$ci")
		if [ -n "$spec" ]; then
			COMPREPLY=($(compgen -W "$(_partita_guests "$spec")" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -X '!*.y*ml' -- "$cur") $(compgen -d -- "$cur"))
		fi ;;
	inspect)
		COMPREPLY=($(compgen -f -X '!*.img' -- "$cur") $(compgen -d -- "$cur")) ;;
	diff | graph | run)
		COMPREPLY=($(compgen -f -- "$cur")) ;;
	*)
		COMPREPLY=($(compgen -f -X '!*.y*ml' -- "$cur") $(compgen -d -- "$cur")) ;;
	esac
}
complete -o filenames -F _partita partita
