#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The CI smoke of the fuzzers (make fuzz-smoke): a short single-worker run
# on one kernel series at 4K, the scenario loader's fuzzer for as long,
# the driver's client API (fuzz/driver/) for DRIVER_SECONDS,
# then the proxy harness's self-test (replays are
# deterministic, emitted scenarios pass or fail in the runner as the
# fuzzer saw them), whose log is VDIR/fuzz/self-test.log.  Make passes
# itself in $MAKE.
#
# Usage: fuzz/smoke.sh BUILD_ROOT KERNEL SECONDS DRIVER_SECONDS
set -euo pipefail

[ $# -eq 4 ] || { echo "usage: $0 BUILD_ROOT KERNEL SECONDS DRIVER_SECONDS" >&2; exit 2; }
fuzz/build-and-run.sh "$1" "$2" 4K '' "$3" 1
dir=$(proxy/prepare-variant.sh "$1" "$2" 4K)

# The scenario loader's fuzzer (fuzz/loader/): YAML bytes in, a loaded
# scenario or diagnostics with positions out, within 1 GiB and 10 s per
# input.  Seeds are the suite and the broken-file corpus; a finding is
# written as VDIR/fuzz/load-crash-*, and fails the smoke.
${MAKE:-make} --no-print-directory -f fuzz/loader/load.mk VDIR="$dir" >/dev/null
mkdir -p "$dir/fuzz/load-corpus"
"$dir/obj-fuzz-load/ffa-load-fuzz" -max_total_time="$3" -max_len=16384 \
	-rss_limit_mb=1024 -malloc_limit_mb=512 -timeout=10 \
	-artifact_prefix="$dir/fuzz/load-" "$dir/fuzz/load-corpus" \
	scenarios tests/broken tests/cli 2>"$dir/fuzz/load-fuzz.log" || {
	tail -n 30 "$dir/fuzz/load-fuzz.log"
	echo "ffa-load-fuzz: a finding; the input is in $dir/fuzz/load-crash-*"
	exit 1
}
grep -E '^Done [0-9]+ runs' "$dir/fuzz/load-fuzz.log" | sed 's/^/ffa-load-fuzz: /'

# Linux's FF-A driver as the host (fuzz/driver/): a client's calls from
# the input, the proxy fuzzer's oracle on every SMC the driver makes.  A
# finding is saved as VDIR/fuzz/driver-crash-*, written out as a
# scenario, and fails the smoke.
${MAKE:-make} --no-print-directory -f fuzz/fuzz.mk VDIR="$dir" driver-fuzz-bin >/dev/null
mkdir -p "$dir/fuzz/driver-corpus"
rm -f "$dir"/fuzz/driver-crash-* "$dir"/fuzz/driver-timeout-*
ASAN_OPTIONS=detect_leaks=0 "$dir/obj-fuzz/ffa-driver-fuzz" \
	-max_total_time="$4" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
	-print_final_stats=1 -artifact_prefix="$dir/fuzz/driver-" \
	--known=fuzz/known-findings.txt "$dir/fuzz/driver-corpus" \
	2>"$dir/fuzz/driver-fuzz.log" || {
	tail -n 30 "$dir/fuzz/driver-fuzz.log"
	for a in "$dir"/fuzz/driver-crash-*; do
		[ -e "$a" ] || continue
		ASAN_OPTIONS=detect_leaks=0 "$dir/obj-fuzz/ffa-driver-fuzz" \
			--known=fuzz/known-findings.txt \
			--emit-scenario="$dir/fuzz/driver-finding.yaml" "$a" || true
		echo "ffa-driver-fuzz: the scenario is $dir/fuzz/driver-finding.yaml"
	done
	echo "ffa-driver-fuzz: a finding; the input is in $dir/fuzz/driver-crash-* (run ffa-driver-fuzz on it to see it again)"
	exit 1
}
grep -E '^Done [0-9]+ runs' "$dir/fuzz/driver-fuzz.log" | sed 's/^/ffa-driver-fuzz: /'
status=0
ASAN_OPTIONS=detect_leaks=0 "$dir/obj-fuzz/ffa-fuzz" \
	--self-test=1 --known=fuzz/known-findings.txt "$dir/fuzz/seeds" \
	> "$dir/fuzz/self-test.log" 2>&1 || status=$?
grep 'ffa-fuzz: self-test' "$dir/fuzz/self-test.log"
exit $status
