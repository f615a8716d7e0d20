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
#   make fuzz-smoke      what make test fuzzes: a short run and the self-test
#   make pin             move proxy/kernels.pin to the archive's versions
#   make install         the variant, suite, docs, man pages and bash
#                        completion under PREFIX (default /usr/local)
#
# Knobs: KERNEL=debian:6.12 | debian:7.N | debian:newest | /path/to/linux
#        PAGE_SIZE=4K | 16K | 64K      PATCHES=series.mbox | dir-of-patches
#        KERNEL=~/linux@REF (a git tree's commit)
#        PATCHES=A..B (git format-patch A..B of a git KERNEL; A.. is A..HEAD)
#        BASE=REF: PATCHES=REF..HEAD, and the base built too, for compare
#        SPMC=mock | tf-a | tf-a:2.8 | tf-a:2.12 | tf-a:/path/to/tf-a (EL3)
#        DRIVER=yes | no (no: without Linux's FF-A driver as the host, for a
#        tree whose driver does not build; driver: scenarios are skipped)
#        SAN=0 | 1 (ASan+UBSan)        JOBS=N (scenarios run at once)
#        FUZZ_TIME, FUZZ_JOBS, FUZZ_SMOKE_TIME, FUZZ_DRIVER_SMOKE_TIME
#        (seconds, workers)
#        PREFIX=/usr/local  DESTDIR= (make install)
#
# The recipes only call scripts; each script says what it does.

KERNEL ?= debian:newest
PAGE_SIZE ?= 4K
PATCHES ?=
# The EL3: the mock SPMC, or TF-A's EL3 SPMC from Debian's source
# (docs/spmc.md).  The scripts read it from the environment.
SPMC ?= mock
export SPMC
# Linux's FF-A driver as the host (host/README.md), or not; read from the
# environment as SPMC is.
DRIVER ?= yes
export DRIVER
SAN ?= 0
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BUILD := build

# What CI builds: every series pinned in proxy/kernels.pin, at every page
# size.  The checks made on one variant only use the newest series.
CI_KERNELS := $(shell proxy/kernel-src.sh pinned)
CI_NEWEST := $(lastword $(CI_KERNELS))
CI_PAGE_SIZES := 4K 16K 64K

DEB_PACKAGES := build-essential pkg-config libglib2.0-dev libcmocka-dev \
		libyaml-dev libdw-dev xz-utils
# make test also loads the --html page in a real browser (tests/html-check.sh)
# and checks the suite against the editors' JSON Schema (tests/schema-check.py);
# groff reads the man pages of make install back (tests/install-check.sh);
# zip and unzip pack and check the ClusterFuzzLite seeds.
TEST_PACKAGES := chromium python3-jsonschema python3-yaml groff-base zip unzip
# valgrind for the benchmarks, clang and libFuzzer's runtime for fuzzing.
BENCH_PACKAGES := valgrind
FUZZ_PACKAGES := clang libclang-rt-dev

# The unit tests make tsan runs (docs/concurrency.md): what the CPUs share.
TSAN_TESTS := test_hyp_pagestate test_hyp_host_smc test_proxy_spmc \
	      test_spmc_threads test_sim_sched test_sim_concurrent

BENCH_OBJ := obj-bench
FUZZ_TIME ?= 180
FUZZ_JOBS ?= $(JOBS)
FUZZ_SMOKE_TIME ?= 20
FUZZ_DRIVER_SMOKE_TIME ?= 15

# From a git tree: BASE=REF is the series REF..HEAD; a range's start is
# also built on its own, the other side of compare.
ifneq ($(BASE),)
PATCHES := $(BASE)..HEAD
endif
git_base := $(if $(findstring ..,$(PATCHES)),$(if $(wildcard $(PATCHES)),,$(firstword $(subst .., ,$(PATCHES)))))

# The variant the knobs name, as the scripts take it.
variant := $(BUILD) '$(KERNEL)' '$(PAGE_SIZE)' '$(PATCHES)'
# build/ffa-sim names the default variant only: other builds leave it alone.
default_variant := $(and $(filter debian:newest,$(KERNEL)),$(filter 4K,$(PAGE_SIZE)),$(if $(PATCHES),,yes),$(filter 0,$(SAN)),$(filter mock,$(SPMC)),$(filter yes,$(DRIVER)))
install = scripts/install-packages.sh

# A plain build is the edit-build-run loop: the command only.  A sanitized
# build is for testing: its unit tests are linked too.
all: deps
	@MAKE='$(MAKE)' proxy/build-variant.sh $(if $(default_variant),--link $(BUILD)/ffa-sim) \
		$(variant) $(SAN) all $(if $(filter 0,$(SAN)),,tests)
ifneq ($(git_base),)
	@MAKE='$(MAKE)' proxy/build-variant.sh $(BUILD) '$(KERNEL)@$(git_base)' \
		'$(PAGE_SIZE)' '' $(SAN) all $(if $(filter 0,$(SAN)),,tests)
	@echo "base: $$(basename $$(proxy/prepare-variant.sh $(BUILD) '$(KERNEL)@$(git_base)' '$(PAGE_SIZE)'))"
	@echo "series: $$(basename $$(proxy/prepare-variant.sh $(variant)))"
	@echo "compare them: $(BUILD)/$$(basename $$(proxy/prepare-variant.sh $(variant)))/obj/ffa-sim compare --variant $$(basename $$(proxy/prepare-variant.sh $(BUILD) '$(KERNEL)@$(git_base)' '$(PAGE_SIZE)')) --variant $$(basename $$(proxy/prepare-variant.sh $(variant)))"
endif

# The README's main command: the scenario suite on one variant.
run: all
	@tests/run-suite.sh $(variant) $(JOBS)

# Edit-compile-test loop: the default variant's unit tests and suite.
check: all
	@tests/check-layers.sh
	@MAKE='$(MAKE)' tests/run-unit-tests.sh $(variant)
	@tests/run-suite.sh $(variant) $(JOBS)

# What CI runs (.ci/run): every built-in variant, plain and sanitized.
test: deps
	@$(install) $(TEST_PACKAGES)
	@tests/check-layers.sh
	@MAKE='$(MAKE)' tests/ci.sh $(BUILD) $(JOBS) '$(CI_KERNELS)' '$(CI_PAGE_SIZES)'

tsan: deps
	@MAKE='$(MAKE)' tests/tsan.sh $(BUILD) $(JOBS) '$(CI_KERNELS)' $(TSAN_TESTS)

coverage: deps
	@MAKE='$(MAKE)' tests/coverage.sh $(variant) $(JOBS)

# Benchmarks (bench/README.md) on one variant, in an object folder of their own.
bench: deps
	@$(install) $(BENCH_PACKAGES)
	@MAKE='$(MAKE)' bench/build-and-run.sh $(variant) $(BENCH_OBJ)

# Fuzzing (fuzz/README.md): the real proxy under libFuzzer, ASan and UBSan,
# the invariants as the oracle.  A finding not in fuzz/known-findings.txt is
# written out as a scenario, checked with the variant's ASan+UBSan ffa-sim,
# and fails the target.
fuzz: deps
	@$(install) $(FUZZ_PACKAGES)
	@MAKE='$(MAKE)' fuzz/build-and-run.sh $(variant) $(FUZZ_TIME) $(FUZZ_JOBS)

fuzz-smoke: deps
	@$(install) $(FUZZ_PACKAGES)
	@MAKE='$(MAKE)' fuzz/smoke.sh $(BUILD) $(CI_NEWEST) $(FUZZ_SMOKE_TIME) \
		$(FUZZ_DRIVER_SMOKE_TIME)

pin:
	proxy/kernel-src.sh pin

# The variant the knobs name, with the suite, docs, man pages and bash
# completion, so that ffa-sim works from any folder (dist/README.md).
PREFIX ?= /usr/local
install: all
	@dist/install.sh "$$(proxy/prepare-variant.sh $(variant))" '$(PREFIX)' '$(DESTDIR)'

# Install what the build needs: apt-get as root, else say the command.
deps:
	@$(install) $(DEB_PACKAGES)

clean:
	rm -rf $(BUILD)

.PHONY: all run check test tsan coverage bench fuzz fuzz-smoke pin install deps clean
