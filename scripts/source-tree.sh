# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# A source tree in ffa-sim's cache, and the version its top Makefile
# states.  Worktrees and parallel builds share the cache, so each
# extraction has a folder of its own beside the destination and is moved
# in place whole: no build sees half a tree.  Sourced by
# proxy/kernel-src.sh (Linux) and spmc_tfa/tfa-src.sh (TF-A).

# A new empty folder beside DEST to extract into.
tree_tmp() {	# DEST
	mkdir -p "$(dirname "$1")"
	mktemp -d "$1.tmp.XXXXXX"
}

# TMP becomes DEST, marked WANT, unless another build put WANT there
# meanwhile; prints DEST.
tree_install() {	# TMP DEST WANT
	echo "$3" > "$1/.done"
	if [ -f "$2/.done" ] && [ "$(cat "$2/.done")" = "$3" ]; then
		rm -rf "$1"
	else
		rm -rf "$2"
		mv "$1" "$2"
	fi
	echo "$2"
}

# "MAJOR.MINOR[.PATCH]" from a Makefile's assignments (OP is = or :=) of
# the three variables named.
makefile_version() {	# MAKEFILE OP MAJOR MINOR PATCH
	awk -F"[ \t]*$2[ \t]*" -v a="$3" -v b="$4" -v c="$5" '
		$1 == a { v = $2 } $1 == b { m = $2 } $1 == c { p = $2 }
		END { if (v == "") exit 1; printf "%s.%s%s\n", v, m, (p == "" ? "" : "." p) }
	' "$1"
}

# Shell assignments for eval: PREFIX SRC, VERSION and ORIGIN, the tree,
# its version and where it came from.
emit_tree() {	# PREFIX DIR VERSION ORIGIN
	printf '%sSRC=%q\n%sVERSION=%q\n%sORIGIN=%q\n' "$1" "$2" "$1" "$3" \
		"$1" "$4"
}
