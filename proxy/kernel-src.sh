#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Find the kernel files ffa-sim compiles, for one KERNEL= setting:
#
#   debian:6.12            linux-source-6.12 from the machine's own suites
#   debian:7.N             linux-source-7.N from trixie-backports
#   debian:newest          the newest linux-source-7.N of trixie-backports
#   /path/to/linux         any kernel tree
#
# Debian packages are fetched with `apt-get download` through a private
# sources list whose mirrors are read from this machine's apt configuration,
# so no archive host is named here and the system's sources stay untouched.
# apt checks the archive signatures with the keyring that configuration names.
# Only the files in kernel-files.txt are extracted, once, into the cache.
#
# Usage: kernel-src.sh resolve KERNEL    prints KSRC=, KVERSION=, KORIGIN=
#        kernel-src.sh pin               rewrites kernels.pin with the newest
#                                        version of each pinned series
#        kernel-src.sh pinned            prints the pinned series as KERNEL=
#                                        values, oldest first (what CI builds)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../scripts/debian-apt.sh
. "$here/../scripts/debian-apt.sh"
# shellcheck source=../scripts/source-tree.sh
. "$here/../scripts/source-tree.sh"
pin_file=$here/kernels.pin
files_list=$here/kernel-files.txt
backports_suite=trixie-backports

# The two private apt states: this machine's suites, and backports.
kernel_apt_update() {	# PURPOSE [force]
	case "$1" in
	suite) apt_update suite deb "" "${2:-}" ;;
	*) apt_update backports deb "$backports_suite" "${2:-}" ;;
	esac
}

purpose_of() { case "$1" in 6.*) echo suite ;; *) echo backports ;; esac; }

# Versions of linux-source-SERIES available, newest first.
available_versions() {
	local series=$1 purpose
	purpose=$(purpose_of "$series")
	# shellcheck disable=SC2046
	apt-cache $(apt_opts "$purpose") madison "linux-source-$series" 2>/dev/null |
		awk -F'|' '{ gsub(/ /, "", $2); print $2 }'
}

newest_series() {
	# shellcheck disable=SC2046
	apt-cache $(apt_opts backports) pkgnames linux-source-7. 2>/dev/null |
		sed -n 's/^linux-source-\(7\.[0-9]*\)$/\1/p' | sort -V | tail -n 1
}

pinned_version() { awk -v s="$1" '$1 == s { print $2 }' "$pin_file" 2>/dev/null; }

# Pick the version of a series to use: the pinned one while the archive has
# it, else the newest of the series, said out loud.
choose_version() {
	local series=$1 pin avail
	pin=$(pinned_version "$series")
	if [ -n "$pin" ] && [ -f "$cache/src/linux-source-${series}_$pin/.done" ]; then
		echo "$pin"
		return
	fi
	kernel_apt_update "$(purpose_of "$series")"
	avail=$(available_versions "$series")
	if [ -z "$avail" ]; then
		kernel_apt_update "$(purpose_of "$series")" force
		avail=$(available_versions "$series")
	fi
	[ -n "$avail" ] || die "linux-source-$series is not in the archive"
	if [ -n "$pin" ]; then
		if echo "$avail" | grep -qxF "$pin"; then
			echo "$pin"
			return
		fi
		note "notice: pinned linux-source-$series $pin has left the archive; using $(echo "$avail" | head -n 1) instead (run 'make pin')"
	fi
	echo "$avail" | head -n 1
}

# The downloaded package of a version, or nothing: apt writes an epoch's
# ':' as %3a in the file name.
downloaded_deb() {	# PURPOSE SERIES VERSION
	local f
	for f in "$(apt_dir "$1")/archives/linux-source-${2}_${3//:/%3a}_"*.deb; do
		[ -f "$f" ] && { echo "$f"; return; }
	done
	return 0
}

extract() {	# SERIES VERSION -> directory
	local series=$1 version=$2 purpose dest deb tmp want members
	purpose=$(purpose_of "$series")
	dest=$cache/src/linux-source-${series}_$version
	want=$(sha256sum "$files_list" | cut -d' ' -f1)
	if [ -f "$dest/.done" ] && [ "$(cat "$dest/.done")" = "$want" ]; then
		echo "$dest"
		return
	fi
	deb=$(downloaded_deb "$purpose" "$series" "$version")
	if [ -z "$deb" ]; then
		kernel_apt_update "$purpose"
		note "downloading linux-source-$series $version"
		# shellcheck disable=SC2046
		(cd "$(apt_dir "$purpose")/archives" &&
		 apt-get $(apt_opts "$purpose") -qq download "linux-source-$series=$version" >&2) ||
			die "apt-get download linux-source-$series=$version failed"
		deb=$(downloaded_deb "$purpose" "$series" "$version")
		[ -n "$deb" ] || die "apt-get download linux-source-$series=$version left no .deb in $(apt_dir "$purpose")/archives"
	fi
	note "extracting the needed files of linux-source-$series $version"
	tmp=$(tree_tmp "$dest")
	# Patterns for tar's --wildcards, kept from the shell's own globbing.
	mapfile -t members < <(grep -v '^#' "$files_list" |
			       awk '{ print "linux-source-'"$series"'/" $1 }')
	# tar complains about optional files a tree lacks; what matters is checked below.
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./usr/src/linux-source-$series.tar.xz" | xz -dc -T2 |
		tar -x -C "$tmp" --strip-components=1 --wildcards "${members[@]}" \
		    2>/dev/null || true
	check_tree "$tmp"
	tree_install "$tmp" "$dest" "$want"
}

check_tree() {
	local f
	for f in $(awk '!/^#/ && $2 != "optional" { print $1 }' "$files_list"); do
		[ -f "$1/$f" ] && continue
		case "$f" in
		drivers/firmware/arm_ffa/*)
			# Linux's FF-A driver is the host, unless DRIVER=no.
			[ "${DRIVER:-yes}" = no ] && continue
			die "kernel tree $1 has no $f, so Linux's FF-A driver cannot be the host; to test the proxy without it, add DRIVER=no to the make command" ;;
		esac
		die "kernel tree $1 has no $f"
	done
}

tree_version() {
	makefile_version "$1/Makefile" = VERSION PATCHLEVEL SUBLEVEL
}

# Shell assignments for eval: the tree, its version, where it came from.
emit() {
	emit_tree K "$1" "$(tree_version "$1")" "$2"
}


resolve() {
	local spec=$1 series version dir
	case "$spec" in
	debian:newest)
		kernel_apt_update backports
		series=$(newest_series)
		[ -n "$series" ] || die "no linux-source-7.N in $backports_suite"
		;;
	debian:*)
		series=${spec#debian:}
		echo "$series" | grep -qE '^[0-9]+\.[0-9]+$' ||
			die "KERNEL=$spec: expected debian:6.12, debian:7.N or debian:newest"
		;;
	*)
		[ -d "$spec" ] || die "KERNEL=$spec: no such directory (expected debian:6.12, debian:7.N, debian:newest or a kernel tree)"
		dir=$(cd "$spec" && pwd)
		check_tree "$dir"
		emit "$dir" "$dir"
		return
		;;
	esac
	version=$(choose_version "$series")
	dir=$(extract "$series" "$version")
	emit "$dir" "linux-source-$series $version"
}

pin() {
	local series v tmp
	tmp=$(mktemp)
	{
		echo "# Kernel source packages CI builds: series, Debian version."
		echo "# Written by 'make pin'; a pinned version that left the archive"
		echo "# falls back to the newest of its series with a notice."
	} > "$tmp"
	for series in $(awk '!/^#/ { print $1 }' "$pin_file"); do
		kernel_apt_update "$(purpose_of "$series")" force
		v=$(available_versions "$series" | head -n 1)
		[ -n "$v" ] || die "linux-source-$series is not in the archive"
		echo "$series $v" >> "$tmp"
		note "pinned linux-source-$series $v"
	done
	mv "$tmp" "$pin_file"
}

pinned() {
	awk '!/^#/ && NF { print $1 }' "$pin_file" | sort -V | sed 's/^/debian:/' |
		paste -sd ' ' -
}

case "${1:-}" in
resolve)
	[ $# -eq 2 ] || die "usage: $0 resolve KERNEL"
	resolve "$2"
	;;
pin)
	pin
	;;
pinned)
	pinned
	;;
*)
	die "usage: $0 resolve KERNEL | pin | pinned"
	;;
esac
