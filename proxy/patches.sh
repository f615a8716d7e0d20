#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Apply a patch series to a variant's copy of the kernel files.
#
#   patches.sh count PATCHES
#   patches.sh hash PATCHES       a short hash of the patches' contents
#   patches.sh subjects PATCHES   each patch's subject, one a line
#   patches.sh apply PATCHES KDIR NOT_MODELLED_FILE
#
# PATCHES is an mbox (git format-patch --stdout, or a mail folder saved as
# one file), a single .patch/.diff, or a folder of them applied in name
# order.  Each patch is cut into its per-file parts: a part for a file the
# variant has (one of proxy/kernel-files.txt) is applied with patch(1) and
# must apply exactly: every context line must match (a shifted line number
# is fine, fuzz is not).  A part for any other file (mem_protect.c, ...)
# is not modelled, and neither is one for a file the variant only reads
# (listed in read-files.txt, such as hyp-main.c): each of their
# hunks is listed in NOT_MODELLED_FILE, with what that means for the run,
# so that run and compare can say so.
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

# What the variant does with PATH: "compiled", "read MEANING" (copied and
# read, its code not run: read-files.txt) or "absent".
file_role() {
	local here meaning
	here=$(dirname "$0")
	if ! awk '!/^#/ && NF { print $1 }' "$here/kernel-files.txt" |
			grep -qxF "$1"; then
		echo absent
		return
	fi
	meaning=$(awk -v path="$1" '!/^#/ && $1 == path { sub(/^[^#]*#[ \t]*/, ""); print; exit }' \
		"$here/read-files.txt")
	if [ -n "$meaning" ]; then
		echo "read $meaning"
	else
		echo compiled
	fi
}

# The header of hunk N of a part: "@@ -700,8 +700,6 @@".
hunk_header() {
	grep '^@@ ' "$1" | sed -n "$2{s/^\\(@@ [^@]* @@\\).*/\\1/p}"
}

# Would the part apply with patch's default fuzz?  Then say which hunks
# need it: their context lines do not match the tree.
fuzz_needed() {
	local part=$1 kdir=$2 log
	log=$(patch -p1 -d "$kdir" --dry-run --forward -r - < "$part" 2>&1) ||
		return 1
	printf '%s\n' "$log" | sed -n 's/^Hunk #\([0-9]*\) succeeded at \([0-9]*\) with fuzz \([0-9]*\).*/\1:\3/p'
}

apply_part() {
	local part=$1 kdir=$2 title=$3 path=$4 log failed fuzzed n msg=
	# A dry run first: a failed patch(1) leaves the hunks before it applied.
	if log=$(patch -p1 -F0 -d "$kdir" --dry-run --forward -r - < "$part" 2>&1); then
		log=$(patch -p1 -F0 -d "$kdir" --forward --no-backup-if-mismatch \
			-r - < "$part" 2>&1) && return
	fi
	if fuzzed=$(fuzz_needed "$part" "$kdir") && [ -n "$fuzzed" ]; then
		for n in $fuzzed; do
			msg="$msg${msg:+; }hunk #${n%%:*} $(hunk_header "$part" "${n%%:*}") applies only with fuzz ${n##*:}: its context lines do not match the tree, so it is refused"
		done
		die "patch \"$title\": $path: $msg"
	fi
	failed=$(printf '%s\n' "$log" | sed -n 's/^Hunk #\([0-9]*\) FAILED at \([0-9]*\).*/\1:\2/p')
	for n in $failed; do
		msg="$msg${msg:+; }hunk #${n%%:*} $(hunk_header "$part" "${n%%:*}") does not apply (near line ${n##*:})"
	done
	[ -n "$msg" ] || msg=$(printf '%s\n' "$log" | grep -v '^patching file' | head -n1)
	die "patch \"$title\": $path: ${msg:-does not apply}"
}

# Each hunk of a part, as NOT_MODELLED_FILE lists it, with what it means.
list_hunks() {
	local part=$1 title=$2 path=$3 meaning=$4
	grep '^@@ ' "$part" | sed 's/^\(@@ [^@]* @@\).*/\1/' |
		while IFS= read -r hunk; do
			printf '%s: %s %s (%s)\n' "$title" "$path" "$hunk" "$meaning"
		done
}

tmp=
trap '[ -z "$tmp" ] || rm -rf "$tmp"' EXIT

cmd_count() {
	tmp=$(mktemp -d)
	split_patches "$1" "$tmp"
	find "$tmp" -type f | wc -l
}

cmd_hash() {
	local f
	patch_files "$1" | while IFS= read -r f; do cat "$f"; done |
		sha256sum | cut -c1-7
}

cmd_subjects() {
	local p
	tmp=$(mktemp -d)
	split_patches "$1" "$tmp"
	for p in "$tmp"/*; do
		patch_title "$p"
		echo
	done
}

cmd_apply() {
	local patches=$1 kdir=$2 nm=$3 p part path title role
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
			role=$(file_role "$path")
			case "$role" in
			compiled)
				apply_part "$part" "$kdir" "$title" "$path" ;;
			read\ *)
				apply_part "$part" "$kdir" "$title" "$path"
				list_hunks "$part" "$title" "$path" \
					"applied, but ffa-sim does not compile this file: ${role#read }" >> "$nm" ;;
			*)
				list_hunks "$part" "$title" "$path" \
					"ffa-sim does not compile this file: the run cannot show what this hunk changes" >> "$nm" ;;
			esac
		done
	done
}

case "${1:-}" in
count) [ $# -eq 2 ] || die "usage: $0 count PATCHES"; cmd_count "$2" ;;
hash) [ $# -eq 2 ] || die "usage: $0 hash PATCHES"; cmd_hash "$2" ;;
subjects) [ $# -eq 2 ] || die "usage: $0 subjects PATCHES"; cmd_subjects "$2" ;;
apply) [ $# -eq 4 ] || die "usage: $0 apply PATCHES KDIR NOT_MODELLED_FILE"
	cmd_apply "$2" "$3" "$4" ;;
*) die "usage: $0 count|hash|subjects|apply ..." ;;
esac
