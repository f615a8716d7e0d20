#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A tree of another proxy generation is not judged by another series'
# reasons (make test runs it).  Upstream 6.18 calls EL3 with
# arm_smccc_1_2_smc, a generation of its own between Debian's 6.12
# (arm_smccc_1_1_smc) and 7.x (hyp_smccc_1_2_smc); Debian has no 6.18
# source, so this script makes a stand-in from the extracted 7.x files:
# its Makefile says 6.18 and its ffa.c calls EL3 as 6.18's does.  The
# run must use no expectations file at all (not 6.12's, the nearest older
# series, nor 7.3's), say so, and say how to record one.
#
# Usage: tests/generation-fallback.sh KERNEL BUILD_ROOT
set -euo pipefail

kernel=${1:-debian:7.3}
build=${2:-build}
die() { printf 'generation-fallback: FAIL: %s\n' "$*" >&2; exit 1; }

eval "$(proxy/kernel-src.sh resolve "$kernel")"
ffa=arch/arm64/kvm/hyp/nvhe/ffa.c
grep -q 'hyp_smccc_1_2_smc(' "$KSRC/$ffa" ||
	die "$KSRC/$ffa does not call hyp_smccc_1_2_smc: cannot make a 6.18 stand-in from it"

# A stable path, so that a rerun builds in the same folder.
tree=$build/generation-check/linux-6.18
rm -rf "$tree"
for f in $(awk '!/^#/ { print $1 }' proxy/kernel-files.txt); do
	[ -f "$KSRC/$f" ] || continue
	mkdir -p "$tree/$(dirname "$f")"
	cp "$KSRC/$f" "$tree/$f"
done
sed -i 's/^VERSION = .*/VERSION = 6/; s/^PATCHLEVEL = .*/PATCHLEVEL = 18/; s/^SUBLEVEL = .*/SUBLEVEL = 0/' \
	"$tree/Makefile"
sed -i 's/\<hyp_smccc_1_2_smc(/arm_smccc_1_2_smc(/g' "$tree/$ffa"

dir=$(proxy/prepare-variant.sh "$build" "$tree" 4K)
trap 'rm -rf "$dir" "$build/generation-check"' EXIT
MAKE='make' proxy/build-variant.sh "$build" "$tree" 4K "" 0 "$dir/obj/ffa-sim" > /dev/null
"$dir/obj/ffa-sim" --version | grep -qx 'proxy generation: arm_smccc_1_2_smc, FF-A 1.2' ||
	die "the stand-in should be of the arm_smccc_1_2_smc generation: $("$dir/obj/ffa-sim" --version)"

out=$dir/run.txt
status=0
"$dir/obj/ffa-sim" run -j 2 --color=never scenarios > "$out" 2>&1 || status=$?
[ "$status" -le 1 ] || die "the run broke (exit $status): $(tail -n 5 "$out")"
grep -qx 'note: no expectations for Linux 6.18: scenarios/expectations has no linux-6.18.yaml and no file of the same generation (arm_smccc_1_2_smc, FF-A 1.2), so every failure counts; record them with: ffa-sim run --record-expectations scenarios/expectations/linux-6.18.yaml' "$out" ||
	die "the run should say it has no expectations and how to record them: $(grep '^note:' "$out")"
! grep -q '^note: expectations: ' "$out" ||
	die "no expectations file may judge the stand-in: $(grep '^note: expectations: ' "$out")"
! grep -q '^KNOWN ' "$out" ||
	die "nothing is a known failure without a file: $(grep '^KNOWN ' "$out" | head -n 3)"
! grep -q "6\.12's" "$out" || die "6.12's reasons reached the 6.18 run"
echo "generation-fallback: the 6.18 stand-in ran without another series' expectations ($(tail -n 1 "$out"))"
