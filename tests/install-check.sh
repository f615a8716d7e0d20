#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make install, checked as a user meets it: install a built variant into a
# temporary prefix, then from a folder that is not the checkout run the
# suite, read the man pages and use the bash completion.
#
# Usage: tests/install-check.sh VARIANT_DIR
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 VARIANT_DIR" >&2; exit 2; }
vdir=$(cd "$1" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
elsewhere=$tmp/elsewhere
mkdir -p "$elsewhere"
fail() { echo "install-check: $*" >&2; exit 1; }

"$top/dist/install.sh" "$vdir" "$prefix" >/dev/null
ffa=$prefix/bin/ffa-sim
variant=$(basename "$vdir")

# The suite is found beside the installed binary, not in the checkout.
cd "$elsewhere"
status=0
"$ffa" run -j 2 > run.txt 2>&1 || status=$?
[ $status -eq 0 ] || fail "ffa-sim run from $elsewhere exited $status, expected 0 (an installed ffa-sim runs its own suite):
$(tail -n 5 run.txt)"
grep -q "^note: expectations: $prefix/share/ffa-sim/scenarios/expectations/" run.txt ||
	fail "ffa-sim run did not use the installed suite's expectations: $(grep '^note: expectations' run.txt || echo 'no expectations line')"
tail -n 1 run.txt | grep -Eq '^[1-9][0-9]* passed, 0 failed' ||
	fail "the installed suite did not pass: $(tail -n 1 run.txt)"

# A binary with no suite beside it says so and fails.
cp "$vdir/obj/ffa-sim" "$tmp/lone-ffa-sim"
status=0
"$tmp/lone-ffa-sim" run > lone.txt 2>&1 || status=$?
[ $status -eq 2 ] && grep -q 'scenarios: no such file or folder' lone.txt ||
	fail "a binary with no suite must exit 2 naming scenarios/, got $status: $(cat lone.txt)"

# Every command answers --help with status 0, variants included.
for c in run compare variants decode explain smoke; do
	"$ffa" "$c" --help > help.txt 2>&1 || fail "ffa-sim $c --help exited $?"
	grep -q "^  ffa-sim $c " help.txt || fail "ffa-sim $c --help has no usage line: $(head -n 3 help.txt)"
done
[ "$("$ffa" variants)" = "$variant" ] ||
	fail "ffa-sim variants lists '$("$ffa" variants)', expected the installed $variant"

# A man page per command, well-formed for groff (-ww: every warning).
for page in ffa-sim ffa-sim-run ffa-sim-compare ffa-sim-variants \
	    ffa-sim-decode ffa-sim-explain ffa-sim-smoke; do
	f=$prefix/share/man/man1/$page.1
	[ -f "$f" ] || fail "no man page $page.1"
	warnings=$(groff -man -Tutf8 -ww -z "$f" 2>&1)
	[ -z "$warnings" ] || fail "$page.1: groff warns: $warnings"
	text=$(groff -man -Tutf8 -P-cbou "$f" 2>/dev/null)
	grep -q '^SYNOPSIS' <<<"$text" || fail "$page.1 has no SYNOPSIS"
done
groff -man -Tutf8 -P-cbou "$prefix/share/man/man1/ffa-sim-run.1" |
	grep -q -- '--filter=PATTERN' || fail "ffa-sim-run.1 does not list --filter"

# The completion offers the commands, a command's options, the variants.
cat > comp.sh <<COMP
source "$prefix/share/bash-completion/completions/ffa-sim"
complete_words() {
	COMP_WORDS=("\$@"); COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=()
	_ffa_sim; echo "\${COMPREPLY[*]}"
}
complete_words "$ffa" ex
complete_words "$ffa" run --ju
complete_words "$ffa" compare --variant ''
COMP
mapfile -t got < <(bash comp.sh)
[ "${got[0]}" = explain ] || fail "completing 'ex' gave '${got[0]}', expected explain"
[ "${got[1]}" = --junit= ] || fail "completing 'run --ju' gave '${got[1]}', expected --junit="
[ "${got[2]}" = "$variant" ] || fail "completing --variant gave '${got[2]}', expected $variant"
echo "install-check: make install into a temporary prefix: suite, --help, man pages and completion work from another folder"
