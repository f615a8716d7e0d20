# SPDX-License-Identifier: GPL-2.0-only
#
# Builds the scenario loader's libFuzzer harness of one variant into
# $(VDIR)/obj-fuzz-load:
#
#	make -f fuzz/loader/load.mk VDIR=build/linux-7.3.4-4k
#
# The variant's own build (proxy/variant.mk) with clang, ASan and UBSan,
# in an object folder of its own: here the code under test is the
# scenario language (sim/lang/), so it is what gets libFuzzer's coverage
# instrumentation, where the proxy fuzzer (fuzz/fuzz.mk) leaves it out.

SAN := 1
OBJ_NAME := obj-fuzz-load
CC := clang
include proxy/variant.mk

.DEFAULT_GOAL := load-fuzz-bin

# Kbuild's arm64 choice, as in fuzz/fuzz.mk; clang's own warnings about
# the engine are the gcc build's business.
NOALIGN := -fno-sanitize=alignment
COV := -fsanitize=fuzzer-no-link

$(OBJ)/sim/lang/%.o: CFLAGS_OURS += $(COV)
$(OBJ)/sim/%.o: CFLAGS_OURS += $(NOALIGN) -w
$(FFA_OBJ): KFLAGS += $(NOALIGN)
$(OBJ)/proxy/hyp/%.o: HYPFLAGS += $(NOALIGN)
$(OBJ)/spmc_mock/%.o: CFLAGS_OURS += $(NOALIGN)
$(OBJ)/fuzz/loader/%.o: CFLAGS_OURS += $(NOALIGN)

LOAD_FUZZ_BIN := $(OBJ)/ffa-load-fuzz
LOAD_FUZZ_OBJ := $(OBJ)/fuzz/loader/load_fuzz.o
# An archive, so that only what the loader needs is linked: not the
# proxy, not Linux's FF-A driver (which clang does not build here).
LANG_LIB := $(OBJ)/liblang.a
LANG_LIB_OBJS := $(call obj,$(ENGINE_SRCS) $(HW_SRCS) $(SPMC_SRCS) $(HYP_SRCS))

load-fuzz-bin: $(LOAD_FUZZ_BIN)

$(call obj,$(wildcard sim/lang/*.c)) $(LOAD_FUZZ_OBJ): fuzz/loader/load.mk

$(LANG_LIB): $(LANG_LIB_OBJS)
	@rm -f $@
	$(call say,AR,$@)
	$(Q)ar rcs $@ $^

$(LOAD_FUZZ_BIN): $(LOAD_FUZZ_OBJ) $(LANG_LIB)
	$(call say,LD,$@)
	$(Q)$(CC) -fsanitize=fuzzer $(SANFLAGS) $(NOALIGN) $^ $(PKG_LIBS) -o $@

.PHONY: load-fuzz-bin
