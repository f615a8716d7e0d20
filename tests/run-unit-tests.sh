#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The unit tests of one variant, built if needed (make check).  Make passes
# itself in $MAKE.
#
# Usage: tests/run-unit-tests.sh BUILD_ROOT KERNEL PAGE_SIZE PATCHES
set -euo pipefail

[ $# -eq 4 ] || { echo "usage: $0 BUILD_ROOT KERNEL PAGE_SIZE PATCHES" >&2; exit 2; }
dir=$(proxy/prepare-variant.sh "$1" "$2" "$3" "$4")
exec ${MAKE:-make} --no-print-directory -f proxy/variant.mk VDIR="$dir" unit
