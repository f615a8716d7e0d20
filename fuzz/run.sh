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
# in VDIR/fuzz/findings, and each scenario is run by ffa-sim-replay, the
# variant's ffa-sim linked from the fuzzer's own objects (exactly its
# sanitizers: UBSan's alignment check off alike), to show that it
# reproduces there.  Exit status 1 when there is a new finding.
#
# FUZZ_CORPUS=empty starts from nothing: no seeds from the suite, a fresh
# corpus (VDIR/fuzz/corpus-empty).  FUZZ_KNOWN=none applies no list of
# known findings (every finding is new); FUZZ_KNOWN=FILE another list.
set -euo pipefail

die() { printf 'fuzz: %s\n' "$*" >&2; exit 2; }
[ $# -ge 2 ] || die "usage: $0 VDIR SECONDS [JOBS]"
vdir=$1 secs=$2 jobs=${3:-1}
bin=$vdir/obj-fuzz/ffa-fuzz
sim=$vdir/obj-fuzz/ffa-sim-replay
work=$vdir/fuzz
[ -x "$bin" ] || die "$bin is not built (make -f fuzz/fuzz.mk VDIR=$vdir)"
[ -x "$sim" ] || die "$sim is not built (make -f fuzz/fuzz.mk VDIR=$vdir replay-bin)"
case "${FUZZ_KNOWN:-}" in
"") known=fuzz/known-findings.txt ;;
none) known=$work/known-none.txt
      : >"$known" ;;
*) [ -r "$FUZZ_KNOWN" ] || die "FUZZ_KNOWN=$FUZZ_KNOWN: no such file"
   known=$FUZZ_KNOWN ;;
esac

mkdir -p "$work/artifacts" "$work/findings"
rm -rf "$work/seeds" "$work/artifacts"/* "$work/findings"/*
case "${FUZZ_CORPUS:-}" in
"") corpus=$work/corpus
    mkdir -p "$corpus"
    "$bin" --make-seeds="$work/seeds" scenarios >/dev/null
    dirs=("$corpus" "$work/seeds") ;;
empty) corpus=$work/corpus-empty
    rm -rf "$corpus"
    mkdir -p "$corpus"
    dirs=("$corpus") ;;
*) die "FUZZ_CORPUS=$FUZZ_CORPUS: expected empty, or unset for the suite's seeds" ;;
esac

# The borrowed scenario engine's own UBSan reports are not findings of
# ffa.c (fuzz.mk builds it to recover from them): keep them out of the log.
export UBSAN_OPTIONS=print_stacktrace=1
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1

# TF-A's EL3 SPMC cannot be made to misbehave (docs/spmc.md): the host
# alone plays against it, and what this port cannot run is known.
host_only=()
if grep -qx 'SPMC_KIND := tfa' "$vdir/variant.mk"; then
	[ "${FUZZ_KNOWN:-}" = none ] ||
		cat "$known" fuzz/known-findings-tf-a.txt > "$work/known.txt"
	[ "${FUZZ_KNOWN:-}" = none ] || known=$work/known.txt
	host_only=(--host-only)
fi

# A crash ends a libFuzzer process (a known sanitizer report cannot be
# filtered in-process), and the run goes on: with JOBS > 1 in libFuzzer's
# -fork mode (a process per job, corpus merges); with one job in a plain
# in-process run started again after each crash until the time is up,
# which runs about twice the inputs per CPU second of -fork=1.  Findings
# are sorted out below.  Leaks are not findings (ASAN_OPTIONS above), so
# libFuzzer does not look for them.
# -timeout: an input takes milliseconds.  EL2 repeating the same SMCs to
# EL3 (hang FFA_MEM_RECLAIM) is cut in-process by the hyp model's repeat
# bound (fuzz/machine.h); the timeout catches hangs of any other shape,
# each costing its whole length; a slow input that is no hang is
# classified "none" below (the probe allows it 10 s).
flags=(-timeout=3 -rss_limit_mb=4096 -max_len=8192 -print_final_stats=1
       -detect_leaks=0 -artifact_prefix="$work/artifacts/" --known="$known"
       "${host_only[@]}")
[ "$jobs" -eq 1 ] || flags+=(-fork="$jobs" -ignore_crashes=1
			     -ignore_timeouts=1 -ignore_ooms=1)
echo "fuzz: $(basename "$vdir") for ${secs}s, $jobs job(s), corpus: ${FUZZ_CORPUS:-seeds from the suite}, known findings: ${FUZZ_KNOWN:-fuzz/known-findings.txt}"
# CPU seconds of the run, every process it waited for included: with
# other work on the machine, inputs per CPU second is the figure that holds.
cpu_of_children() {
	awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($16 + $17) / hz }' /proc/$$/stat
}
cpu0=$(cpu_of_children)
start=$SECONDS
: > "$work/log"
set +e
if [ "$jobs" -eq 1 ]; then
	while left=$((secs - (SECONDS - start))); [ $left -gt 0 ]; do
		"$bin" -max_total_time=$left "${flags[@]}" "${dirs[@]}" \
			>> "$work/log" 2>&1 && break
	done
else
	"$bin" -max_total_time="$secs" "${flags[@]}" "${dirs[@]}" > "$work/log" 2>&1
fi
set -e
cpu=$(awk -v a="$(cpu_of_children)" -v b="$cpu0" 'BEGIN { printf "%.2f", a - b }')

# Throughput: the inputs of every in-process run (libFuzzer's final
# stats), else -fork's last status line; the wall rate over the whole run.
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" |
       awk '{ n += $1 } END { if (NR) print n }')
[ -n "$runs" ] || runs=$(grep -o '^#[0-9]*' "$work/log" | tail -1 | tr -d '#' || true)
wall=$((SECONDS - start))
rate=$(( ${runs:-0} / (wall > 0 ? wall : 1) ))
per_cpu=$(awk -v n="${runs:-0}" -v c="$cpu" \
	'BEGIN { if (c > 0) printf "%.0f", n / c; else print "?" }')
echo "fuzz: ${runs:-0} inputs, ${rate:-?} execs/s wall, $per_cpu per CPU second" \
     "($cpu CPU s), corpus $(ls "$corpus" | wc -l) inputs"

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
