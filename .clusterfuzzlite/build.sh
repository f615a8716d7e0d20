#!/bin/bash -eu
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the proxy fuzzer the way a fuzzing service asks (ClusterFuzzLite,
# OSS-Fuzz): its compiler and flags, its fuzzing engine, its output folder.
#
#   CC, CXX             the compilers (CXX links the engine)
#   CFLAGS              sanitizers and coverage, for every object
#   LIB_FUZZING_ENGINE  the engine to link (-fsanitize=fuzzer)
#   OUT                 where the fuzzer, its options and seeds go
#   KERNEL              the kernel tree (default $SRC/linux, the Dockerfile's)
#   WORK                scratch space for the build (default: a temporary one)
#
# The binary links GLib, libyaml and libdw statically: the machine that runs it
# has only what is in $OUT.  Seeds come from the scenario suite.
cd "$(dirname "$0")/.."

: "${CC:?}" "${CFLAGS:?}" "${LIB_FUZZING_ENGINE:?}" "${OUT:?}"
kernel=${KERNEL:-${SRC:-}/linux}
work=${WORK:-$(mktemp -d)}
mkdir -p "$OUT"

dir=$(proxy/prepare-variant.sh "$work/build" "$kernel" 4K)
static_libs="-Wl,-Bstatic $(pkg-config --static --libs glib-2.0 yaml-0.1 libdw |
	tr ' ' '\n' | grep -vx -e -pthread -e -lm | tr '\n' ' ')-Wl,-Bdynamic -pthread -lm"
make --no-print-directory -j"$(nproc)" -f fuzz/fuzz.mk VDIR="$dir" \
	SAN=external EXTERNAL_SANFLAGS="$CFLAGS" OBJ_NAME=obj-external \
	CC="$CC" FUZZ_LD="${CXX:-$CC}" FUZZ_ENGINE="$LIB_FUZZING_ENGINE" \
	COV= PKG_LIBS="$static_libs"

fuzzer=$OUT/ffa_proxy_fuzzer
cp "$dir/obj-external/ffa-fuzz" "$fuzzer"
cp fuzz/known-findings.txt "$fuzzer.known"
cat > "$fuzzer.options" <<OPTIONS
[libfuzzer]
max_len = 8192
timeout = 10
OPTIONS

seeds=$work/seeds
rm -rf "$seeds"
ASAN_OPTIONS=detect_leaks=0 "$fuzzer" --make-seeds="$seeds" scenarios > /dev/null
rm -f "${fuzzer}_seed_corpus.zip"
(cd "$seeds" && zip -q -r "${fuzzer}_seed_corpus.zip" .)
echo "built $fuzzer with $(ls "$seeds" | wc -l) seeds"
