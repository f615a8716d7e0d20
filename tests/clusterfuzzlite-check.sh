#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The ClusterFuzzLite / OSS-Fuzz build (.clusterfuzzlite/build.sh), run
# here with the variables the service sets, so that it is known to build:
# clang, ASan and libFuzzer's coverage in CFLAGS, the engine in
# LIB_FUZZING_ENGINE, a fresh OUT.  The kernel files are a built variant's.
# Then the result is checked as the service would use it: a fuzzer that
# needs no library outside $OUT, its options, its seeds, the known
# findings beside it, and one pass over the seeds.
#
# Usage: tests/clusterfuzzlite-check.sh VARIANT_DIR
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 VARIANT_DIR" >&2; exit 2; }
vdir=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "clusterfuzzlite-check: $*" >&2; exit 1; }

mkdir -p "$tmp/out" "$tmp/work"
CC=clang CXX=clang++ \
CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION -fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link" \
LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=$tmp/out WORK=$tmp/work \
KERNEL=$vdir/kernel .clusterfuzzlite/build.sh > "$tmp/build.log" 2>&1 ||
	fail "build.sh failed: $(tail -n 20 "$tmp/build.log")"

f=$tmp/out/ffa_proxy_fuzzer
[ -x "$f" ] || fail "build.sh left no $f"
libs=$(ldd "$f" | grep -E 'glib|yaml|pcre|libdw|libelf' || true)
[ -z "$libs" ] || fail "the fuzzer needs libraries that are not in OUT: $libs"
grep -qx 'max_len = 8192' "$f.options" || fail "no max_len in $f.options"
cmp -s "$f.known" fuzz/known-findings.txt || fail "fuzz/known-findings.txt is not beside the fuzzer"
mkdir "$tmp/seeds"
(cd "$tmp/seeds" && unzip -q "${f}_seed_corpus.zip")
n=$(ls "$tmp/seeds" | wc -l)
[ "$n" -gt 10 ] || fail "only $n seeds in the seed corpus"
ASAN_OPTIONS=detect_leaks=0 "$f" -runs=0 "$tmp/seeds" > "$tmp/run.log" 2>&1 ||
	fail "the fuzzer does not pass its own seeds: $(tail -n 5 "$tmp/run.log")"
grep -q 'INITED' "$tmp/run.log" || fail "libFuzzer did not start: $(tail -n 5 "$tmp/run.log")"
echo "clusterfuzzlite-check: build.sh builds a self-contained fuzzer with $n seeds, and it runs them"
