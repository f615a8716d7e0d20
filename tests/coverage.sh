#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Line and branch coverage of one variant's ffa.c reached by the suite
# (make coverage): builds the variant with --coverage into obj-cov, runs
# the suite, prints gcov's summary of ffa.c and leaves the annotated source
# in the variant's coverage/.  Exits with the suite's status.  Make passes
# itself in $MAKE.
#
# Usage: tests/coverage.sh BUILD_ROOT KERNEL PAGE_SIZE PATCHES JOBS
set -euo pipefail

[ $# -eq 5 ] || { echo "usage: $0 BUILD_ROOT KERNEL PAGE_SIZE PATCHES JOBS" >&2; exit 2; }
dir=$(proxy/prepare-variant.sh "$1" "$2" "$3" "$4")
jobs=$5

find "$dir/obj-cov" -name '*.gcda' -delete 2>/dev/null || true
${MAKE:-make} --no-print-directory -f proxy/variant.mk VDIR="$dir" COVERAGE=1 all >/dev/null
status=0
"$dir/obj-cov/ffa-sim" run -j "$jobs" scenarios > "$dir/coverage-run.txt" || status=$?
tail -n 1 "$dir/coverage-run.txt"
rm -rf "$dir/coverage"
mkdir -p "$dir/coverage"
gcov -b -c -o "$dir/obj-cov/kernel" "$dir/kernel/arch/arm64/kvm/hyp/nvhe/ffa.c" 2>/dev/null |
	awk 'done { next }
	     /^File .*ffa.c/ { on = 1 }
	     on && /executed|Taken/ { print "ffa.c: " $0 }
	     on && /^$/ { done = 1 }'
mv ./*.gcov "$dir/coverage/"
echo "ffa.c: $(grep -c '^ *#####:' "$dir/coverage/ffa.c.gcov") lines never reached"
echo "annotated source: $dir/coverage/ffa.c.gcov"
exit $status
