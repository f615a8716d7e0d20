#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Apply a patch series to a variant's copy of the kernel files.
#
#   patches.sh count PATCHES
#   patches.sh apply PATCHES KDIR NOT_MODELLED_FILE
#
# PATCHES is an mbox (git format-patch --stdout, or a mail folder saved as
# one file), a single .patch/.diff, or a folder of them applied in name
# order.  Each patch is cut into its per-file parts: a part for a file the
# variant has (one of proxy/kernel-files.txt) is applied with patch(1) and
# must apply exactly; a part for any other file (mem_protect.c, the FF-A
# driver, ...) is not modelled, and each of its hunks is listed in
# NOT_MODELLED_FILE so that run and compare can say so.
set -euo pipefail

die() { printf 'ffa-sim: error: %s\n' "$*" >&2; exit 1; }

# The patch files of PATCHES, one per line, in order.
patch_files() {
	if [ -d "$1" ]; then
		find "$1" -maxdepth 1 -type f \( -name '*.patch' -o -name '*.diff' \
			-o -name '*.mbox' -o -name '*.eml' \) | LC_ALL=C sort
	elif [ -f "$1" ]; then
		echo "$1"
	else
		die "PATCHES=$1: no such file or folder"
	fi
}

# Split every patch file into one file per patch under $2: 0001, 0002, ...
# An mbox separates patches with "From <commit id> " lines; a part without
# any diff (a cover letter) is dropped.
split_patches() {
	local out=$2 f n=0 p
	while IFS= read -r f; do
		awk -v out="$out" -v start="$n" '
			BEGIN { n = start }
			FNR == 1 || /^From [0-9a-f]+ / {
				n++
				file = sprintf("%s/%04d", out, n)
			}
			{ print > file }
		' "$f"
		n=$(find "$out" -type f | wc -l)
	done < <(patch_files "$1")
	for p in "$out"/*; do
		grep -qE '^(\+\+\+ |@@ )' "$p" || rm -f "$p"
	done
	[ "$(find "$out" -type f | wc -l)" -gt 0 ] || die "PATCHES=$1 holds no patch"
}

# A patch's name for messages: its subject, else its file.
patch_title() {
	local s
	s=$(sed -n 's/^Subject: *//p' "$1" | head -n1)
	printf '%s' "${s:-$(basename "$1")}"
}

# Cut one patch into per-file parts $2/part.N.  A part starts at a
# "diff --git" line, or at a "---"/"+++" pair that is not the header of a
# git part already started; the commit message before the first is dropped.
split_files() {
	awk -v out="$2" '
		{ line[NR] = $0 }
		END {
			for (i = 1; i <= NR; i++) {
				l = line[i]
				if (l ~ /^diff --git /) {
					n++; git = 1
				} else if (l ~ /^--- / && line[i + 1] ~ /^\+\+\+ /) {
					if (git)
						git = 0
					else
						n++
				}
				if (n)
					print l > sprintf("%s/part.%03d", out, n)
			}
		}
	' "$1"
}

# The path a part changes, without its a/ or b/ prefix.
part_path() {
	local p
	p=$(sed -n 's/^+++ \(b\/\)\{0,1\}//p' "$1" | head -n1 | cut -f1)
	if [ -z "$p" ] || [ "$p" = /dev/null ]; then
		p=$(sed -n 's/^--- \(a\/\)\{0,1\}//p' "$1" | head -n1 | cut -f1)
	fi
	printf '%s' "$p"
}

is_modelled() {
	awk '!/^#/ && NF { print $1 }' "$(dirname "$0")/kernel-files.txt" |
		grep -qxF "$1"
}

# The header of hunk N of a part: "@@ -700,8 +700,6 @@".
hunk_header() {
	grep '^@@ ' "$1" | sed -n "$2{s/^\\(@@ [^@]* @@\\).*/\\1/p}"
}

apply_part() {
	local part=$1 kdir=$2 title=$3 path=$4 log failed n msg=
	if log=$(patch -p1 -d "$kdir" --forward --no-backup-if-mismatch \
			-r - < "$part" 2>&1); then
		return
	fi
	failed=$(printf '%s\n' "$log" | sed -n 's/^Hunk #\([0-9]*\) FAILED at \([0-9]*\).*/\1:\2/p')
	for n in $failed; do
		msg="$msg${msg:+; }hunk #${n%%:*} $(hunk_header "$part" "${n%%:*}") does not apply (near line ${n##*:})"
	done
	[ -n "$msg" ] || msg=$(printf '%s\n' "$log" | grep -v '^patching file' | head -n1)
	die "patch \"$title\": $path: ${msg:-does not apply}"
}

tmp=
trap '[ -z "$tmp" ] || rm -rf "$tmp"' EXIT

cmd_count() {
	tmp=$(mktemp -d)
	split_patches "$1" "$tmp"
	find "$tmp" -type f | wc -l
}

cmd_apply() {
	local patches=$1 kdir=$2 nm=$3 p part path title
	tmp=$(mktemp -d)
	mkdir "$tmp/patches"
	split_patches "$patches" "$tmp/patches"
	: > "$nm"
	for p in "$tmp"/patches/*; do
		title=$(patch_title "$p")
		rm -rf "$tmp/parts" && mkdir "$tmp/parts"
		split_files "$p" "$tmp/parts"
		for part in "$tmp"/parts/part.*; do
			[ -f "$part" ] || continue
			path=$(part_path "$part")
			[ -n "$path" ] || continue
			if is_modelled "$path"; then
				apply_part "$part" "$kdir" "$title" "$path"
			else
				grep '^@@ ' "$part" | sed 's/^\(@@ [^@]* @@\).*/\1/' |
					while IFS= read -r hunk; do
						printf '%s: %s %s\n' "$title" "$path" "$hunk"
					done >> "$nm"
			fi
		done
	done
}

case "${1:-}" in
count) [ $# -eq 2 ] || die "usage: $0 count PATCHES"; cmd_count "$2" ;;
apply) [ $# -eq 4 ] || die "usage: $0 apply PATCHES KDIR NOT_MODELLED_FILE"
	cmd_apply "$2" "$3" "$4" ;;
*) die "usage: $0 count|apply ..." ;;
esac
