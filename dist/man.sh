#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Write the man pages of ffa-sim and of each of its commands from the
# binary's own --help, so that a page never says less than the command:
# ffa-sim(1), ffa-sim-run(1), ffa-sim-decode(1), ...
#
# Usage: man.sh FFA_SIM_BINARY OUTDIR
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 FFA_SIM_BINARY OUTDIR" >&2; exit 2; }
bin=$1 out=$2
commands="run compare variants decode explain smoke"
mkdir -p "$out"
version=$(LC_ALL=C "$bin" --version | head -n 1 | cut -d' ' -f2)

# roff: a backslash is \e, a line must not start with . or ', - is -.
escape() {
	sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
}

# GOption's --help, split into its parts: usage, summary, options.
help_usage() { awk 'NR == 2 { sub(/^ +/, ""); print; exit }'; }
help_summary() {
	awk '/^(Help|Application) Options:$/ { exit }
	     NR > 3 { print }' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}
help_options() {
	awk '/^Application Options:$/ { on = 1; next }
	     on && /^$/ { exit }
	     on { print }'
}

# "  -f, --filter=PATTERN   Only ..." -> .TP / option / text
options_roff() {
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		opt=$(printf '%s\n' "$line" | sed -E 's/^ +//; s/   +.*//')
		text=$(printf '%s\n' "$line" | sed -E 's/^ +[^ ].*[^ ]   +//')
		printf '.TP\n.B %s\n%s\n' "$(printf '%s' "$opt" | escape)" \
			"$(printf '%s\n' "$text" | escape)"
	done
}

# Paragraphs of the summary; "  name  text" lines stay as they are.
summary_roff() {
	awk 'BEGIN { para = 0 }
	     /^$/ { print ".PP"; next }
	     /^  / { print ".nf"; print; print ".fi"; next }
	     { print }' | escape | sed -E 's/^\\&\.(PP|nf|fi)$/.\1/'
}

examples() {
	case $1 in
	ffa-sim) cat <<'EX'
ffa-sim run
ffa-sim run --filter 'share-*' --trace
ffa-sim decode 0x84000063 0x10002
ffa-sim explain scenario.yaml --text
EX
	;;
	run) cat <<'EX'
ffa-sim run                                 # the suite
ffa-sim run scenarios/memory -j 4          # one folder, four at a time
ffa-sim run --filter tag:direct --trace
ffa-sim run --tap > results.ktap
ffa-sim run --junit report.xml --html report.html
EX
	;;
	compare) cat <<'EX'
ffa-sim variants
ffa-sim compare --variant linux-7.3.4-4k --variant linux-7.3.4+3p-4k
ffa-sim compare --variant A --variant B --markdown
EX
	;;
	decode) cat <<'EX'
ffa-sim decode 0x84000063 0x10002
ffa-sim decode x0=0xc4000073 x1=0x60 x2=0x60
ffa-sim decode --answer-to FFA_FN64_MEM_SHARE FFA_SUCCESS 0 0x5a000001 1
dmesg | ffa-sim decode --stdin
ffa-sim decode --descriptor desc.bin
EX
	;;
	explain) cat <<'EX'
ffa-sim explain share.yaml > share.mmd
ffa-sim explain echo.yaml --case FFA_MSG_SEND_DIRECT_REQ --text
EX
	;;
	*) ;;
	esac
}

page() {
	local name=$1 help=$2 usage desc synopsis ex
	usage=$(printf '%s\n' "$help" | help_usage)
	desc=${usage##* - }
	synopsis=${usage% - *}
	synopsis=$(printf '%s' "$synopsis" | sed -E 's/\[OPTION[^]]*\]/[OPTION...]/')
	{
		printf '.TH %s 1 "" "ffa-sim %s" "ffa-sim"\n' \
			"$(printf '%s' "$name" | tr a-z A-Z | escape)" "$version"
		printf '.SH NAME\n%s \\- %s\n' "$(printf '%s' "$name" | escape)" \
			"$(printf '%s' "$desc" | escape)"
		printf '.SH SYNOPSIS\n.B %s\n' "$(printf '%s' "$synopsis" | escape)"
		printf '.SH DESCRIPTION\n'
		printf '%s\n' "$help" | help_summary | summary_roff
		if printf '%s\n' "$help" | grep -q '^Application Options:$'; then
			printf '.SH OPTIONS\n'
			printf '%s\n' "$help" | help_options | options_roff
		fi
		printf '.TP\n.B \-h, \-\-help\nShow the options.\n'
		ex=$(examples "${name#ffa-sim-}" | escape)
		if [ -n "$ex" ]; then
			printf '.SH EXAMPLES\n.nf\n%s\n.fi\n' "$ex"
		fi
		if [ "$name" = ffa-sim ]; then
			cat <<'FILES'
.SH FILES
.TP
.I PREFIX/share/ffa-sim/scenarios
the scenario suite, run when no PATH is given outside a checkout
.TP
.I PREFIX/share/ffa-sim/docs
the scenario language reference, tutorials and notes
.TP
.I PREFIX/lib/ffa-sim/VARIANT/ffa-sim
one binary per installed variant (kernel, patches, page size)
FILES
		fi
		printf '.SH SEE ALSO\n'
		for c in ffa-sim $commands; do
			[ "$c" = ffa-sim ] || c=ffa-sim-$c
			[ "$c" = "$name" ] || printf '.BR %s (1)\n' "$(printf '%s' "$c" | escape)"
		done | sed '$!s/$/,/'
	} > "$out/$name.1"
}

page ffa-sim "$(LC_ALL=C "$bin" --help)"
for c in $commands; do
	page "ffa-sim-$c" "$(LC_ALL=C "$bin" "$c" --help)"
done
