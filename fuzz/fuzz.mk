# SPDX-License-Identifier: GPL-2.0-only
#
# Builds the libFuzzer harness of one variant into $(VDIR)/obj-fuzz:
#
#	make -f fuzz/fuzz.mk VDIR=build/linux-7.3.4-4k
#
# The variant's own build (proxy/variant.mk) with clang, ASan and UBSan.
# Only the code under test gets libFuzzer's coverage instrumentation:
# ffa.c, the EL2 model and the SPMC, the mock or TF-A's (whose state is
# part of how deep an input got).  The harness and the scenario engine it borrows
# (descriptors, the loader for seeds, the runner for the self-test) are
# sanitized but not instrumented, so that their branches are not progress.
#
# ffa.o's statics are bracketed as in every build (proxy/variant.mk): the
# harness puts them back before every input (proxy/hyp/statics.c).

SAN := 1
OBJ_NAME := obj-fuzz
CC := clang
include proxy/variant.mk

.DEFAULT_GOAL := fuzz-bin
# The engine and the linker: a fuzzing service gives its own
# (.clusterfuzzlite/build.sh), as it gives SAN=external and COV=.
FUZZ_ENGINE ?= -fsanitize=fuzzer
FUZZ_LD ?= $(CC)

# Kbuild leaves UBSan's alignment check off on arm64 (unaligned loads from
# normal memory are fine there), so a descriptor at an odd host-chosen
# offset is not a finding.
NOALIGN := -fno-sanitize=alignment
COV := -fsanitize=fuzzer-no-link

$(FFA_OBJ): KFLAGS += $(NOALIGN) $(COV)
$(OBJ)/proxy/hyp/%.o: HYPFLAGS += $(NOALIGN) $(COV)
$(OBJ)/spmc_mock/%.o: CFLAGS_OURS += $(NOALIGN) $(COV)
$(OBJ)/fuzz/%.o: CFLAGS_OURS += $(NOALIGN)
$(OBJ)/hw/%.o: CFLAGS_OURS += $(NOALIGN)
# The engine is linted by the gcc build (clang is quiet about it); its
# UBSan reports are printed without stopping the fuzzer, whose findings
# are ffa.c's.
$(OBJ)/sim/%.o: CFLAGS_OURS += $(NOALIGN) -w -fsanitize-recover=undefined
# Linux's FF-A driver is code under test of ffa-driver-fuzz (its state is
# part of how deep an input got): instrumented.  Its glue is not, and the
# gcc build lints both.
$(OBJ)/kernel/arm_ffa/%.o: HOST_KFLAGS += $(NOALIGN) -w $(COV)
$(OBJ)/host/%.o: HOSTFLAGS += $(NOALIGN) -w

FUZZ_SRCS := $(wildcard fuzz/*.c)
ENGINE_LIB := $(OBJ)/libengine.a
FUZZ_BIN := $(OBJ)/ffa-fuzz
FUZZ_OBJS := $(call obj,$(FUZZ_SRCS) $(SPMC_SRCS) $(HYP_SRCS))

fuzz-bin: $(FUZZ_BIN)

# A change of these flags rebuilds what they apply to.
$(FFA_OBJ) $(FUZZ_OBJS) $(call obj,$(ENGINE_SRCS) $(HW_SRCS)): fuzz/fuzz.mk
$(DRIVER_OBJS): fuzz/fuzz.mk

$(ENGINE_LIB): $(call obj,$(ENGINE_SRCS) $(HW_SRCS) $(HOST_SRCS)) $(DRIVER_OBJS)
	@rm -f $@
	$(call say,AR,$@)
	$(Q)ar rcs $@ $^

# TF-A's EL3 SPMC is code under test too (docs/spmc.md): instrumented.
ifeq ($(SPMC_KIND),tfa)
$(OBJ)/tfa/%.o: TFA_CFLAGS += $(NOALIGN) $(COV)
$(OBJ)/spmc_tfa/%.o: TFA_PORT_CFLAGS += $(NOALIGN) $(COV)
$(TFA_OBJS) $(TFA_PORT_OBJS): fuzz/fuzz.mk
FUZZ_OBJS += $(TFA_EL3) $(TFA_PORT_OBJS)
endif

$(FUZZ_BIN): $(FUZZ_OBJS) $(FFA_OBJ) $(ENGINE_LIB)
	$(call say,LD,$@)
	$(Q)$(FUZZ_LD) $(FUZZ_ENGINE) $(SANFLAGS) $(NOALIGN) $^ $(PKG_LIBS) -o $@

# ffa-sim linked from the same objects, so that an emitted scenario is
# replayed with exactly the fuzzer's sanitizers (fuzz/run.sh).
REPLAY_BIN := $(OBJ)/ffa-sim-replay
replay-bin: $(REPLAY_BIN)

$(REPLAY_BIN): $(OBJ)/sim/cli/main.o $(LIB)
	$(call say,LD,$@)
	$(Q)$(FUZZ_LD) -fsanitize=fuzzer-no-link $(SANFLAGS) $(NOALIGN) $^ \
		$(PKG_LIBS) -o $@

# ffa-driver-fuzz (fuzz/driver/): the driver's client API as the input.
# It borrows the proxy fuzzer's machine, oracle and set-up text through an
# archive, so that neither fuzzer's entry points reach the other.
DRIVER_FUZZ_BIN := $(OBJ)/ffa-driver-fuzz
DRIVER_FUZZ_OBJS := $(call obj,$(wildcard fuzz/driver/*.c))
FZ_LIB := $(OBJ)/libfz.a
ifeq ($(HOST_DRIVER),no)
driver-fuzz-bin:
	@echo "ffa-sim: error: $(VARIANT_NAME) was built with DRIVER=no: Linux's FF-A driver is not compiled, so ffa-driver-fuzz is not built" >&2
	@false
else
driver-fuzz-bin: $(DRIVER_FUZZ_BIN)
endif

$(FZ_LIB): $(filter-out $(OBJ)/fuzz/harness.o,$(call obj,$(FUZZ_SRCS)))
	@rm -f $@
	$(call say,AR,$@)
	$(Q)ar rcs $@ $^

$(DRIVER_FUZZ_OBJS): fuzz/fuzz.mk

$(DRIVER_FUZZ_BIN): $(DRIVER_FUZZ_OBJS) $(FZ_LIB) \
		    $(filter-out $(OBJ)/fuzz/%,$(FUZZ_OBJS)) $(FFA_OBJ) $(ENGINE_LIB)
	$(call say,LD,$@)
	$(Q)$(FUZZ_LD) $(FUZZ_ENGINE) $(SANFLAGS) $(NOALIGN) $^ $(PKG_LIBS) -o $@

.PHONY: fuzz-bin replay-bin driver-fuzz-bin
