# SPDX-License-Identifier: GPL-2.0-only
#
# A private apt state per purpose, for fetching Debian packages without
# touching the system's sources: its mirrors are read from this machine's
# apt configuration, so no archive host is named in ffa-sim, and apt checks
# the archive signatures with the keyring that configuration names.
# Sourced by proxy/kernel-src.sh (linux-source binary packages) and
# spmc_tfa/tfa-src.sh (the arm-trusted-firmware source package).
# shellcheck shell=bash

cache=${FFA_SIM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ffa-sim}

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

source_line() {	# TYPE URI SUITE KEY
	if [ "$4" = "-" ]; then
		echo "$1 $2 $3 main"
	else
		echo "$1 [signed-by=$4] $2 $3 main"
	fi
}

apt_dir() { echo "$cache/apt-$1"; }

apt_opts() {
	local d
	d=$(apt_dir "$1")
	echo "-o Dir::Etc::sourcelist=$d/sources.list -o Dir::Etc::sourceparts=$d/none" \
	     "-o Dir::State::Lists=$d/lists -o Dir::Cache=$d/cache" \
	     "-o Dir::Cache::Archives=$d/archives -o Dir::State::status=/dev/null" \
	     "-o APT::Sandbox::User=$(id -un) -o Debug::NoLocking=1"
}

# PURPOSE TYPE SUITE: TYPE is deb or deb-src.  An empty SUITE means this
# machine's own suites as configured (updates, security); another suite is
# read from the mirror that serves this machine's own, which serves the
# other suites and backports of the archive too.
write_sources() {
	local purpose=$1 type=$2 want=$3 d suite entries
	d=$(apt_dir "$purpose")
	suite=$(codename)
	mkdir -p "$d/lists/partial" "$d/cache" "$d/archives/partial" "$d/none"
	entries=$(system_entries | awk -v s="$suite" '$2 == s || index($2, s "-") == 1')
	[ -n "$entries" ] || die "no apt source for suite '$suite' in /etc/apt: cannot find a Debian mirror"
	if [ -z "$want" ]; then
		echo "$entries" | while read -r uri s key; do source_line "$type" "$uri" "$s" "$key"; done
	else
		echo "$entries" | awk -v s="$suite" '$2 == s' | head -n 1 |
			while read -r uri s key; do source_line "$type" "$uri" "$want" "$key"; done
	fi > "$d/sources.list.new"
	[ -s "$d/sources.list.new" ] || die "no mirror for suite '$suite' in /etc/apt"
	mv "$d/sources.list.new" "$d/sources.list"
}

# PURPOSE TYPE SUITE [force]: the index is read again after 12 hours.
apt_update() {
	local purpose=$1 d stamp
	d=$(apt_dir "$purpose")
	stamp=$d/lists/.updated
	if [ "${4:-}" != force ] && [ -f "$stamp" ] &&
	   [ -z "$(find "$stamp" -mmin +720 2>/dev/null)" ]; then
		return 0
	fi
	write_sources "$purpose" "$2" "$3"
	note "reading the package index ($purpose)"
	# shellcheck disable=SC2046
	apt-get $(apt_opts "$purpose") -qq update >&2 ||
		die "apt-get update of the private sources list failed (see above)"
	touch "$stamp"
}
