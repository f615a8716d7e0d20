# SPDX-License-Identifier: GPL-2.0-only
#
# ffa-sim: the pKVM FF-A proxy on a laptop.
#
#   make                 build the default variant (KERNEL=debian:newest, 4K)
#   make run             build it and run the scenario suite
#   make check           unit tests and suite on the default variant (quick)
#   make test            everything CI runs: both built-in kernels, every
#                        page size, sanitizers, a fuzz smoke run
#   make tsan            the concurrent scenarios under ThreadSanitizer
#   make coverage        line and branch coverage of ffa.c by the suite
#   make bench           runner overhead, suite throughput, scaling, memory
#   make fuzz            the proxy under libFuzzer for FUZZ_TIME seconds
#
# Knobs: KERNEL=debian:6.12 | debian:7.N | debian:newest | /path/to/linux
#        PAGE_SIZE=4K | 16K | 64K      PATCHES=series.mbox | dir-of-patches

KERNEL ?= debian:newest
PAGE_SIZE ?= 4K
PATCHES ?=
BUILD := build
SAN ?= 0

# What CI builds: the pinned series of proxy/kernels.pin.
CI_KERNELS := debian:6.12 debian:7.3
CI_PAGE_SIZES := 4K 16K 64K

DEB_PACKAGES := build-essential pkg-config libglib2.0-dev libcmocka-dev \
		libyaml-dev xz-utils
# make test also loads the --html page in a real browser (tests/html-check.sh)
# and checks the suite against the editors' JSON Schema (tests/schema-check.py).
TEST_PACKAGES := chromium python3-jsonschema python3-yaml

prepare = proxy/prepare-variant.sh $(BUILD) '$(1)' '$(2)' '$(3)'
submake = $(MAKE) --no-print-directory -f proxy/variant.mk

all: deps
	@set -e; dir=$$($(call prepare,$(KERNEL),$(PAGE_SIZE),$(PATCHES))); \
	$(submake) VDIR=$$dir SAN=$(SAN) all; \
	$(MAKE) --no-print-directory link-default VDIR=$$dir; \
	echo "built $$dir"

# build/ffa-sim names the default variant only: other builds leave it alone.
link-default:
	@if [ '$(KERNEL)' = debian:newest ] && [ '$(PAGE_SIZE)' = 4K ] && \
	    [ -z '$(PATCHES)' ] && [ '$(SAN)' = 0 ] && [ -x $(VDIR)/obj/ffa-sim ]; then \
		ln -sfn $$(basename $(VDIR))/obj/ffa-sim $(BUILD)/ffa-sim; \
	fi

JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# The README's main command: the scenario suite on one variant.
run: all
	@set -e; dir=$$($(call prepare,$(KERNEL),$(PAGE_SIZE),$(PATCHES))); \
	$$dir/obj/ffa-sim run -j $(JOBS) scenarios

# Edit-compile-test loop: the default variant's unit tests and suite.
check: all
	@set -e; dir=$$($(call prepare,$(KERNEL),$(PAGE_SIZE),$(PATCHES))); \
	$(submake) VDIR=$$dir unit; \
	$$dir/obj/ffa-sim run -j $(JOBS) scenarios

# What CI runs (.ci/run): every built-in variant, plain and sanitized.
test: deps
	@$(MAKE) --no-print-directory deps DEB_PACKAGES='$(TEST_PACKAGES)'
	@set -e; total=0; \
	for k in $(CI_KERNELS); do for ps in $(CI_PAGE_SIZES); do \
		dir=$$(proxy/prepare-variant.sh $(BUILD) "$$k" "$$ps"); \
		for san in 0 1; do \
			echo "=== $$(basename $$dir) $$( [ $$san = 1 ] && echo '(ASan+UBSan)')"; \
			$(submake) VDIR=$$dir SAN=$$san all; \
			$(submake) VDIR=$$dir SAN=$$san unit; \
			bin=$$dir/$$( [ $$san = 1 ] && echo obj-san || echo obj)/ffa-sim; \
			$$bin smoke >/dev/null || { echo "smoke flow failed on $$dir"; exit 1; }; \
			$$bin run -j $(JOBS) --junit $$dir/junit-$$san.xml scenarios; \
			total=$$((total + 1)); \
		done; \
	done; done; \
	echo "$$total variant builds tested"; \
	tests/html-check.sh $$(proxy/prepare-variant.sh $(BUILD) debian:7.3 4K)/obj/ffa-sim; \
	python3 tests/schema-check.py; \
	tests/patch-series.sh debian:7.3 $(BUILD); \
	$(MAKE) --no-print-directory tsan; \
	$(MAKE) --no-print-directory fuzz-smoke

# ThreadSanitizer (docs/concurrency.md): on each built-in kernel at 4K, the
# concurrent scenarios with their CPUs really at once, and the unit tests
# of what the CPUs share.  TSan's own reports go to obj-tsan/tsan*.PID
# beside the binary; each race fails its scenario with a summary line, and
# a known one is a known failure (build: tsan).
TSAN_TESTS := test_hyp_pagestate test_hyp_host_smc test_proxy_spmc \
	      test_spmc_threads test_sim_sched test_sim_concurrent

tsan: deps
	@set -e; for k in $(CI_KERNELS); do \
		dir=$$(proxy/prepare-variant.sh $(BUILD) "$$k" 4K); \
		echo "=== $$(basename $$dir) (ThreadSanitizer)"; \
		$(submake) VDIR=$$dir SAN=thread all; \
		rm -f $$dir/obj-tsan/tsan*.*; \
		for t in $(TSAN_TESTS); do \
			echo "== $$t"; \
			FFA_SIM_BIN=$$dir/obj-tsan/ffa-sim \
			TSAN_OPTIONS="log_path=$$dir/obj-tsan/tsan-$$t" \
				$$dir/obj-tsan/tests/$$t || { \
				echo "$$t failed; ThreadSanitizer's reports: $$dir/obj-tsan/tsan-$$t.*"; \
				exit 1; }; \
		done; \
		TSAN_OPTIONS="log_path=$$dir/obj-tsan/tsan" \
			$$dir/obj-tsan/ffa-sim run -j $(JOBS) scenarios/concurrency; \
	done

# Line and branch coverage of the variant's ffa.c reached by the suite.
coverage: deps
	@set -e; dir=$$($(call prepare,$(KERNEL),$(PAGE_SIZE),$(PATCHES))); \
	find $$dir/obj-cov -name '*.gcda' -delete 2>/dev/null || true; \
	$(submake) VDIR=$$dir COVERAGE=1 all >/dev/null; \
	status=0; $$dir/obj-cov/ffa-sim run -j $(JOBS) scenarios > $$dir/coverage-run.txt || status=$$?; \
	tail -n 1 $$dir/coverage-run.txt; \
	rm -rf $$dir/coverage && mkdir -p $$dir/coverage; \
	gcov -b -c -o $$dir/obj-cov/kernel $$dir/kernel/arch/arm64/kvm/hyp/nvhe/ffa.c 2>/dev/null | \
		awk '/^File .*ffa.c/ { on = 1 } on && /executed|Taken/ { print "ffa.c: " $$0 } on && /^$$/ { exit }'; \
	mv *.gcov $$dir/coverage/; \
	echo "ffa.c: $$(grep -c '^ *#####:' $$dir/coverage/ffa.c.gcov) lines never reached"; \
	echo "annotated source: $$dir/coverage/ffa.c.gcov"; \
	exit $$status

# Rewrite proxy/kernels.pin with the archive's current versions.
pin:
	proxy/kernel-src.sh pin

# Install what the build needs: apt-get as root, else say the command.
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else \
			echo "ffa-sim needs these packages; run:"; \
			echo "  sudo apt-get install -y $$missing"; \
			exit 1; \
		fi; \
	fi

clean:
	rm -rf $(BUILD)

.PHONY: all link-default run check test tsan coverage pin deps clean

# Benchmarks (bench/README.md) on one variant, in an object folder of their
# own.  valgrind is needed here only, so it has a package list of its own.
BENCH_PACKAGES := valgrind
BENCH_OBJ := obj-bench

bench: deps
	@$(MAKE) --no-print-directory deps DEB_PACKAGES='$(BENCH_PACKAGES)'
	@set -e; dir=$$($(call prepare,$(KERNEL),$(PAGE_SIZE),$(PATCHES))); \
	$(MAKE) --no-print-directory -f bench/bench.mk VDIR=$$dir \
		OBJ_NAME=$(BENCH_OBJ) >/dev/null; \
	bench/run.sh $$dir/$(BENCH_OBJ)

.PHONY: bench

# Fuzzing (fuzz/README.md): the real proxy under libFuzzer, ASan and UBSan,
# the invariants as the oracle, for FUZZ_TIME seconds on FUZZ_JOBS workers.
# A finding not in fuzz/known-findings.txt is written out as a scenario,
# checked with the variant's ASan+UBSan ffa-sim, and fails the target.
# clang and libFuzzer's runtime are needed here only.
FUZZ_PACKAGES := clang libclang-rt-dev
FUZZ_TIME ?= 180
FUZZ_JOBS ?= $(JOBS)

fuzz: deps
	@$(MAKE) --no-print-directory deps DEB_PACKAGES='$(FUZZ_PACKAGES)'
	@set -e; dir=$$($(call prepare,$(KERNEL),$(PAGE_SIZE),$(PATCHES))); \
	$(submake) VDIR=$$dir SAN=1 $$dir/obj-san/ffa-sim >/dev/null; \
	$(MAKE) --no-print-directory -f fuzz/fuzz.mk VDIR=$$dir >/dev/null; \
	fuzz/run.sh $$dir $(FUZZ_TIME) $(FUZZ_JOBS)

# The CI smoke: a short single-worker run on the pinned 7.x series, then
# the harness's self-test (replays are deterministic, emitted scenarios
# pass or fail in the runner as the fuzzer saw them).
FUZZ_SMOKE_TIME ?= 20

fuzz-smoke: deps
	@$(MAKE) --no-print-directory deps DEB_PACKAGES='$(FUZZ_PACKAGES)'
	@set -e; dir=$$(proxy/prepare-variant.sh $(BUILD) debian:7.3 4K); \
	$(submake) VDIR=$$dir SAN=1 $$dir/obj-san/ffa-sim >/dev/null; \
	$(MAKE) --no-print-directory -f fuzz/fuzz.mk VDIR=$$dir >/dev/null; \
	fuzz/run.sh $$dir $(FUZZ_SMOKE_TIME) 1; \
	status=0; ASAN_OPTIONS=detect_leaks=0 $$dir/obj-fuzz/ffa-fuzz \
		--self-test=1 --known=fuzz/known-findings.txt $$dir/fuzz/seeds \
		> $$dir/fuzz/self-test.log 2>&1 || status=$$?; \
	grep 'ffa-fuzz: self-test' $$dir/fuzz/self-test.log; \
	exit $$status

.PHONY: fuzz fuzz-smoke
