#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# ThreadSanitizer (docs/concurrency.md, make tsan): on each kernel series
# at 4K, the given unit tests of what the CPUs share, then the concurrent
# scenarios with their CPUs really at once; then the newest series against
# TF-A's EL3 (make SPMC=tf-a).  TSan's own reports go to
# obj-tsan/tsan*.PID beside the binary; each race fails its scenario with
# a summary line, and a known one is a known failure (build: tsan).  Make
# passes itself in $MAKE.
#
# Usage: tests/tsan.sh BUILD_ROOT JOBS "KERNEL..." TEST...
set -euo pipefail

[ $# -ge 3 ] || { echo "usage: $0 BUILD_ROOT JOBS \"KERNEL...\" TEST..." >&2; exit 2; }
build=$1 jobs=$2 kernels=$3
shift 3

for k in $kernels; do
	dir=$(proxy/prepare-variant.sh "$build" "$k" 4K)
	obj=$dir/obj-tsan
	echo "=== $(basename "$dir") (ThreadSanitizer)"
	${MAKE:-make} --no-print-directory -f proxy/variant.mk VDIR="$dir" SAN=thread all tests
	rm -f "$obj"/tsan*.*
	for t in "$@"; do
		echo "== $t"
		FFA_SIM_BIN=$obj/ffa-sim TSAN_OPTIONS="log_path=$obj/tsan-$t" "$obj/tests/$t" || {
			echo "$t failed; ThreadSanitizer's reports: $obj/tsan-$t.*"
			exit 1
		}
	done
	TSAN_OPTIONS="log_path=$obj/tsan" "$obj/ffa-sim" run -j "$jobs" scenarios/concurrency
done

# The newest series against TF-A's EL3 (docs/spmc.md): the CPUs enter
# TF-A's code under the EL3 lock, and the runner reads TF-A's state, so
# TSan looks at both.  Its unit test, then the concurrent scenarios.
dir=$(SPMC=tf-a proxy/prepare-variant.sh "$build" "$(echo $kernels | awk '{ print $NF }')" 4K)
obj=$dir/obj-tsan
echo "=== $(basename "$dir") (ThreadSanitizer)"
${MAKE:-make} --no-print-directory -f proxy/variant.mk VDIR="$dir" SAN=thread all tests
rm -f "$obj"/tsan*.*
TSAN_OPTIONS="log_path=$obj/tsan-test_tfa_el3" "$obj/tests/test_tfa_el3" || {
	echo "test_tfa_el3 failed; ThreadSanitizer's reports: $obj/tsan-test_tfa_el3.*"
	exit 1
}
TSAN_OPTIONS="log_path=$obj/tsan" "$obj/ffa-sim" run -j "$jobs" scenarios/concurrency
