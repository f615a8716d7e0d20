#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Build one variant's libFuzzer harness and the ffa-sim that replays its
# findings with the same sanitizers, then fuzz
# it for SECONDS on JOBS workers (fuzz/run.sh, make fuzz).  Make passes
# itself in $MAKE.
#
# Usage: fuzz/build-and-run.sh BUILD_ROOT KERNEL PAGE_SIZE PATCHES SECONDS JOBS
set -euo pipefail

[ $# -eq 6 ] || { echo "usage: $0 BUILD_ROOT KERNEL PAGE_SIZE PATCHES SECONDS JOBS" >&2; exit 2; }
dir=$(proxy/prepare-variant.sh "$1" "$2" "$3" "$4")
make=${MAKE:-make}
$make --no-print-directory -f fuzz/fuzz.mk VDIR="$dir" fuzz-bin replay-bin >/dev/null
exec fuzz/run.sh "$dir" "$5" "$6"
