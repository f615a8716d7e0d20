#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# ffa-sim from inside a kernel tree, in one line, the way
# tools/testing/kunit/kunit.py run is used:
#
#   cd ~/linux && ~/ffa-sim/scripts/kernel-tree-run.sh
#       the tree as it is, edits included: build it, run the suite
#   cd ~/linux && ~/ffa-sim/scripts/kernel-tree-run.sh --base origin/master
#       the commits origin/master..HEAD as a series: build the base and
#       the series from the tree's history, then compare them
#
# Other words are make's knobs (PAGE_SIZE=16K, JOBS=4, ...).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
die() { printf 'ffa-sim: error: %s\n' "$*" >&2; exit 1; }

base=
knobs=()
while [ $# -gt 0 ]; do
	case $1 in
	--base) [ $# -ge 2 ] || die "--base needs a ref"; base=$2; shift 2 ;;
	--base=*) base=${1#--base=}; shift ;;
	-h | --help) sed -n '3,13s/^# \?//p' "$0"; exit 0 ;;
	*=*) knobs+=("$1"); shift ;;
	*) die "unknown argument '$1' (try --help)" ;;
	esac
done
tree=$(git rev-parse --show-toplevel 2>/dev/null) || tree=$PWD
[ -f "$tree/arch/arm64/kvm/hyp/nvhe/ffa.c" ] ||
	die "$tree is no kernel tree with arch/arm64/kvm/hyp/nvhe/ffa.c: run this from inside one"

if [ -z "$base" ]; then
	exec make --no-print-directory -C "$here" KERNEL="$tree" "${knobs[@]}" run
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
make --no-print-directory -C "$here" KERNEL="$tree" BASE="$base" "${knobs[@]}" | tee "$out"
a=$(sed -n 's/^base: //p' "$out")
b=$(sed -n 's/^series: //p' "$out")
[ -n "$a" ] && [ -n "$b" ] || die "the build named no base and series"
cd "$here"
exec "build/$b/obj/ffa-sim" compare --variant "$a" --variant "$b"
