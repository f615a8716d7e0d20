#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build one variant: lay out its folder (prepare-variant.sh), then make the
# given goals of proxy/variant.mk in it, plain (SAN=0), with ASan+UBSan
# (SAN=1) or ThreadSanitizer (SAN=thread).  With --link PATH, PATH becomes
# a link to the variant's ffa-sim.  Make passes itself in $MAKE, so that
# the build shares its job slots.  Ends with "built DIR".
#
# Usage: build-variant.sh [--link PATH] BUILD_ROOT KERNEL PAGE_SIZE PATCHES SAN GOAL...
set -euo pipefail

link=
if [ "${1:-}" = --link ]; then
	link=$2
	shift 2
fi
[ $# -ge 6 ] || {
	echo "usage: $0 [--link PATH] BUILD_ROOT KERNEL PAGE_SIZE PATCHES SAN GOAL..." >&2
	exit 2
}
build_root=$1 kernel=$2 page_size=$3 patches=$4 san=$5
shift 5

dir=$("$(dirname "$0")/prepare-variant.sh" "$build_root" "$kernel" "$page_size" "$patches")
rm -f "$dir/driver-failed"
status=0
${MAKE:-make} --no-print-directory -f proxy/variant.mk VDIR="$dir" SAN="$san" "$@" || status=$?
# A driver file that did not compile (proxy/variant.mk names it): after
# the compiler's errors, one line says what that means and the way out.
if [ $status != 0 ] && [ -s "$dir/driver-failed" ]; then
	knobs="KERNEL=$kernel"
	case "$page_size" in 4K | 4k) ;; *) knobs="$knobs PAGE_SIZE=$page_size" ;; esac
	[ -z "$patches" ] || knobs="$knobs PATCHES=$patches"
	printf "ffa-sim: error: Linux's FF-A driver of this tree (%s) does not build against ffa-sim's host fakes (host/include); to test the proxy without it: make %s DRIVER=no\n" \
		"$(sort -u "$dir/driver-failed" | xargs)" "$knobs" >&2
fi
[ $status = 0 ] || exit $status
if [ -n "$link" ] && [ -x "$dir/obj/ffa-sim" ]; then
	ln -sfn "$(basename "$dir")/obj/ffa-sim" "$link"
fi
echo "built $dir"
