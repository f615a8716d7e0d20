#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Find the TF-A files ffa-sim compiles, for one SPMC= setting:
#
#   tf-a, tf-a:newest      the newest arm-trusted-firmware source in Debian
#   tf-a:2.12              the one of trixie
#   tf-a:2.8               the one of bookworm
#   tf-a:/path/to/tf-a     any TF-A tree
#
# Debian's source package is fetched with `apt-get source --download-only`
# through a private deb-src list built from this machine's apt configuration
# (scripts/debian-apt.sh).  Only the files in tfa-files.txt are extracted from
# the upstream tarball, once, into the cache.  Debian's own patches are not
# applied: the build stops if one of them touches a file ffa-sim compiles.
#
# Usage: tfa-src.sh resolve SPMC    prints TFA_SRC=, TFA_VERSION=, TFA_ORIGIN=
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../scripts/debian-apt.sh
. "$here/../scripts/debian-apt.sh"
# shellcheck source=../scripts/source-tree.sh
. "$here/../scripts/source-tree.sh"
files_list=$here/tfa-files.txt
pkg=arm-trusted-firmware

# A TF-A series and the Debian suite that ships it.
suite_of() {
	case "$1" in
	2.8) echo bookworm ;;
	2.12) echo trixie ;;
	*) die "SPMC=tf-a:$1: Debian ships TF-A 2.8 (bookworm) and 2.12 (trixie)" ;;
	esac
}

src_apt_update() {	# SUITE [force]
	local own
	own=$(codename)
	if [ "$1" = "$own" ]; then
		apt_update "src-$1" deb-src "" "${2:-}"
	else
		apt_update "src-$1" deb-src "$1" "${2:-}"
	fi
}

# The cached extraction of a series, if any: no network once fetched.
cached_dir() {
	ls -d "$cache/src/$pkg-$1."*/ 2>/dev/null | sort -V | tail -n 1 |
		sed 's:/$::' || true
}

newest_version() {	# SUITE
	# shellcheck disable=SC2046
	apt-cache $(apt_opts "src-$1") showsrc "$pkg" 2>/dev/null |
		awk '/^Version:/ { print $2 }' | sort -V | tail -n 1
}

# Upstream tarball and Debian patches of one fetched version.
fetch() {	# SUITE VERSION -> the folder holding the downloads
	local suite=$1 version=$2 d
	d=$(apt_dir "src-$suite")/archives/$pkg-$version
	if [ ! -f "$d/.done" ]; then
		mkdir -p "$d"
		note "downloading the $pkg $version source package"
		# shellcheck disable=SC2046
		(cd "$d" && apt-get $(apt_opts "src-$suite") -qq source \
			--download-only "$pkg=$version" >&2) ||
			die "apt-get source --download-only $pkg=$version failed"
		touch "$d/.done"
	fi
	echo "$d"
}

# Debian's patches must leave the compiled files alone.
check_patches() {	# DEBIAN_TARBALL
	local touched f
	touched=$(tar -xJOf "$1" --wildcards 'debian/patches/*' 2>/dev/null |
		  sed -n 's:^+++ [^/]*/\([^ \t]*\).*:\1:p' | sort -u)
	for f in $(grep -v '^#' "$files_list"); do
		if echo "$touched" | grep -q "^${f%\*}"; then
			die "a Debian patch of $pkg touches $f: ffa-sim compiles upstream's file and cannot tell which to use"
		fi
	done
}

extract() {	# SUITE VERSION -> directory
	local suite=$1 version=$2 upstream dest d orig deb_tar tmp want top
	upstream=${version%-*}
	upstream=${upstream#*:}
	dest=$cache/src/$pkg-$upstream
	want=$(sha256sum "$files_list" | cut -d' ' -f1)
	if [ -f "$dest/.done" ] && [ "$(cat "$dest/.done")" = "$want" ]; then
		echo "$dest"
		return
	fi
	d=$(fetch "$suite" "$version")
	orig=$(ls "$d"/"${pkg}_"*.orig.tar.* | head -n 1)
	deb_tar=$(ls "$d"/"${pkg}_"*.debian.tar.* | head -n 1)
	check_patches "$deb_tar"
	note "extracting the needed files of $pkg $upstream"
	tmp=$(tree_tmp "$dest")
	top=$(tar -tf "$orig" | sed -n '1s:/.*::p')
	# shellcheck disable=SC2046
	tar -xf "$orig" -C "$tmp" --strip-components=1 --wildcards \
	    $(grep -v '^#' "$files_list" | sed "s:^:$top/:") ||
		die "cannot extract the needed files from $orig"
	check_tree "$tmp"
	echo "$pkg $version ($suite)" > "$tmp/.origin"
	tree_install "$tmp" "$dest" "$want"
}

check_tree() {
	[ -f "$1/services/std_svc/spm/el3_spmc/spmc_main.c" ] &&
	[ -f "$1/include/services/ffa_svc.h" ] ||
		die "$1 is not a TF-A tree with an EL3 SPMC (services/std_svc/spm/el3_spmc/spmc_main.c)"
}

tree_version() {
	makefile_version "$1/Makefile" := VERSION_MAJOR VERSION_MINOR \
		VERSION_PATCH
}

# Shell assignments for eval: the tree, its version, where it came from.
emit() {
	emit_tree TFA_ "$1" "$(tree_version "$1")" "$2"
}


resolve() {
	local spec=$1 series suite version dir
	case "$spec" in
	tf-a | tf-a:newest) series=2.12 ;;
	tf-a:/* | tf-a:.*)
		dir=${spec#tf-a:}
		[ -d "$dir" ] || die "SPMC=$spec: no such directory"
		dir=$(cd "$dir" && pwd)
		check_tree "$dir"
		emit "$dir" "$dir"
		return
		;;
	tf-a:*) series=${spec#tf-a:} ;;
	*) die "SPMC=$spec: expected mock, tf-a, tf-a:2.8, tf-a:2.12 or tf-a:/path/to/tree" ;;
	esac
	suite=$(suite_of "$series")
	dir=$(cached_dir "$series")
	if [ -n "$dir" ] && [ -f "$dir/.done" ] &&
	   [ "$(cat "$dir/.done")" = "$(sha256sum "$files_list" | cut -d' ' -f1)" ]; then
		emit "$dir" "$(cat "$dir/.origin" 2>/dev/null || echo "$pkg ($suite)")"
		return
	fi
	src_apt_update "$suite"
	version=$(newest_version "$suite")
	[ -n "$version" ] || die "no $pkg source in $suite"
	case "$version" in
	"$series".* | *:"$series".*) ;;
	*) die "$suite ships $pkg $version, not $series" ;;
	esac
	dir=$(extract "$suite" "$version")
	emit "$dir" "$pkg $version ($suite)"
}

case "${1:-}" in
resolve)
	[ $# -eq 2 ] || die "usage: $0 resolve SPMC"
	resolve "$2"
	;;
*)
	die "usage: $0 resolve SPMC"
	;;
esac
