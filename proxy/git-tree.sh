#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A kernel given as a git tree and refs, turned into what prepare-variant.sh
# takes: a folder holding the files ffa-sim compiles as they are at a ref,
# and a series written by git format-patch.
#
#   KERNEL=~/linux@v7.3           the tree's files at v7.3
#   KERNEL=~/linux PATCHES=A..B   the files at A, and the commits A..B as
#                                 the series (B defaults to HEAD: A..)
#
# Anything else is printed back unchanged.  Only committed state is read:
# the working tree's edits never enter a ref's variant.
#
# Usage: git-tree.sh BUILD_ROOT KERNEL PATCHES
# Prints two lines: the KERNEL and the PATCHES to build.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
die() { printf 'ffa-sim: error: %s\n' "$*" >&2; exit 1; }
[ $# -eq 3 ] || die "usage: $0 BUILD_ROOT KERNEL PATCHES"
build_root=$1 kernel=$2 patches=$3

tree=$kernel ref=
case "$kernel" in
*@*) tree=${kernel%@*} ref=${kernel##*@} ;;
esac
range=
case "$patches" in
*..*) [ -e "$patches" ] || range=$patches ;;
esac
if [ -z "$ref" ] && [ -z "$range" ]; then
	printf '%s\n%s\n' "$kernel" "$patches"
	exit 0
fi
tree=${tree/#\~/$HOME}
# git -C runs in the tree: every path handed to it must be absolute.
build_root=$(mkdir -p "$build_root" && cd "$build_root" && pwd)
git -C "$tree" rev-parse --git-dir > /dev/null 2>&1 ||
	die "KERNEL=$kernel: $tree is not a git tree (a ref or a range needs one)"

commit() {	# REF -> full commit id
	git -C "$tree" rev-parse --verify --quiet "$1^{commit}" ||
		die "$1 is no commit of $tree"
}

# The files ffa-sim compiles, as they are at commit @1, in a folder of
# their own (made once per commit).
files_at() {
	local sha=$1 dir files
	dir=$build_root/git/$(printf '%s' "$(cd "$tree" && pwd)" | sha256sum | cut -c1-6)-${sha:0:12}
	if [ ! -f "$dir/.done" ]; then
		rm -rf "$dir"
		mkdir -p "$dir"
		files=$(awk '!/^#/ { print $1 }' "$here/kernel-files.txt")
		# shellcheck disable=SC2086
		git -C "$tree" ls-tree -r --name-only "$sha" -- $files |
			while read -r f; do
				mkdir -p "$dir/$(dirname "$f")"
				git -C "$tree" show "$sha:$f" > "$dir/$f"
			done
		touch "$dir/.done"
	fi
	printf '%s\n' "$dir"
}

if [ -n "$range" ]; then
	[ -z "$ref" ] || die "KERNEL=$kernel with PATCHES=$range: give the base once, as the range's start"
	from=${range%%..*} to=${range#*..}
	[ -n "$to" ] || to=HEAD
	[ -n "$from" ] || die "PATCHES=$range: the range needs its start (BASE..TIP)"
	base=$(commit "$from") tip=$(commit "$to")
	n=$(git -C "$tree" rev-list --count "$base..$tip")
	[ "$n" -gt 0 ] || die "PATCHES=$range: no commits between $from and $to"
	series=$build_root/git/series-${base:0:12}..${tip:0:12}
	if [ ! -f "$series/.done" ]; then
		rm -rf "$series"
		mkdir -p "$series"
		git -C "$tree" format-patch --quiet -o "$series" "$base..$tip"
		touch "$series/.done"
	fi
	printf '%s\n%s\n' "$(files_at "$base")" "$series"
else
	printf '%s\n%s\n' "$(files_at "$(commit "$ref")")" "$patches"
fi
