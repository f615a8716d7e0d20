#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Every figure the docs quote from make bench, written in them as
#   `make bench`: `NAME:`
# must be a line that bench/run.sh prints ("NAME: ..."), so that a
# figure in the docs can always be made again.  The numbers are never
# checked here: they move with the machine, and bench/ measures them.
#
#   tests/bench-figures.sh [DOC...]   (default: the docs that quote figures)
set -eu

cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- docs/performance.md fuzz/README.md
bad=0
quoted=0
for doc in "$@"; do
	names=$({ grep -o '`make bench`: `[^`]*`' "$doc" || true; } |
		sed 's/^`make bench`: `\(.*\)`$/\1/' | sort -u)
	# Names hold spaces: read them line by line.
	printf '%s\n' "$names" | while IFS= read -r name; do
		[ -n "$name" ] || continue
		if ! grep -Fq "echo \"$name" bench/run.sh; then
			echo "$doc: quotes \`make bench\`: \`$name\`, which bench/run.sh never prints" >&2
			exit 1
		fi
	done || bad=1
	quoted=$((quoted + $(printf '%s\n' "$names" | grep -c . || true)))
done
[ "$bad" = 0 ] || exit 1
[ "$quoted" -gt 0 ] || { echo "bench-figures: the docs quote no make bench figure: the pattern went stale" >&2; exit 1; }
echo "bench-figures: $quoted figure names quoted, all printed by make bench"
