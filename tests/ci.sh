#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# What CI runs (make test, .ci/run): every kernel series at every page
# size, plain and under ASan+UBSan, each with its unit tests, the smoke
# flow and the suite (JUnit beside the variant), and the newest series
# at 4K against TF-A's EL3 SPMC (make SPMC=tf-a); then, on the newest
# series at 4K, the page in a real browser, make install used from
# another folder, the edit-build loop rebuilding only what changed, the
# BASE= workflow on a git repository of the extracted kernel files, the
# editors' JSON Schema, a patch series, two versions of a direct-messaging
# series (tests/direct-series.sh), a tree of another proxy generation
# (tests/generation-fallback.sh) and a variant built without Linux's FF-A
# driver (tests/no-driver-check.sh); then ThreadSanitizer, the fuzzer's smoke run and its
# ClusterFuzzLite build.  Make
# passes itself in $MAKE.
#
# Usage: tests/ci.sh BUILD_ROOT JOBS "KERNEL..." "PAGE_SIZE..."
set -euo pipefail

[ $# -eq 4 ] || { echo "usage: $0 BUILD_ROOT JOBS \"KERNEL...\" \"PAGE_SIZE...\"" >&2; exit 2; }
build=$1 jobs=$2 kernels=$3 page_sizes=$4
make=${MAKE:-make}
# The last word, whatever spaces surround the list.
newest=$(echo $kernels | awk '{ print $NF }')

total=0
# test_variant DIR SMOKE: build DIR plain and sanitized, run its unit
# tests, the smoke flow (when SMOKE is yes) and the suite.
test_variant() {
	local dir=$1 smoke=$2 san bin
	for san in 0 1; do
		if [ $san = 1 ]; then
			echo "=== $(basename "$dir") (ASan+UBSan)"
			bin=$dir/obj-san/ffa-sim
		else
			echo "=== $(basename "$dir") "
			bin=$dir/obj/ffa-sim
		fi
		$make --no-print-directory -f proxy/variant.mk VDIR="$dir" SAN=$san all
		$make --no-print-directory -f proxy/variant.mk VDIR="$dir" SAN=$san unit
		if [ "$smoke" = yes ]; then
			"$bin" smoke >/dev/null || { echo "smoke flow failed on $dir"; exit 1; }
		fi
		"$bin" run -j "$jobs" --junit "$dir/junit-$san.xml" scenarios
		total=$((total + 1))
	done
}

for k in $kernels; do
	for ps in $page_sizes; do
		dir=$(proxy/prepare-variant.sh "$build" "$k" "$ps")
		test_variant "$dir" yes
	done
done

# The real secure side (docs/spmc.md): the newest series at 4K against
# TF-A's EL3 SPMC, plain and under ASan+UBSan, so that a memory error in
# TF-A's code is caught like one in ffa.c.  No smoke flow here: it shares
# at FF-A 1.2 and reclaims, which TF-A 2.12 refuses (docs/findings.md).
dir=$(SPMC=tf-a proxy/prepare-variant.sh "$build" "$newest" 4K)
test_variant "$dir" no
echo "$total variant builds tested"
tests/bench-figures.sh

tests/html-check.sh "$(proxy/prepare-variant.sh "$build" "$newest" 4K)/obj/ffa-sim"
tests/install-check.sh "$(proxy/prepare-variant.sh "$build" "$newest" 4K)"
tests/rebuild-check.sh "$(proxy/prepare-variant.sh "$build" "$newest" 4K)"
python3 tests/schema-check.py
tests/patch-series.sh "$newest" "$build"
tests/direct-series.sh "$newest" "$build"
tests/generation-fallback.sh "$newest" "$build"
tests/no-driver-check.sh "$newest" "$build"
tests/git-base-check.sh "$(proxy/prepare-variant.sh "$build" "$newest" 4K)" "$build"
$make --no-print-directory tsan
$make --no-print-directory fuzz-smoke
tests/clusterfuzzlite-check.sh "$(proxy/prepare-variant.sh "$build" "$newest" 4K)"
