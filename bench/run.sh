#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The benchmarks of bench/README.md, on the binaries bench/bench.mk built:
#
#   bench/run.sh OBJDIR [SCENARIOS]
#
# OBJDIR holds ffa-sim and the bench/bench-* programs of bench/bench.mk;
# SCENARIOS is the suite to time (default scenarios).  Instruction counts
# come from callgrind and do not move between runs; wall times are the
# minimum of several runs and are the secondary figure.  Prints one line
# per figure, among them "overhead: N.NNx".
set -eu

obj=${1:?usage: bench/run.sh OBJDIR [SCENARIOS]}
suite=${2:-scenarios}
bin=$obj/ffa-sim
direct=$obj/bench/bench-direct
runner=$obj/bench/bench-runner
timeit=$obj/bench/bench-timeit
rounds=${BENCH_ROUNDS:-100}
runs=${BENCH_RUNS:-11}
here=$(dirname "$0")
work=$obj/bench-work
rm -rf "$work"
mkdir -p "$work"

gen() { "$here/gen-scenario.sh" "$@"; }

# Instructions executed inside function $1 (and what it calls).
instructions() {
	fn=$1
	shift
	out=$work/callgrind.out
	valgrind --tool=callgrind --callgrind-out-file="$out" \
		--collect-atstart=no --toggle-collect="$fn" "$@" \
		>"$work/callgrind.log" 2>&1 || {
		echo "bench: failed under callgrind: $*" >&2
		tail -5 "$work/callgrind.log" >&2
		exit 1
	}
	sed -n 's/^summary: //p' "$out"
}

# Of the last instructions() run: those inside function $1.
inside() {
	callgrind_annotate --inclusive=yes --threshold=100 \
		"$work/callgrind.out" 2>/dev/null |
		sed -n "s/^ *\([0-9,]*\) .*:$1 \[.*/\1/p" | tr -d , | head -1
}

# Minimum wall seconds of a command over $runs runs; its peak resident
# size goes to $work/maxrss (this runs in a command substitution).
wall() {
	# shellcheck disable=SC2046  # fields of numbers, split on purpose
	set -- $("$timeit" "$runs" "$@")
	echo "$6" >"$work/maxrss"
	echo "$2"
}

sub() { awk -v a="$1" -v b="$2" 'BEGIN { print a - b }'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
per() { awk -v a="$1" -v b="$2" -v k="${3:-1}" 'BEGIN { printf "%.0f", a * k / b }'; }

# Least squares over "x y" lines: slope, intercept and r^2.
fit() {
	awk '{ n++; sx += $1; sy += $2; sxx += $1 * $1; sxy += $1 * $2;
	       syy += $2 * $2 }
	     END { d = n * sxx - sx * sx; b = (n * sxy - sx * sy) / d;
		   a = (sy - b * sx) / n;
		   r = (n * sxy - sx * sy) / sqrt(d * (n * syy - sy * sy));
		   printf "%g %g %.4f\n", b, a, r * r }'
}

overhead() {
	smcs=$((3 * rounds + 3))
	gen overhead "$rounds" bench-overhead >"$work/overhead.yaml"
	gen overhead 0 bench-overhead >"$work/overhead-0.yaml"
	ir_direct=$(instructions bench_sequence "$direct" "$rounds")
	ir_on=$(instructions exec_step "$bin" run --no-isolation \
		"$work/overhead.yaml")
	ir_off=$(instructions exec_step "$bin" run --no-isolation \
		 --no-invariants "$work/overhead.yaml")
	echo "== runner overhead: $smcs SMCs (negotiate, map, $rounds x (share, reclaim, direct request), unmap)"
	echo "instructions per SMC: direct $(per "$ir_direct" $smcs)," \
	     "ffa-sim run $(per "$ir_on" $smcs)," \
	     "with --no-invariants $(per "$ir_off" $smcs)"
	echo "overhead: $(ratio "$ir_on" "$ir_direct")x"
	echo "overhead without invariants: $(ratio "$ir_off" "$ir_direct")x"
	overhead_honest
	overhead_wall
}

# The same with the stack poison taken out of both sides: the hyp fills
# the depth of the handler's stack its calls reach before every call and
# checks a band of it after (stack_pad() in proxy/hyp/host_smc.c), about
# the same cost in both, which flatters a ratio.
overhead_honest() {
	instructions bench_sequence "$direct" "$rounds" >/dev/null
	d=$(sub "$ir_direct" "$(inside stack_pad)")
	instructions exec_step "$bin" run --no-isolation \
		"$work/overhead.yaml" >/dev/null
	r=$(sub "$ir_on" "$(inside stack_pad)")
	echo "instructions per SMC, stack poison excluded: direct $(per "$d" $smcs)," \
	     "ffa-sim run $(per "$r" $smcs)"
	echo "overhead without stack poison: $(ratio "$r" "$d")x"
}

# The best of $runs runs of a program that prints "seconds S".
best_seconds() {
	i=0
	while [ "$i" -lt "$runs" ]; do
		"$@" | sed -n 's/^seconds //p'
		i=$((i + 1))
	done | sort -g | head -1
}

# Seconds of exec_scenario() on a file, loading left out.
exec_wall() { best_seconds "$runner" "$@"; }

# Seconds of bench-direct's SMC sequence.
direct_wall() { best_seconds "$direct" "$@"; }

# The steps alone: a file with rounds less the same without any.
steps_wall() {
	sub "$(exec_wall "$work/overhead.yaml" "$@")" \
	    "$(exec_wall "$work/overhead-0.yaml" "$@")"
}

# What isolation adds per step (the worker loads the file again): the whole
# command with and without it, on a file of many rounds, less the same
# on a file without any.
isolation_wall() {
	gen overhead "$((10 * rounds))" bench-overhead >"$work/overhead-long.yaml"
	long=$(sub "$(wall "$bin" run "$work/overhead-long.yaml")" \
	       "$(wall "$bin" run --no-isolation "$work/overhead-long.yaml")")
	none=$(sub "$(wall "$bin" run "$work/overhead-0.yaml")" \
	       "$(wall "$bin" run --no-isolation "$work/overhead-0.yaml")")
	per "$(sub "$long" "$none")" $((30 * rounds)) 1e9
}

overhead_wall() {
	t_direct=$(sub "$(direct_wall "$rounds")" "$(direct_wall 0)")
	t_on=$(steps_wall)
	t_off=$(steps_wall --no-invariants)
	n=$((3 * rounds))
	echo "wall ns per SMC (min of $runs): direct $(per "$t_direct" $n 1e9)," \
	     "ffa-sim run $(per "$t_on" $n 1e9)," \
	     "with --no-invariants $(per "$t_off" $n 1e9);" \
	     "isolation adds $(isolation_wall) per step (the worker loads the file again)"
	echo "wall-time overhead: $(ratio "$t_on" "$t_direct")x" \
	     "($(ratio "$t_off" "$t_direct")x without invariants)"
}

# What one scenario costs besides its steps: machine up and down, and
# the process it runs in.
fixed_costs() {
	ir_all=$(instructions exec_scenario "$bin" run --no-isolation \
		 "$work/overhead-0.yaml")
	ir_steps=$(instructions exec_step "$bin" run --no-isolation \
		   "$work/overhead-0.yaml")
	iso=$(wall "$bin" run "$work/overhead-0.yaml")
	inproc=$(wall "$bin" run --no-isolation "$work/overhead-0.yaml")
	echo "== fixed costs of one scenario"
	echo "machine up and down (world, hyp_ffa_init, teardown):" \
	     "$((ir_all - ir_steps)) instructions"
	echo "isolation (a worker, its records, its end): $(per "$(sub "$iso" "$inproc")" 1 1e6) us" \
	     "wall; whole 3-step scenario in a worker" \
	     "$(per "$iso" 1 1e6) us, process start-up included"
}

suite_throughput() {
	n=$("$bin" run --list "$suite" | sed -n 's/^\([0-9]*\) scenarios*$/\1/p')
	t1=$(wall "$bin" run "$suite")
	rss1=$(cat "$work/maxrss")
	t2=$(wall "$bin" run -j 2 "$suite")
	rss2=$(cat "$work/maxrss")
	echo "== suite: $n scenarios in $suite, process start-up and isolation included"
	echo "-j 1: $t1 s, $(per "$n" "$t1") scenarios/s;" \
	     "-j 2: $t2 s, $(per "$n" "$t2") scenarios/s (target: under 0.5 s)"
	echo "peak resident memory (largest process): -j 1 $rss1 KiB," \
	     "-j 2 $rss2 KiB"
}

# The "x y" pairs of file $1 on one line, each y followed by $2.
print_pairs() {
	awk -v u="$2" '{ printf "%s%s: %s%s", (NR > 1 ? ", " : ""), $1, $2, u }
		       END { print "" }' "$1"
}

# The least-squares line through the pairs of file $1, scaled by $2 into
# unit $3: "slope: N $3 $4 (intercept M $3, r^2 R)".
print_fit() {
	# shellcheck disable=SC2046  # fields of numbers, split on purpose
	set -- "$2" "$3" "$4" $(fit <"$1")
	echo "slope: $(per "$4" 1 "$1") $2 $3" \
	     "(intercept $(per "$5" 1 "$1") $2, r^2 $6)"
}

# share + reclaim of N one-page constituents, fragments as the 4 KiB
# mailbox needs (251 fit in one): all of it, and the runner's own part
# (everything but the host SMC path, which holds the proxy and the SPMC).
scaling_constituents() {
	: >"$work/fit"
	: >"$work/fit-runner"
	for n in 1 16 64 251 255 512; do
		gen share "$n" >"$work/share-$n.yaml"
		ir=$(instructions exec_step "$bin" run --no-isolation \
		     "$work/share-$n.yaml")
		echo "$n $ir" >>"$work/fit"
		echo "$n $((ir - $(inside hyp_host_smc)))" >>"$work/fit-runner"
	done
	echo "== scaling: share + reclaim by constituents (instructions of all steps)"
	print_pairs "$work/fit" ""
	print_fit "$work/fit" 1 instructions "per constituent"
	echo "the runner's own part (all but hyp_host_smc()):"
	print_pairs "$work/fit-runner" ""
	print_fit "$work/fit-runner" 1 instructions "per constituent"
}

scaling_scenarios() {
	: >"$work/fit"
	for n in 25 50 100 200; do
		dir=$work/many-$n
		mkdir -p "$dir"
		i=0
		while [ "$i" -lt "$n" ]; do
			gen overhead 1 "bench-copy-$i" >"$dir/s$i.yaml"
			i=$((i + 1))
		done
		echo "$n $(wall "$bin" run "$dir")" >>"$work/fit"
	done
	echo "== scaling: suite time by number of scenarios (-j 1, wall)"
	print_pairs "$work/fit" " s"
	print_fit "$work/fit" 1e6 us "per scenario"
}

# $1 generated one-scenario files (the overhead scenario with one round)
# in folder $2, written by awk in one go.
copies() {
	mkdir -p "$2"
	gen overhead 1 BENCH-NAME >"$work/template.yaml"
	awk -v n="$1" -v d="$2" '
		{ t[++k] = $0 }
		END { for (i = 0; i < n; i++) {
			f = sprintf("%s/s%05d.yaml", d, i)
			for (j = 1; j <= k; j++) {
				x = t[j]; sub(/BENCH-NAME/, "bench-copy-" i, x)
				print x > f
			}
			close(f)
		} }' "$work/template.yaml"
}

# CPU per scenario (the runner and all its workers, user and system) and
# the largest process, at the suite's size and at 100 times it: the
# workers never hold the suite, so neither may grow with it.
scaling_suite_size() {
	small=${BENCH_SMALL:-172}
	large=${BENCH_LARGE:-17200}
	copies "$small" "$work/size-$small"
	copies "$large" "$work/size-$large"
	# shellcheck disable=SC2046  # fields of numbers, split on purpose
	set -- $("$timeit" "$runs" "$bin" run -j 2 "$work/size-$small")
	cpu_s=$(per "$8" "$small" 1e6) rss_s=$6 wall_s=$2
	# shellcheck disable=SC2046  # fields of numbers, split on purpose
	set -- $("$timeit" 1 "$bin" run -j 2 "$work/size-$large")
	cpu_l=$(per "$8" "$large" 1e6) rss_l=$6 wall_l=$2
	echo "== scaling: generated scenarios, $small and $large (-j 2; CPU of the runner and its workers)"
	echo "cpu per scenario: $cpu_s us at $small, $cpu_l us at $large" \
	     "(ratio $(ratio "$cpu_l" "$cpu_s"))"
	echo "peak memory of the largest process: $rss_s KiB at $small," \
	     "$rss_l KiB at $large"
	echo "wall per scenario: $(per "$wall_s" "$small" 1e6) us at $small," \
	     "$(per "$wall_l" "$large" 1e6) us at $large"
	rm -rf "$work/size-$small" "$work/size-$large"
}

# EL3 alone (bench/el3.c), on this variant and on the one in
# $BENCH_EL3_BESIDE (build-and-run.sh sets it to the same kernel with the
# mock, when this variant's EL3 is another).
el3_cost() {
	echo "== EL3 alone: $((6 * rounds + 2)) SMCs through the conduit (map, $rounds x (version, id, features, partition info, rx release, direct request), unmap)"
	for o in "$obj" ${BENCH_EL3_BESIDE:-}; do
		el3=$o/bench/bench-el3
		name=$("$el3" 0 | sed -n 's/^spmc //p')
		ir=$(instructions bench_el3_sequence "$el3" "$rounds")
		t=$(sub "$(best_seconds "$el3" "$rounds")" "$(best_seconds "$el3" 0)")
		echo "EL3 $name: $(per "$ir" $((6 * rounds + 2))) instructions per SMC," \
		     "$(per "$t" $((6 * rounds)) 1e9) ns wall per SMC (min of $runs)"
	done
}

echo "ffa-sim bench: $("$bin" --version | head -1), $(nproc) cores"
el3_cost
if "$bin" --version | grep -qx 'spmc: mock'; then
	overhead
	fixed_costs
	suite_throughput
	scaling_constituents
	scaling_scenarios
	scaling_suite_size
else
	echo "(runner overhead, fixed costs and scaling share and reclaim through pKVM, which this EL3 refuses: docs/spmc.md)"
	suite_throughput
fi
