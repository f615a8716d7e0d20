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
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${FFA_SIM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ffa-sim}
pin_file=$here/kernels.pin
files_list=$here/kernel-files.txt
backports_suite=trixie-backports

note() { printf 'ffa-sim: %s\n' "$*" >&2; }
die() { printf 'ffa-sim: error: %s\n' "$*" >&2; exit 1; }

codename() {
	. /etc/os-release
	[ -n "${VERSION_CODENAME:-}" ] || die "cannot tell this machine's Debian suite from /etc/os-release"
	echo "$VERSION_CODENAME"
}

# Every "deb" entry of the system configuration as: URI SUITE SIGNED-BY
system_entries() {
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		sed -e 's/#.*//' "$f" | awk '
			$1 == "deb" {
				key = "-"; i = 2
				if ($2 ~ /^\[/) {
					while (i <= NF) {
						if ($i ~ /signed-by=/) { key = $i; sub(/.*signed-by=/, "", key); sub(/\].*/, "", key) }
						if ($i ~ /\]$/) { i++; break }
						i++
					}
				}
				print $i, $(i + 1), key
			}'
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk '
			function flush() {
				if (types ~ /(^| )deb( |$)/ && enabled != "no")
					for (u in uris) for (s in suites) print uris[u], suites[s], (key == "" ? "-" : key)
				delete uris; delete suites; types = ""; key = ""; enabled = ""
			}
			/^[ \t]*#/ { next }
			/^[ \t]*$/ { flush(); next }
			{
				field = tolower($1); sub(/:$/, "", field); $1 = ""
				sub(/^[ \t]+/, "")
				if (field == "types") types = $0
				else if (field == "enabled") enabled = tolower($0)
				else if (field == "signed-by") key = $0
				else if (field == "uris") { n = split($0, a, " "); for (j = 1; j <= n; j++) uris[j] = a[j] }
				else if (field == "suites") { n = split($0, a, " "); for (j = 1; j <= n; j++) suites[j] = a[j] }
			}
			END { flush() }' "$f"
	done
}

source_line() {	# URI SUITE KEY
	if [ "$3" = "-" ]; then
		echo "deb $1 $2 main"
	else
		echo "deb [signed-by=$3] $1 $2 main"
	fi
}

# A private apt state for one purpose ("suite" or "backports").
apt_dir() { echo "$cache/apt-$1"; }

apt_opts() {
	local d
	d=$(apt_dir "$1")
	echo "-o Dir::Etc::sourcelist=$d/sources.list -o Dir::Etc::sourceparts=$d/none" \
	     "-o Dir::State::Lists=$d/lists -o Dir::Cache=$d/cache" \
	     "-o Dir::Cache::Archives=$d/archives -o Dir::State::status=/dev/null" \
	     "-o APT::Sandbox::User=$(id -un) -o Debug::NoLocking=1"
}

write_sources() {
	local purpose=$1 d suite entries
	d=$(apt_dir "$purpose")
	suite=$(codename)
	mkdir -p "$d/lists/partial" "$d/cache" "$d/archives/partial" "$d/none"
	entries=$(system_entries | awk -v s="$suite" '$2 == s || index($2, s "-") == 1')
	[ -n "$entries" ] || die "no apt source for suite '$suite' in /etc/apt: cannot find a Debian mirror"
	if [ "$purpose" = suite ]; then
		echo "$entries" | while read -r uri s key; do source_line "$uri" "$s" "$key"; done
	else
		# The mirror that serves this machine's own suite serves backports too.
		echo "$entries" | awk -v s="$suite" '$2 == s' | head -n 1 |
			while read -r uri s key; do source_line "$uri" "$backports_suite" "$key"; done
	fi > "$d/sources.list.new"
	[ -s "$d/sources.list.new" ] || die "no mirror for suite '$suite' in /etc/apt"
	mv "$d/sources.list.new" "$d/sources.list"
}

apt_update() {
	local purpose=$1 d stamp
	d=$(apt_dir "$purpose")
	stamp=$d/lists/.updated
	if [ "${2:-}" != force ] && [ -f "$stamp" ] &&
	   [ -z "$(find "$stamp" -mmin +720 2>/dev/null)" ]; then
		return 0
	fi
	write_sources "$purpose"
	note "reading the package index ($purpose)"
	# shellcheck disable=SC2046
	apt-get $(apt_opts "$purpose") -qq update >&2 ||
		die "apt-get update of the private sources list failed (see above)"
	touch "$stamp"
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
	apt_update "$(purpose_of "$series")"
	avail=$(available_versions "$series")
	if [ -z "$avail" ]; then
		apt_update "$(purpose_of "$series")" force
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

extract() {	# SERIES VERSION -> directory
	local series=$1 version=$2 purpose dest deb tmp want
	purpose=$(purpose_of "$series")
	dest=$cache/src/linux-source-${series}_$version
	want=$(sha256sum "$files_list" | cut -d' ' -f1)
	if [ -f "$dest/.done" ] && [ "$(cat "$dest/.done")" = "$want" ]; then
		echo "$dest"
		return
	fi
	deb=$(ls "$(apt_dir "$purpose")/archives/linux-source-${series}_"*.deb 2>/dev/null |
	      grep -F "_$(echo "$version" | sed 's/:/%3a/')_" | head -n 1 || true)
	if [ -z "$deb" ]; then
		apt_update "$purpose"
		note "downloading linux-source-$series $version"
		(cd "$(apt_dir "$purpose")/archives" &&
		 # shellcheck disable=SC2046
		 apt-get $(apt_opts "$purpose") -qq download "linux-source-$series=$version" >&2) ||
			die "apt-get download linux-source-$series=$version failed"
		deb=$(ls "$(apt_dir "$purpose")/archives/linux-source-${series}_"*.deb |
		      grep -F "_$(echo "$version" | sed 's/:/%3a/')_" | head -n 1)
	fi
	note "extracting the needed files of linux-source-$series $version"
	tmp=$dest.tmp
	rm -rf "$tmp"
	mkdir -p "$tmp"
	# tar complains about optional files a tree lacks; what matters is checked below.
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./usr/src/linux-source-$series.tar.xz" | xz -dc -T2 |
		tar -x -C "$tmp" --strip-components=1 --wildcards \
		    $(grep -v '^#' "$files_list" | awk '{ print "linux-source-'"$series"'/" $1 }') \
		    2>/dev/null || true
	check_tree "$tmp"
	echo "$want" > "$tmp/.done"
	rm -rf "$dest"
	mv "$tmp" "$dest"
	echo "$dest"
}

check_tree() {
	local f
	for f in $(awk '!/^#/ && $2 != "optional" { print $1 }' "$files_list"); do
		[ -f "$1/$f" ] || die "kernel tree $1 has no $f"
	done
}

tree_version() {
	awk -F' *= *' '
		$1 == "VERSION" { v = $2 } $1 == "PATCHLEVEL" { p = $2 }
		$1 == "SUBLEVEL" { s = $2 }
		END { if (v == "") exit 1; printf "%s.%s%s\n", v, p, (s == "" ? "" : "." s) }
	' "$1/Makefile"
}

# Shell assignments for eval: the tree, its version, where it came from.
emit() {
	printf 'KSRC=%q\nKVERSION=%q\nKORIGIN=%q\n' "$1" "$(tree_version "$1")" "$2"
}

resolve() {
	local spec=$1 series version dir
	case "$spec" in
	debian:newest)
		apt_update backports
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
		apt_update "$(purpose_of "$series")" force
		v=$(available_versions "$series" | head -n 1)
		[ -n "$v" ] || die "linux-source-$series is not in the archive"
		echo "$series $v" >> "$tmp"
		note "pinned linux-source-$series $v"
	done
	mv "$tmp" "$pin_file"
}

case "${1:-}" in
resolve)
	[ $# -eq 2 ] || die "usage: $0 resolve KERNEL"
	resolve "$2"
	;;
pin)
	pin
	;;
*)
	die "usage: $0 resolve KERNEL | pin"
	;;
esac
