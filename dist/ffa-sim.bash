# SPDX-License-Identifier: GPL-2.0-only
#
# bash completion for ffa-sim: commands, each command's options (read from
# its own --help, so they never fall behind), variant names for --variant,
# scenario names for --filter, files where a file is taken.

_ffa_sim_options()
{
	"$1" "$2" --help 2>/dev/null |
		sed -nE 's/^  (-[A-Za-z], )?(--[a-z-]+)(=[A-Z]+)?.*/\2\3/p' |
		sed -E 's/=[A-Z]+$/=/'
}

_ffa_sim()
{
	local cur prev bin cmd i words opt
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	bin=${COMP_WORDS[0]}
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	if [ -z "$cmd" ]; then
		COMPREPLY=($(compgen -W "run compare variants decode explain smoke --help --version" -- "$cur"))
		return
	fi

	# An option given as --name=value: complete the value.
	opt=$prev
	if [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		cur=${cur#*=}
	elif [ "$prev" = = ] && [ "$COMP_CWORD" -ge 2 ]; then
		opt=${COMP_WORDS[COMP_CWORD-2]}
	fi
	case $opt in
	--variant | -v)
		COMPREPLY=($(compgen -W "$("$bin" variants 2>/dev/null)" -- "$cur"))
		return ;;
	--filter | -f)
		words=$("$bin" run --list 2>/dev/null | sed -n 's/^\([^ ]*\)  .*/\1/p')
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		return ;;
	--color)
		COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
		return ;;
	--layout | -l)
		if [ "$cmd" = decode ]; then
			COMPREPLY=($(compgen -W "1.0 1.1 1.2" -- "$cur"))
			return
		fi ;;
	--junit | --html | --results | --expectations | -e | --descriptor | -d)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--jobs | -j | --timeout | --case | -c | --answer-to | -a)
		return ;;
	esac

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_ffa_sim_options "$bin" "$cmd")" -- "$cur"))
		[[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi
	case $cmd in
	run | compare | explain)
		COMPREPLY=($(compgen -f -X '!*.y*ml' -- "$cur") $(compgen -d -- "$cur"))
		compopt -o filenames 2>/dev/null ;;
	esac
}

complete -F _ffa_sim ffa-sim
