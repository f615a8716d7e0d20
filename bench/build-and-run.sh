#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The benchmarks on one variant (make bench): bench/bench.mk builds them in
# an object folder of their own, bench/run.sh prints the figures.  With
# SPMC= other than the mock, the mock's variant of the same kernel is
# built too, for EL3's cost beside it.  Make
# passes itself in $MAKE.
#
# Usage: bench/build-and-run.sh BUILD_ROOT KERNEL PAGE_SIZE PATCHES OBJ_NAME
set -euo pipefail

[ $# -eq 5 ] || { echo "usage: $0 BUILD_ROOT KERNEL PAGE_SIZE PATCHES OBJ_NAME" >&2; exit 2; }
dir=$(proxy/prepare-variant.sh "$1" "$2" "$3" "$4")
${MAKE:-make} --no-print-directory -f bench/bench.mk VDIR="$dir" OBJ_NAME="$5" >/dev/null
# Another EL3 than the mock is measured beside the mock, on the same kernel.
if [ "${SPMC:-mock}" != mock ]; then
	mock=$(SPMC=mock proxy/prepare-variant.sh "$1" "$2" "$3" "$4")
	${MAKE:-make} --no-print-directory -f bench/bench.mk VDIR="$mock" OBJ_NAME="$5" >/dev/null
	export BENCH_EL3_BESIDE=$mock/$5
fi
exec bench/run.sh "$dir/$5"
