#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The scenario suite on one variant that is already built (make run).
#
# Usage: tests/run-suite.sh BUILD_ROOT KERNEL PAGE_SIZE PATCHES JOBS
set -euo pipefail

[ $# -eq 5 ] || { echo "usage: $0 BUILD_ROOT KERNEL PAGE_SIZE PATCHES JOBS" >&2; exit 2; }
dir=$(proxy/prepare-variant.sh "$1" "$2" "$3" "$4")
exec "$dir/obj/ffa-sim" run -j "$5" scenarios
