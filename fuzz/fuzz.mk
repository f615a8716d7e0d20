# SPDX-License-Identifier: GPL-2.0-only
#
# Builds the libFuzzer harness of one variant into $(VDIR)/obj-fuzz:
#
#	make -f fuzz/fuzz.mk VDIR=build/linux-7.3.4-4k
#
# The variant's own build (proxy/variant.mk) with clang, ASan and UBSan.
# Only the code under test gets libFuzzer's coverage instrumentation:
# ffa.c, the EL2 model and the mock SPMC (whose state is part of how deep
# an input got).  The harness and the scenario engine it borrows
# (descriptors, the loader for seeds, the runner for the self-test) are
# sanitized but not instrumented, so that their branches are not progress.
#
# ffa.o's .data and .bss are renamed to ffa_data and ffa_bss so that the
# linker provides __start_/__stop_ symbols around them: the harness
# snapshots ffa.c's file-scope statics once and puts them back before
# every input (fuzz/machine.c).

SAN := 1
OBJ_NAME := obj-fuzz
CC := clang
include proxy/variant.mk

.DEFAULT_GOAL := fuzz-bin
OBJCOPY ?= objcopy

# Kbuild leaves UBSan's alignment check off on arm64 (unaligned loads from
# normal memory are fine there), so a descriptor at an odd host-chosen
# offset is not a finding.
NOALIGN := -fno-sanitize=alignment
COV := -fsanitize=fuzzer-no-link

$(FFA_OBJ): KFLAGS += $(NOALIGN) $(COV)
$(OBJ)/proxy/hyp/%.o: HYPFLAGS += $(NOALIGN) $(COV)
$(OBJ)/spmc_mock/%.o: CFLAGS_OURS += $(NOALIGN) $(COV)
$(OBJ)/fuzz/%.o: CFLAGS_OURS += $(NOALIGN)
# The engine is linted by the gcc build (clang is quiet about it); its
# UBSan reports are printed without stopping the fuzzer, whose findings
# are ffa.c's.
$(OBJ)/sim/%.o: CFLAGS_OURS += $(NOALIGN) -w -fsanitize-recover=undefined

FUZZ_SRCS := $(wildcard fuzz/*.c)
FFA_SNAP_OBJ := $(OBJ)/kernel/ffa-snap.o
ENGINE_LIB := $(OBJ)/libengine.a
FUZZ_BIN := $(OBJ)/ffa-fuzz
FUZZ_OBJS := $(call obj,$(FUZZ_SRCS) $(SPMC_SRCS) $(HYP_SRCS))

fuzz-bin: $(FUZZ_BIN)

# A change of these flags rebuilds what they apply to.
$(FFA_OBJ) $(FUZZ_OBJS) $(call obj,$(ENGINE_SRCS) $(HW_SRCS)): fuzz/fuzz.mk

$(FFA_SNAP_OBJ): $(FFA_OBJ)
	$(OBJCOPY) --rename-section .data=ffa_data --rename-section .bss=ffa_bss $< $@

$(ENGINE_LIB): $(call obj,$(ENGINE_SRCS) $(HW_SRCS))
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BIN): $(FUZZ_OBJS) $(FFA_SNAP_OBJ) $(ENGINE_LIB)
	$(CC) -fsanitize=fuzzer $(SANFLAGS) $(NOALIGN) $^ $(PKG_LIBS) -o $@

.PHONY: fuzz-bin
