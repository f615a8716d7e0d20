#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# One time-bounded fuzzing run of a variant, from seeds to scenarios:
#
#   fuzz/run.sh VDIR SECONDS [JOBS]
#
# Seeds come from the scenario suite; the corpus grows in VDIR/fuzz/corpus
# across runs.  libFuzzer runs JOBS workers and goes on past findings for
# the whole time.  Every finding not in fuzz/known-findings.txt is
# classified; one per signature is minimised and written out as a scenario
# in VDIR/fuzz/findings, and each scenario is run by the variant's
# ASan+UBSan ffa-sim to show that it reproduces there.  Exit status 1 when
# there is a new finding.
set -euo pipefail

die() { printf 'fuzz: %s\n' "$*" >&2; exit 2; }
[ $# -ge 2 ] || die "usage: $0 VDIR SECONDS [JOBS]"
vdir=$1 secs=$2 jobs=${3:-1}
bin=$vdir/obj-fuzz/ffa-fuzz
sim=$vdir/obj-san/ffa-sim
known=fuzz/known-findings.txt
work=$vdir/fuzz
[ -x "$bin" ] || die "$bin is not built (make -f fuzz/fuzz.mk VDIR=$vdir)"
[ -x "$sim" ] || die "$sim is not built (make -f proxy/variant.mk VDIR=$vdir SAN=1)"

mkdir -p "$work/corpus" "$work/artifacts" "$work/findings"
rm -rf "$work/seeds" "$work/artifacts"/* "$work/findings"/*
"$bin" --make-seeds="$work/seeds" scenarios >/dev/null

# The borrowed scenario engine's own UBSan reports are not findings of
# ffa.c (fuzz.mk builds it to recover from them): keep them out of the log.
export UBSAN_OPTIONS=print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1

# -fork: JOBS workers, each running inputs in-process until it stops on a
# crash (a known sanitizer report cannot be filtered in-process); the run
# goes on with a new worker, and findings are sorted out below.
flags=(-max_total_time="$secs" -timeout=10 -rss_limit_mb=4096
       -max_len=8192 -print_final_stats=1 -fork="$jobs" -ignore_crashes=1
       -ignore_timeouts=1 -ignore_ooms=1
       -artifact_prefix="$work/artifacts/" --known="$known")
echo "fuzz: $(basename "$vdir") for ${secs}s, $jobs job(s)"
set +e
"$bin" "${flags[@]}" "$work/corpus" "$work/seeds" > "$work/log" 2>&1
set -e

# Throughput: libFuzzer's own figure (in-process), else its last status line.
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log" | tail -1)
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
[ -n "$runs" ] || runs=$(grep -o '^#[0-9]*' "$work/log" | tail -1 | tr -d '#' || true)
if [ -z "$rate" ] || [ "$rate" = 0 ]; then
	rate=$(( ${runs:-0} / secs ))
fi
echo "fuzz: ${runs:-0} inputs, ${rate:-?} execs/s, corpus $(ls "$work/corpus" | wc -l) inputs"

# One scenario per signature.
declare -A seen=()
new=0 known_hits=0
shopt -s nullglob
for a in "$work"/artifacts/crash-* "$work"/artifacts/timeout-*; do
	sig=$("$bin" --classify --known="$known" "$a" 2>/dev/null | cut -f1)
	case "$sig" in
	"" | none) continue ;;
	known\ *) known_hits=$((known_hits + 1)); continue ;;
	esac
	[ -z "${seen[$sig]:-}" ] || continue
	seen[$sig]=1
	out=$work/findings/$(printf '%s' "$sig" | tr -c 'A-Za-z0-9\n' '-' |
			     tr 'A-Z' 'a-z' | tr -s '-' | cut -c1-60).yaml
	"$bin" --emit-scenario="$out" --known="$known" "$a" >/dev/null 2>&1 ||
		{ echo "fuzz: cannot write $sig out as a scenario ($a)"; continue; }
	if "$sim" run "$out" >/dev/null 2>&1; then
		verdict="does NOT reproduce in ffa-sim run"
	else
		verdict="reproduces in ffa-sim run"
	fi
	echo "fuzz: NEW  $sig"
	echo "      $out ($verdict)"
	new=$((new + 1))
done
[ $known_hits -eq 0 ] || echo "fuzz: $known_hits input(s) ran into known findings (fuzz/known-findings.txt)"
echo "fuzz: $new new finding(s)"
[ $new -eq 0 ]
